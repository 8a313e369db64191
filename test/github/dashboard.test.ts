import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeadlinesReport } from "../../automation/deadlines.ts";
import type { TermStatus } from "../../automation/domain/deadlines.ts";
import {
  DASHBOARD_LABEL,
  DASHBOARD_MARKER,
  DASHBOARD_TITLE,
  publishDashboard,
  renderDashboard,
} from "../../automation/github/dashboard.ts";
import { GitHubIssuesError } from "../../automation/github/github-issues.ts";
import { GitHubIssuesFake, issuesOctokit } from "../support/github-issues-fake.ts";

const NOW = new Date("2026-12-02T08:17:00Z");
const OPTIONS = { owner: "acme", repo: "complaints", now: NOW };

function term(kind: TermStatus["kind"], due: string, state: TermStatus["state"]): TermStatus {
  return { kind, due, met: false, state };
}

function caseOf(n: number, next: TermStatus, handler: { name: string; github?: string }) {
  const id = `KL-2026-${String(n).padStart(4, "0")}`;
  return {
    id,
    status: "in_progress" as const,
    handler: { email: "h@example.nl", ...handler },
    summary: "Factuur",
    terms: [next],
    next,
    path: `dossiers/2026/${id}/dossier.md`,
  };
}

const REPORT: DeadlinesReport = {
  cases: [
    caseOf(3, term("information", "2026-12-01", "overdue"), {
      name: "Sanne de Vries",
      github: "sannedevries",
    }),
    caseOf(1, term("judgement", "2026-12-03", "due_soon"), {
      name: "Piet | <b>Bakker</b> @everyone",
    }),
    caseOf(2, term("resolution", "2026-12-24", "ok"), {
      name: "Ali",
      github: "not a login; @evil",
    }),
  ],
  skipped: [{ file: "dossiers/2026/KL-2026-0009/dossier.md", violations: [] }],
};

describe("renderDashboard", () => {
  const body = renderDashboard(REPORT, OPTIONS);
  const rows = body.split("\n").filter((l) => l.startsWith("| [KL-"));

  it("starts with the hidden marker and lists the open cases in the report's order, one row each", () => {
    expect(body.startsWith(`${DASHBOARD_MARKER}\n`)).toBe(true);
    expect(rows.map((r) => /\[(KL-\d{4}-\d{4})\]/.exec(r.replace(/\\/g, ""))?.[1])).toEqual([
      "KL-2026-0003",
      "KL-2026-0001",
      "KL-2026-0002",
    ]);
  });

  it("links each dossier on main, with status, next term, due date, state and handler", () => {
    expect(rows[0]).toBe(
      "| [KL-2026-0003](https://github.com/acme/complaints/blob/main/dossiers/2026/KL-2026-0003/dossier.md)" +
        " | in progress | information | 2026-12-01 | **OVERDUE** | Sanne de Vries (@sannedevries) |",
    );
    expect(rows[1]).toContain("| judgement | 2026-12-03 | due soon |");
    expect(rows[2]).toContain("| resolution | 2026-12-24 | ok |");
  });

  it("mentions a handler only by a valid GitHub name, and escapes names so they cannot break the table", () => {
    expect(rows[1]).toContain("Piet \\| \\<b\\>Bakker\\</b\\> @\u200beveryone |");
    expect(rows[1]?.split(/(?<!\\)\|/)).toHaveLength(8);
    expect(rows[2]).toMatch(/\| Ali \|$/);
    expect(body).not.toContain("@evil");
  });

  it("counts the cases, names the unreadable dossiers and says when it was updated, in Amsterdam time", () => {
    expect(body).toContain("**3 open cases**: 1 overdue, 1 due soon, 1 ok.");
    expect(body).toContain("- ` dossiers/2026/KL-2026-0009/dossier.md `");
    expect(body).toContain("Updated 2026-12-02T09:17:00+01:00 (Europe/Amsterdam)");
  });

  it("says so when nothing is open", () => {
    const empty = renderDashboard({ cases: [], skipped: [] }, OPTIONS);
    expect(empty).toContain("No open cases.");
    expect(empty).toContain("**0 open cases**");
    expect(empty).not.toContain("| Dossier |");
  });

  it("stays under GitHub's 65,536 characters with thousands of cases", () => {
    const many: DeadlinesReport = {
      cases: Array.from({ length: 2000 }, (_, i) =>
        caseOf(i + 1, term("resolution", "2026-12-24", "ok"), {
          name: "Sanne de Vries",
          github: "sannedevries",
        }),
      ),
      skipped: [],
    };
    const big = renderDashboard(many, OPTIONS);
    expect(big.length).toBeLessThan(65_536);
    expect(big).toMatch(/…and \d+ more, not shown/);
    expect(big).toContain("**2000 open cases**");
  });
});

describe("publishDashboard on a fake GitHub", () => {
  const fake = new GitHubIssuesFake();
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  beforeEach(() => {
    fake.issues.length = 0;
    fake.comments.length = 0;
    fake.labels.clear();
    fake.requests.length = 0;
  });
  const publish = (report: DeadlinesReport, now = NOW) =>
    publishDashboard({ octokit: issuesOctokit(), ...OPTIONS, report, now });
  const dashboards = () => fake.issues.filter((i) => i.labels.includes(DASHBOARD_LABEL));

  it("creates one labelled issue, making the label, then only edits its body", async () => {
    fake.open({ title: "Unrelated", labels: ["bug"] });
    const first = await publish(REPORT);
    expect(first).toMatchObject({ number: 2, outcome: "created" });
    expect(fake.labels.get(DASHBOARD_LABEL)?.color).toBe("0e8a16");
    expect(dashboards()).toHaveLength(1);
    expect(dashboards()[0]).toMatchObject({ title: DASHBOARD_TITLE, state: "open" });
    expect(dashboards()[0]?.body).toContain("**3 open cases**");

    const later = new Date("2026-12-03T08:17:00Z");
    const second = await publish({ cases: REPORT.cases.slice(1), skipped: [] }, later);
    expect(second).toEqual({
      number: 2,
      url: "https://github.com/acme/complaints/issues/2",
      outcome: "updated",
    });
    expect(fake.issues).toHaveLength(2);
    expect(dashboards()).toHaveLength(1);
    expect(dashboards()[0]?.body).toContain("**2 open cases**");
    expect(dashboards()[0]?.body).toContain("Updated 2026-12-03T09:17:00+01:00");
    expect(dashboards()[0]?.labels).toEqual([DASHBOARD_LABEL]);
    expect(fake.requests.filter((r) => r.startsWith("POST"))).toEqual([
      "POST /labels",
      "POST /issues",
    ]);
  });

  it("reopens the issue when someone closed it, instead of opening a second", async () => {
    await publish(REPORT);
    const [issue] = dashboards();
    if (issue) issue.state = "closed";
    const again = await publish(REPORT);
    expect(again.outcome).toBe("reopened");
    expect(dashboards()).toHaveLength(1);
    expect(dashboards()[0]?.state).toBe("open");
  });

  it("ignores a pull request or an issue with the label that is not the dashboard, and uses an existing label", async () => {
    fake.labels.set(DASHBOARD_LABEL, { color: "ffffff", description: "kept" });
    fake.open({
      title: "PR",
      labels: [DASHBOARD_LABEL],
      body: `${DASHBOARD_MARKER}\n`,
      pullRequest: true,
    });
    fake.open({ title: "Someone's", labels: [DASHBOARD_LABEL], body: "About the dashboard" });
    const published = await publish(REPORT);
    expect(published).toMatchObject({ number: 3, outcome: "created" });
    expect(fake.labels.get(DASHBOARD_LABEL)?.color).toBe("ffffff");
    expect(fake.issue(1)?.body).toBe(`${DASHBOARD_MARKER}\n`);
    expect(fake.issue(2)?.body).toBe("About the dashboard");
    expect((await publish(REPORT)).number).toBe(3);
  });

  it("finds its issue among more than one page of labelled issues", async () => {
    for (let i = 0; i < 120; i += 1) fake.open({ labels: [DASHBOARD_LABEL], body: "other" });
    fake.open({
      title: DASHBOARD_TITLE,
      labels: [DASHBOARD_LABEL],
      body: `${DASHBOARD_MARKER}\nold`,
    });
    expect(await publish(REPORT)).toMatchObject({ number: 121, outcome: "updated" });
    expect(fake.issue(121)?.body).toContain("**3 open cases**");
  });

  it("throws a GitHubIssuesError naming the permission when the token may not write issues", async () => {
    fake.readOnly = true;
    try {
      const error = await publish(REPORT).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitHubIssuesError);
      expect(error).toMatchObject({ code: "github_access", status: 403 });
      expect((error as Error).message).toContain('"issues: write"');
      expect(dashboards()).toHaveLength(0);
    } finally {
      fake.readOnly = false;
    }
  });
});
