import type { DeadlinesReport } from "../deadlines.ts";
import type { TermState } from "../domain/deadlines.ts";
import { formatInstant } from "../domain/instant.ts";
import type { DocketOctokit } from "../store/github-octokit.ts";
import { createGitHubIssues } from "./github-issues.ts";
import { codeSpan, escapeMarkdown, isGitHubLogin } from "./markdown.ts";

export const DASHBOARD_MARKER = "<!-- docket:dashboard -->";
export const DASHBOARD_LABEL = "docket-dashboard";
export const DASHBOARD_TITLE = "Docket: open complaints by due date";

/** GitHub refuses an issue body over 65,536 characters; rows past this budget are counted, not shown. */
const BODY_BUDGET = 60_000;

const STATE_WORD: Record<TermState, string> = {
  ok: "ok",
  due_soon: "due soon",
  overdue: "**OVERDUE**",
};

export interface DashboardOptions {
  owner: string;
  repo: string;
  now: Date;
  /** The branch dossiers live on, for the links (default `main`). */
  branch?: string;
  /** How the update time is shown (default Europe/Amsterdam). */
  timeZone?: string;
  /** GitHub Enterprise Server's address (default https://github.com). */
  serverUrl?: string;
}

/**
 * The dashboard issue's body: every open case, the earliest next term first, as
 * a table linking each dossier on the branch; a count; the time of the update;
 * and the marker Docket finds the issue by. Pure; no text from a dossier
 * reaches it unescaped.
 */
export function renderDashboard(report: DeadlinesReport, options: DashboardOptions): string {
  const server = (options.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  const base = `${server}/${options.owner}/${options.repo}/blob/${encodeURIComponent(options.branch ?? "main")}`;
  const link = (path: string) => `${base}/${path.split("/").map(encodeURIComponent).join("/")}`;
  const lines = [DASHBOARD_MARKER, "## Open complaints by due date", ""];

  if (report.cases.length === 0) {
    lines.push("No open cases.");
  } else {
    lines.push(
      "| Dossier | Status | Next term | Due | State | Handler |",
      "|---|---|---|---|---|---|",
    );
    let size = lines.join("\n").length;
    let hidden = 0;
    for (const c of report.cases) {
      const row = [
        `[${escapeMarkdown(c.id)}](${link(c.path)})`,
        c.status.replace(/_/g, " "),
        c.next?.kind ?? "–",
        c.next?.due ?? "–",
        `${c.next ? STATE_WORD[c.next.state] : "–"}${c.undelivered ? ` · **${c.undelivered} letter${c.undelivered === 1 ? "" : "s"} not delivered**` : ""}`,
        handlerCell(c.handler),
      ];
      const line = `| ${row.join(" | ")} |`;
      if (size + line.length > BODY_BUDGET) {
        hidden += 1;
        continue;
      }
      size += line.length + 1;
      lines.push(line);
    }
    if (hidden > 0)
      lines.push("", `…and ${hidden} more, not shown: run \`docket deadlines\` for all.`);
  }

  const count = (state: TermState) => report.cases.filter((c) => c.next?.state === state).length;
  const n = report.cases.length;
  lines.push(
    "",
    `**${n} open case${n === 1 ? "" : "s"}**: ${count("overdue")} overdue, ${count("due_soon")} due soon, ${count("ok")} ok.`,
  );
  if (report.skipped.length > 0) {
    lines.push("", "Dossiers Docket could not read (`docket validate` names the problem):", "");
    for (const s of report.skipped.slice(0, 50)) lines.push(`- ${codeSpan(s.file)}`);
    if (report.skipped.length > 50) lines.push(`- …and ${report.skipped.length - 50} more`);
  }
  const timeZone = options.timeZone ?? "Europe/Amsterdam";
  lines.push(
    "",
    `<sub>Updated ${formatInstant(options.now, timeZone)} (${escapeMarkdown(timeZone)}) by \`docket deadlines\`. ` +
      `Docket rewrites this issue on every run: edits to it are lost; comments stay.</sub>`,
    "",
  );
  return lines.join("\n");
}

function handlerCell(handler: { name: string; github?: string | undefined }): string {
  const name = escapeMarkdown(handler.name);
  return handler.github && isGitHubLogin(handler.github) ? `${name} (@${handler.github})` : name;
}

export interface PublishDashboardOptions extends DashboardOptions {
  octokit: DocketOctokit;
  report: DeadlinesReport;
}

export interface PublishedDashboard {
  number: number;
  url: string;
  /** What was done: the issue made, reopened, or its body replaced. */
  outcome: "created" | "reopened" | "updated";
}

/**
 * Keeps one issue, labelled `docket-dashboard`, up to date: found by its label
 * and marker (open or closed), created the first time (with the label, made if
 * missing), afterwards only its body replaced, and reopened when someone
 * closed it. Needs `issues: write`.
 */
export async function publishDashboard(
  options: PublishDashboardOptions,
): Promise<PublishedDashboard> {
  const issues = createGitHubIssues({ ...options, need: "issues: write" });
  const body = renderDashboard(options.report, options);
  const existing = await issues.findIssue(DASHBOARD_LABEL, DASHBOARD_MARKER);
  if (existing) {
    const reopen = existing.state === "closed";
    const issue = await issues.updateIssue(existing.number, {
      body,
      ...(reopen ? { state: "open" as const } : {}),
    });
    return { number: issue.number, url: issue.html_url, outcome: reopen ? "reopened" : "updated" };
  }
  await issues.ensureLabel(
    DASHBOARD_LABEL,
    "0e8a16",
    "Docket keeps this issue up to date: open complaints by due date",
  );
  const issue = await issues.createIssue({
    title: DASHBOARD_TITLE,
    body,
    labels: [DASHBOARD_LABEL],
  });
  return { number: issue.number, url: issue.html_url, outcome: "created" };
}
