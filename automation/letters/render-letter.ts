import { Marked, type Token } from "marked";
import {
  checkPlaceholders,
  expand,
  LetterTemplateError,
  parseTemplate,
} from "./letter-template.ts";
import type { LetterView } from "./letter-template.ts";
import { linkFor } from "./link-values.ts";
import { markdownText } from "./markdown-text.ts";

export { LetterTemplateError } from "./letter-template.ts";
export type { LetterValues, LetterView } from "./letter-template.ts";

/**
 * `renderLetter`: a template (letters/<letter>.<lang>.md) and a view in, the
 * subject, text part and HTML part out. Pure.
 *
 * - The Markdown is read while every placeholder is still an opaque
 *   alphanumeric token; only then are the tokens replaced by the values. A
 *   complainant's words can never become Markdown, HTML or a link.
 * - Text: the Markdown as plain text (`markdownText`), values verbatim; a
 *   value of several lines keeps the indentation of the line it is on.
 * - HTML: the subject is the one `h1`, the template's headings come below it;
 *   values HTML-escaped; an address value (an e-mail address, the website,
 *   the portal, the dossier's link, a phone number) is a link.
 * - Subject: one line; control characters in values become spaces.
 */
export interface RenderedLetter {
  subject: string;
  text: string;
  html: string;
}

/** GFM with `breaks`: a new line in a template is a new line in the letter, as in the text part. */
const markdown = new Marked({ gfm: true, breaks: true });
// The subject is the letter's only h1: a template's `#` heading is shown one level down.
function belowTitle(token: Token): void {
  if (token.type === "heading") token.depth = Math.min(6, Math.max(2, token.depth));
}

// Templates are parsed once per text: a dispatch renders thousands of letters from a dozen templates.
const PARSED = new Map<string, ReturnType<typeof parseTemplate>>();
function parsedTemplate(template: string, file: string): ReturnType<typeof parseTemplate> {
  const key = `${file}\0${template}`;
  let parsed = PARSED.get(key);
  if (!parsed) {
    parsed = parseTemplate(template, file);
    if (PARSED.size > 200) PARSED.clear();
    PARSED.set(key, parsed);
  }
  return parsed;
}

interface Slot {
  value: string;
  path: string;
}

export function renderLetter(
  template: string,
  view: LetterView,
  file = "letter template",
): RenderedLetter {
  const parsed = parsedTemplate(template, file);
  checkPlaceholders(parsed, view, file);
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(view.language)) {
    throw new LetterTemplateError(
      `${file}: the view's language "${view.language}" is not a language tag`,
    );
  }

  const subject = oneLine(expand(parsed.subject, view, oneLine));

  const prefix = tokenPrefix(template);
  const slots: Slot[] = [];
  const withTokens = tidy(
    expand(parsed.body, view, (value, path) => `${prefix}${slots.push({ value, path }) - 1}z`),
  );
  const token = new RegExp(`${prefix}(\\d+)z`, "g");

  // Lexed once for both parts: the text part reads the tokens, the HTML part renders them.
  const tokens = markdown.lexer(withTokens);
  const plain = markdownText(tokens);
  const text = tidy(
    plain.replace(token, (_, index: string, offset: number) =>
      continueLines(slots[Number(index)]?.value ?? "", plain, offset),
    ),
  );

  markdown.walkTokens(tokens, belowTitle);
  const rendered = markdown.parser(tokens);
  const body = rendered.replace(token, (_, index: string, offset: number) =>
    substitute(slots[Number(index)] ?? { value: "", path: "" }, rendered, offset),
  );
  return { subject, text, html: htmlDocument(subject, body, view.language) };
}

/** A value for the text part: verbatim, its later lines indented as the line it starts on. */
function continueLines(value: string, text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lead = /^[ \t]*(?:• |\d+\. )?/.exec(text.slice(lineStart, offset))?.[0] ?? "";
  const indent = " ".repeat(lead.length);
  return value.replace(/\r\n?/g, "\n").replace(/\n(?=[^\n])/g, `\n${indent}`);
}

/** A token prefix that does not occur in the template, so every match is ours. */
function tokenPrefix(template: string): string {
  let prefix = "docketslot";
  while (template.includes(prefix)) prefix += "q";
  return prefix;
}

/** An escaped value for its place: text (line breaks as <br>, addresses as links), or an attribute. */
function substitute({ value, path }: Slot, html: string, offset: number): string {
  const inTag = html.lastIndexOf("<", offset) > html.lastIndexOf(">", offset);
  if (!inTag) {
    const inLink = html.lastIndexOf("<a ", offset) > html.lastIndexOf("</a>", offset);
    const href = inLink ? undefined : linkFor(path, value);
    const shown = escapeHtml(value).replace(/\r\n?|\n/g, "<br>\n");
    return href ? `<a href="${escapeHtml(href)}">${shown}</a>` : shown;
  }
  const flat = value.replace(/[\r\n]+/g, " ");
  // A value that starts a link must be a web or mail address, never javascript: or data:.
  const startsUrl = /\b(?:href|src)="$/.test(html.slice(Math.max(0, offset - 6), offset));
  if (startsUrl && !/^(?:https?:\/\/|mailto:)/i.test(flat.trim())) return "#";
  return escapeHtml(flat);
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** One line: control characters (line breaks included) become spaces. */
function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** Trailing spaces off, at most one empty line in a row, one final line break. */
function tidy(text: string): string {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd());
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

/** A minimal, accessible document: language, title, no external resources. */
function htmlDocument(subject: string, body: string, language: string): string {
  const title = escapeHtml(subject);
  return [
    "<!doctype html>",
    `<html lang="${language}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    "</head>",
    '<body style="margin:0;padding:24px 16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    `<div role="article" aria-roledescription="email" aria-label="${title}" lang="${language}" style="max-width:40em;margin:0 auto">`,
    `<h1 style="font-size:1.375em;line-height:1.3;margin:0 0 1em">${title}</h1>`,
    body.trim(),
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
