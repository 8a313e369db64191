import { closeSync, openSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { buildAuditReport } from "../audit/audit-report.ts";
import { readHistory } from "../audit/read-history.ts";
import { auditJson } from "../audit/render-json.ts";
import { auditHtml } from "../audit/render-html.ts";
import { formatFinding, renderAuditText } from "../audit/render-text.ts";
import { ruleContext } from "../config/rule-context.ts";
import { readConfig } from "../config/read-config.ts";
import { isIsoDate } from "../domain/calendar.ts";
import { MAIN, openDossierSource, RepositoryError } from "../repo/dossier-source.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { parseInstantOption } from "./instant-option.ts";
import { REPO_HELP, REPO_OPTION, repoDir } from "./repo-option.ts";

export const auditCommand: Command = {
  name: "audit",
  summary: "report on every complaint from the git history; flag commits that broke a rule",
  help: `Usage: docket audit [--repo DIR] [--from DATE] [--to DATE] [--out FILE] [--json] [--now ISO]

Reads the history of dossiers/ in one pass: the first-parent line of
main (bare repository) or HEAD (work tree), so a merged pull request is one
step, by the merge's author at the merge's time. From it:

- per dossier a timeline: who changed which frontmatter field when, which
  letter went out when (its copy in correspondence/, with Date and To);
- per dossier each term as met, notified (a delay notice went out by the due
  date), missed or open, counted in Europe/Amsterdam (the config's timezone)
  against the dossier's own terms, fixed at intake;
- for the period: complaints per month and category, verdicts, handling time
  (received to closed: median and 90th percentile, in days), terms per kind;
- integrity: every commit on the branch that broke a rule of a case, judged
  by the same rules as docket validate --base and the push check (a gate
  walked around, a field that never changes rewritten, a dossier deleted, a
  letter's copy altered, deleted or added by hand), and a dossier whose first
  commit is not its intake (see docs/auditing.md). Only copies Docket
  committed count as letters sent; terms are met by letters at the time they
  went out.

Without --out or --json a text summary is printed.

Options:
${REPO_HELP}
  --from DATE   only complaints received on or after DATE (YYYY-MM-DD)
  --to DATE     only complaints received on or before DATE
  --out FILE    write the report as one self-contained HTML file (prints on A4)
  --json        print the report as JSON: figures, dossiers with their terms and
                timelines, integrity findings
  --now ISO     judge terms as of this time (default: now); later commits do not count
  -h, --help    show this help

The period limits the figures and dossiers; integrity always covers the whole history.

Exit codes: 0 no change outside the rules, 1 changes outside the rules found
(each named with its dossier, commit, time and author), 2 bad usage or no history.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
      now: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    for (const [name, value] of [
      ["--from", values.from],
      ["--to", values.to],
    ] as const) {
      if (value !== undefined && !isIsoDate(value)) {
        throw new UsageError(`${name} "${value}" is not a date as YYYY-MM-DD, e.g. 2026-11-01`);
      }
    }
    if (values.from && values.to && values.from > values.to) {
      throw new UsageError(`--from ${values.from} is after --to ${values.to}`);
    }
    if (values.out === "") throw new UsageError("--out needs a file name, e.g. --out audit.html");
    const now = parseInstantOption("--now", values.now) ?? new Date();
    const config = readConfig(io.env, io.cwd);
    const source = openDossierSource(repoDir(values.repo, io));
    if (source.kind === "folder") {
      throw new RepositoryError(`${source.root} is not a git repository: the audit reads history`);
    }
    const history = await readHistory(
      source.root,
      source.kind === "bare" ? MAIN : "HEAD",
      ruleContext(config),
    );
    const report = buildAuditReport(history, {
      now,
      timeZone: config.timezone,
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
      categories: config.categories.map((c) => ({ id: c.id, label: c.label.en })),
      organisation: config.organisation.name,
    });
    if (values.out !== undefined) {
      const file = resolve(io.cwd, values.out);
      writeInPieces(file, auditHtml(report));
      io.stderr(`Wrote the audit report to ${file}\n`);
    }
    if (values.json) for (const piece of auditJson(report)) io.stdout(piece);
    if (values.out === undefined && !values.json) io.stdout(renderAuditText(report));
    else for (const f of report.integrity) io.stderr(`${formatFinding(f)}\n`);
    if (history.shallow) {
      io.stderr(
        "warning: the repository is a shallow clone; fetch its whole history (fetch-depth: 0) to audit it\n",
      );
    }
    const found = report.integrity.length;
    io.stderr(
      `Audited ${report.dossiers.length} complaint(s) in ${history.commits} commit(s): ` +
        (found === 0
          ? "no change outside the rules.\n"
          : `${found} change(s) outside the rules in ${new Set(report.integrity.map((f) => f.dossier)).size} dossier(s).\n`),
    );
    return found === 0 ? EXIT.ok : EXIT.findings;
  },
};

/** Writes a text given in pieces, about a megabyte at a time. */
function writeInPieces(file: string, pieces: Iterable<string>): void {
  let fd: number;
  try {
    fd = openSync(file, "w");
  } catch (error) {
    throw new UsageError(`cannot write --out ${file}: ${(error as Error).message}`);
  }
  try {
    let buffer = "";
    for (const piece of pieces) {
      buffer += piece;
      if (buffer.length >= 1 << 20) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}
