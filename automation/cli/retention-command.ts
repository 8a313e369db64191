import { ruleContext } from "../config/rule-context.ts";
import { readConfig } from "../config/read-config.ts";
import { ErasureRefused } from "../privacy/erase-run.ts";
import { runRetention } from "../privacy/retention-run.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { parseInstantOption } from "./instant-option.ts";
import { REPO_HELP, REPO_OPTION, repoDir } from "./repo-option.ts";
import { afterErasure, printOutcome, PUSH_HELP, PUSH_OPTIONS } from "./erase-command.ts";

export const retentionCommand: Command = {
  name: "retention",
  summary: "erase the personal data of every dossier past privacy.retention, from all history",
  help: `Usage: docket retention [--repo DIR] [--now ISO] [--dry-run]

Erases the personal data of every closed or withdrawn dossier whose
privacy.retention (docket.config.yaml, default 2 years) has passed since its
closed_at: the complainant, the summary, every free text, the staff
involved, the complaint's words, the letters' text and the attachments, in
every commit of the history, not only on main (see docs/privacy.md). What
the audit reports stays: id, dates, channel, category, terms and whether they
were met, verdict, handler, which letters went out when; each dossier
records the erasure (erasure: at, rule, digest). docket audit still reports
the cases and flags nothing.

Dossiers are kept, and listed with the reason, while a liability claim may
be in progress (liability.possible without insurer_consulted_at). Every
branch is rewritten in one transaction; old objects are pruned. Clones made
before must be made again (or reset to the new main).

The repository is the dossier repository itself (bare, as npm start keeps
it) or a clone without changes of its own that is where its upstream is; on
GitHub, the workflow's full checkout with --push origin (see docs/privacy.md).

Options:
${REPO_HELP}
  --now ISO     the time to judge retention at (default: now)
  --dry-run     list what would be erased; change nothing
${PUSH_HELP}
  -h, --help    show this help

Exit codes: 0 done (or nothing due), 1 the erasure was refused (the reason is
printed; nothing was changed), 2 bad usage or configuration.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      now: { type: "string" },
      "dry-run": { type: "boolean" },
      ...PUSH_OPTIONS,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const now = parseInstantOption("--now", values.now) ?? new Date();
    const config = readConfig(io.env, io.cwd);
    const dryRun = values["dry-run"] ?? false;
    try {
      const report = await runRetention(repoDir(values.repo, io), {
        config,
        context: ruleContext(config),
        now,
        dryRun,
      });
      for (const d of report.due)
        io.stdout(`${d.id}: ${dryRun ? "would erase" : "erased"} (retention ended ${d.since})\n`);
      for (const k of report.kept) io.stdout(`${k.id}: kept: ${k.reason}\n`);
      io.stderr(
        `${report.due.length} dossier(s) past retention (${config.privacy.retention}) ${dryRun ? "would be" : "were"} erased; ${report.kept.length} closed dossier(s) kept.\n`,
      );
      if (!report.outcome) return EXIT.ok;
      printOutcome(report.outcome, io.stderr);
      return await afterErasure(report.outcome, "retention", repoDir(values.repo, io), values, io);
    } catch (error) {
      if (!(error instanceof ErasureRefused)) throw error;
      io.stderr(`docket retention: ${error.message}\n`);
      return EXIT.findings;
    }
  },
};
