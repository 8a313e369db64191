import { ruleContext } from "../config/rule-context.ts";
import { readConfig } from "../config/read-config.ts";
import { ErasureRefused, type EraseOutcome } from "../privacy/erase-run.ts";
import { runErasureRequest } from "../privacy/erase-request.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { parseInstantOption } from "./instant-option.ts";
import { REPO_HELP, REPO_OPTION, repoDir } from "./repo-option.ts";

export const eraseCommand: Command = {
  name: "erase",
  summary: "erase named dossiers' personal data (or a staff member's) from all history, on request",
  help: `Usage: docket erase <ID>… [--repo DIR] [--now ISO] [--dry-run]
       docket erase --staff ADDRESS [--repo DIR] [--now ISO] [--dry-run]

Erasure on request (AVG/GDPR art. 17), as docket retention erases (see
docs/privacy.md), rule "request": the personal data of the named dossiers
leaves every commit of the history. With --staff, a staff member's name,
address and comment leave every dossier they were heard in, with the
hearing requests sent to them and their replies (rule "staff_request"); the
rest of those dossiers stays.

Refused as a whole, nothing changed, with every reason, when a dossier is
still open, a liability claim may be in progress (liability.possible without
insurer_consulted_at), an id or address matches no dossier, a dossier was
already erased, or the repository has changes not committed or is not where
its upstream is.

Options:
${REPO_HELP}
  --staff ADDRESS  erase this staff member's data instead of whole dossiers
  --now ISO        the time recorded for the erasure (default: now)
  --dry-run        check and list what would be erased; change nothing
  -h, --help       show this help

Exit codes: 0 erased, 1 refused (nothing was changed), 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      staff: { type: "string" },
      now: { type: "string" },
      "dry-run": { type: "boolean" },
    });
    if (values.staff === undefined && positionals.length === 0)
      throw new UsageError(
        "name the dossiers to erase (docket erase KL-2024-0001) or --staff ADDRESS",
      );
    if (values.staff !== undefined && positionals.length > 0)
      throw new UsageError("give either dossier ids or --staff, not both");
    if (values.staff !== undefined && !/^[^\s@]+@[^\s@]+$/.test(values.staff))
      throw new UsageError(`--staff "${values.staff}" is not an e-mail address`);
    const now = parseInstantOption("--now", values.now) ?? new Date();
    const config = readConfig(io.env, io.cwd);
    const dryRun = values["dry-run"] ?? false;
    try {
      const { targets, outcome } = await runErasureRequest(
        repoDir(values.repo, io),
        { ids: positionals, ...(values.staff !== undefined ? { staffEmail: values.staff } : {}) },
        { context: ruleContext(config), now, dryRun },
      );
      for (const t of targets) io.stdout(`${t.id}: ${dryRun ? "would erase" : "erased"}\n`);
      if (outcome) printOutcome(outcome, io.stderr);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof ErasureRefused)) throw error;
      io.stderr(`docket erase: ${error.message}\n`);
      return EXIT.findings;
    }
  },
};

/** What moved: every clone made before must be made again. */
export function printOutcome(outcome: EraseOutcome, out: (text: string) => void): void {
  out(`Rewrote ${outcome.commits} commit(s).\n`);
  for (const b of outcome.branches) out(`  ${b.ref}: ${b.old} -> ${b.new}\n`);
  for (const r of outcome.removed) out(`  removed ${r} (it held the old history)\n`);
  if (outcome.branches.length > 0)
    out(
      "Clones made before hold the old history: clone again, or git fetch and git reset --hard origin/main.\n",
    );
}
