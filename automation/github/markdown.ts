/**
 * Text that people wrote (a complainant, a handler, a letter template) placed
 * into GitHub Markdown so it renders as itself: no HTML, no links, no
 * headings, no mentions. Pure.
 */

const ZERO_WIDTH_SPACE = "\u200b";

/**
 * Breaks `@name` and `@org/team` so GitHub notifies nobody: a zero-width space
 * after the `@`. Only where GitHub would see a mention (the `@` not preceded by
 * a letter, digit, `_`, `-`, `/` or backtick), so an e-mail address such as
 * `klachten@example.nl` stays intact for copying.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/(?<![A-Za-z0-9_\-/`])@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`);
}

/** Escapes every ASCII punctuation character CommonMark could read as markup; mentions are broken as well. */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, " ");
  return neutralizeMentions(flat.replace(/[\\`*_{}[\]()<>#+.!|~&"'=:]/g, (c) => `\\${c}`));
}

/** The longest run of `char` in `text`. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * `text` as an inline code span: delimited by one backtick more than its
 * longest run, padded with a space that CommonMark strips. Nothing in it
 * renders; line breaks become spaces.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const ticks = "`".repeat(longestRun(flat, "`") + 1);
  return `${ticks} ${flat} ${ticks}`;
}

/**
 * `text` as a fenced code block, with a fence of backticks longer than any
 * run of backticks in it (at least three), so no line inside can close it.
 * Line ends become LF; mentions are broken too, for renderers that are less
 * careful than GitHub's.
 */
export function fencedBlock(text: string, info = "text"): string {
  const body = neutralizeMentions(text.replace(/\r\n?/g, "\n")).replace(/\n+$/, "");
  const fence = "`".repeat(Math.max(3, longestRun(body, "`") + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** Text for an HTML element's content (`<summary>`): `&`, `<`, `>` and quotes as entities, mentions broken. */
export function escapeHtmlText(text: string): string {
  const escaped = text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return neutralizeMentions(escaped);
}

/** GitHub's rule for a user name: letters, digits and single hyphens, 1–39 characters. */
export function isGitHubLogin(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(name);
}
