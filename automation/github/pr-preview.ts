import type { DispatchReport } from "../dispatch/dispatch.ts";
import type { DocketOctokit } from "../store/github-octokit.ts";
import { createGitHubIssues } from "./github-issues.ts";
import { maskAddress } from "./mask-address.ts";
import {
  codeSpan,
  escapeHtmlText,
  escapeMarkdown,
  fencedBlock,
  neutralizeMentions,
} from "./markdown.ts";

export const PREVIEW_MARKER = "<!-- docket:letters-preview -->";

/** GitHub refuses a comment over 65,536 characters; letters past this budget are listed without their text. */
const BODY_BUDGET = 60_000;

export type PreviewLetter = DispatchReport["sent"][number];

/**
 * The pull request comment that previews the letters a merge will send: per
 * letter the recipient partly masked, the subject, and the text part in a
 * collapsed block, fenced so nothing in it renders or mentions anyone. Pure.
 */
export function renderPreview(report: Pick<DispatchReport, "sent" | "skipped">): string {
  const lines = [PREVIEW_MARKER, "### Letters this merge will send", ""];
  const letters = report.sent;
  if (letters.length === 0) {
    lines.push(
      "Merging this pull request sends **no letters**: no dossier is owed one that it does not have yet.",
    );
  } else {
    const n = letters.length;
    lines.push(
      `Merging this pull request sends **${n} letter${n === 1 ? "" : "s"}**, as rendered now ` +
        "(a letter's date and terms are those of the moment `docket dispatch` runs):",
    );
    let size = lines.join("\n").length;
    let untold = 0;
    let unlisted = 0;
    letters.forEach((letter, index) => {
      const head = [
        "",
        `#### ${index + 1}. ${escapeMarkdown(letter.id)}: ${escapeMarkdown(letter.letter)}`,
        "",
        `- To: ${letter.to.map((to) => codeSpan(maskAddress(to))).join(", ")}`,
        `- Subject: ${codeSpan(neutralizeMentions(letter.subject))}`,
      ].join("\n");
      const text = [
        "",
        "<details>",
        `<summary>Text of the letter (${escapeHtmlText(letter.id)}, ${escapeHtmlText(letter.letter)})</summary>`,
        "",
        fencedBlock(letter.text),
        "",
        "</details>",
      ].join("\n");
      // Past the budget a letter is listed without its text; past a little more, only counted.
      const shown =
        size + head.length + text.length < BODY_BUDGET
          ? `${head}\n${text}`
          : size + head.length < BODY_BUDGET + 3_000
            ? head
            : undefined;
      if (shown === undefined) unlisted += 1;
      else if (shown === head) untold += 1;
      if (shown !== undefined) {
        lines.push(shown);
        size += shown.length + 1;
      }
    });
    if (untold + unlisted > 0) {
      lines.push(
        "",
        `${untold + unlisted} letter(s) did not fit in this comment` +
          `${unlisted > 0 ? ` (${unlisted} not even listed)` : ""}: run \`docket preview\` to see them all.`,
      );
    }
  }
  if (report.skipped.length > 0) {
    lines.push(
      "",
      "Not previewed: these dossiers break a rule, so no letter goes out for them until they are fixed " +
        "(the Validate check names the line):",
      "",
    );
    for (const s of report.skipped.slice(0, 50)) lines.push(`- ${codeSpan(s.file)}`);
    if (report.skipped.length > 50) lines.push(`- …and ${report.skipped.length - 50} more`);
  }
  lines.push("", "<sub>Updated by `docket preview` on every push to this pull request.</sub>", "");
  return lines.join("\n");
}

/** The pull request number of a workflow's event payload (`GITHUB_EVENT_PATH`), if it is about one. */
export function pullRequestNumber(eventPayload: string): number | undefined {
  let event: unknown;
  try {
    event = JSON.parse(eventPayload);
  } catch {
    return undefined;
  }
  const number = (event as { pull_request?: { number?: unknown } } | null)?.pull_request?.number;
  return typeof number === "number" && Number.isInteger(number) && number > 0 ? number : undefined;
}

/**
 * Posts the preview as ONE comment on the pull request: the comment that
 * starts with the marker is edited in place on later runs, never duplicated.
 * Needs `pull-requests: write`.
 */
export async function publishPreview(options: {
  octokit: DocketOctokit;
  owner: string;
  repo: string;
  pullRequest: number;
  body: string;
}): Promise<{ id: number; url: string; outcome: "created" | "updated" | "unchanged" }> {
  const issues = createGitHubIssues({ ...options, need: "pull-requests: write" });
  const existing = await issues.findComment(options.pullRequest, PREVIEW_MARKER);
  if (existing?.body === options.body)
    return { id: existing.id, url: existing.html_url, outcome: "unchanged" };
  const comment = existing
    ? await issues.updateComment(existing.id, options.body)
    : await issues.createComment(options.pullRequest, options.body);
  return { id: comment.id, url: comment.html_url, outcome: existing ? "updated" : "created" };
}
