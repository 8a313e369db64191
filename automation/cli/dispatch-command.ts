import { dispatch } from "../dispatch/dispatch.ts";
import { formatViolation } from "../domain/violation.ts";
import { parseInstantOption } from "./instant-option.ts";
import { runtimeFor } from "./runtime-option.ts";
import { dispatchDeps } from "../runtime.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { REPO_HELP, REPO_OPTION } from "./repo-option.ts";

export const dispatchCommand: Command = {
  name: "dispatch",
  summary: "send the letters dossiers are owed and commit their copies",
  help: `Usage: docket dispatch [--repo DIR] [--now ISO] [--dry-run]

Reconciles letters: from each dossier's state follow the letters it
should have had; those without a copy in its correspondence/ folder are sent
(with an idempotency key, so a retry never sends twice) and their .eml copies
committed. Running it twice sends nothing twice; a run that stopped halfway is
finished by the next. A dossier that fails validation is skipped and reported.

On GitHub (GITHUB_REPOSITORY set) letters' copies are committed through the
API, and --repo names the checkout to read dossiers from (--repo . in a
workflow); locally --repo is the dossier repository itself (default
DOCKET_REPO, else .docket/repo). Reminders to handlers and the automatic
delay notice depend on the time: run it on a schedule (or with --now). Mail goes through Resend when RESEND_API_KEY is
set, else to .eml files in DOCKET_OUTBOX (default .docket/outbox).

Options:
${REPO_HELP}
  --now ISO     the time to act at (default: now)
  --dry-run     print what would be sent; send and commit nothing
  -h, --help    show this help

Exit codes: 0 all letters sent, 1 a letter failed or a dossier was skipped,
2 bad usage or configuration.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      now: { type: "string" },
      "dry-run": { type: "boolean" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const fixed = parseInstantOption("--now", values.now);
    const { runtime, reader } = await runtimeFor(values.repo, io, { writes: !values["dry-run"] });
    const report = await dispatch(
      dispatchDeps(runtime, { ...(reader ? { reader } : {}), ...(fixed ? { now: fixed } : {}) }),
      { dryRun: values["dry-run"] ?? false },
    );
    const verb = values["dry-run"] ? "would send" : "sent";
    for (const s of report.sent) io.stdout(`${s.id}: ${verb} ${s.letter} to ${s.to.join(", ")}\n`);
    for (const f of report.failed)
      io.stdout(
        `${f.id}: not sent ${f.letter}: ${f.reason}${f.retryable ? " (will be retried)" : ""}\n`,
      );
    for (const s of report.skipped)
      for (const v of s.violations) io.stdout(`skipped: ${formatViolation(v)}\n`);
    io.stderr(
      `${report.sent.length} letter(s) ${verb}, ${report.failed.length} failed, ${report.skipped.length} dossier(s) skipped.\n`,
    );
    return report.failed.length + report.skipped.length === 0 ? EXIT.ok : EXIT.findings;
  },
};
