import { deadlines, formatDeadlinesTable } from "../deadlines.ts";
import { formatViolation } from "../domain/violation.ts";
import { publishDashboard } from "../github/dashboard.ts";
import { githubRepository } from "../github/github-issues.ts";
import { githubEndpoints } from "../store/github-endpoints.ts";
import { createOctokit } from "../store/github-octokit.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { parseInstantOption } from "./instant-option.ts";
import { REPO_HELP, REPO_OPTION } from "./repo-option.ts";
import { runtimeFor } from "./runtime-option.ts";

export const deadlinesCommand: Command = {
  name: "deadlines",
  summary: "list open cases with their next term: ok, due_soon or overdue",
  help: `Usage: docket deadlines [--repo DIR] [--now ISO] [--json] [--no-dashboard]

For every open case: its terms (information, judgement, resolution), whether
each is met, and the next one with its state: ok, due_soon (within the
policy's reminder lead) or overdue; and how many of its letters were
reported as not delivered (a bounce filed in its correspondence/). Reminders to handlers and the automatic
delay notice are letters: docket dispatch sends them.

On GitHub (GITHUB_REPOSITORY set, with GITHUB_TOKEN or a GitHub App) it also
keeps ONE issue up to date, labelled docket-dashboard: the open cases by due
date, each linked to its dossier on DOCKET_BRANCH (default main), with the
handler mentioned. It is created on the first run, edited afterwards and
reopened when closed; the token needs "issues: write". This happens with
--json as well (--json only changes what is printed), at the time of --now
when given; --no-dashboard leaves the issue alone.

Options:
${REPO_HELP}
  --now ISO     the time to judge at (default: now)
  --json        print JSON: {"cases":[{"id","status","handler","terms","next"}…],"skipped":[…]}
  --no-dashboard  on GitHub, do not update the dashboard issue
  -h, --help    show this help

Exit codes: 0 no term overdue, 1 a term overdue or a dossier skipped, 2 bad usage,
configuration, or no access to the dashboard issue.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      now: { type: "string" },
      json: { type: "boolean" },
      "no-dashboard": { type: "boolean" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const now = parseInstantOption("--now", values.now) ?? new Date();
    const { runtime, reader } = await runtimeFor(values.repo, io, { writes: false });
    const report = await deadlines(
      reader ?? runtime.store,
      {
        ...runtime.context,
        lead: runtime.config.policy.reminder_lead,
        insurer: runtime.config.insurer.email,
      },
      now,
    );
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ cases: report.cases, skipped: report.skipped.map((s) => s.file) }, null, 2)}\n`,
      );
    } else {
      io.stdout(formatDeadlinesTable(report));
      for (const s of report.skipped)
        for (const v of s.violations) io.stderr(`skipped: ${formatViolation(v)}\n`);
    }
    if (io.env.GITHUB_REPOSITORY && !values["no-dashboard"]) {
      const dashboard = await publishDashboard({
        octokit: createOctokit(io.env),
        ...githubRepository(io.env),
        report,
        now,
        branch: io.env.DOCKET_BRANCH ?? "main",
        timeZone: runtime.context.timeZone,
        serverUrl: githubEndpoints(io.env).serverUrl,
      });
      io.stderr(`Dashboard issue #${dashboard.number} ${dashboard.outcome}: ${dashboard.url}\n`);
    }
    const overdue = report.cases.filter((c) =>
      c.terms.some((t) => !t.met && t.state === "overdue"),
    ).length;
    io.stderr(`${report.cases.length} open case(s), ${overdue} with a term overdue.\n`);
    return overdue + report.skipped.length === 0 ? EXIT.ok : EXIT.findings;
  },
};
