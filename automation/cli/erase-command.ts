import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { ruleContext } from "../config/rule-context.ts";
import { erasureReport, pushErasure } from "../privacy/push-erasure.ts";
import { gitIn } from "../repo/git.ts";
import { readConfig } from "../config/read-config.ts";
import { ErasureRefused, type EraseOutcome } from "../privacy/erase-run.ts";
import { runErasureRequest } from "../privacy/erase-request.ts";
import { EXIT, UsageError, parseCommandArgs, type CliIo, type Command } from "./command.ts";
import { parseInstantOption } from "./instant-option.ts";
import { REPO_HELP, REPO_OPTION, repoDir } from "./repo-option.ts";

export const PUSH_OPTIONS = {
  push: { type: "string" },
  report: { type: "string" },
} as const;

export const PUSH_HELP = `  --push REMOTE    in a clone (on GitHub: the checkout), push the rewritten
                   branches to REMOTE with --force-with-lease, all or nothing
  --report FILE    write what was done, and what only GitHub Support can
                   remove (old commits, pull request refs), to FILE`;

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
${PUSH_HELP}
  -h, --help       show this help

Exit codes: 0 erased, 1 refused (nothing was changed), 2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      staff: { type: "string" },
      now: { type: "string" },
      "dry-run": { type: "boolean" },
      ...PUSH_OPTIONS,
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
      if (!outcome) return EXIT.ok;
      printOutcome(outcome, io.stderr);
      const rule = values.staff === undefined ? "request" : "staff_request";
      return await afterErasure(outcome, rule, repoDir(values.repo, io), values, io);
    } catch (error) {
      if (!(error instanceof ErasureRefused)) throw error;
      io.stderr(`docket erase: ${error.message}\n`);
      return EXIT.findings;
    }
  },
};

/** `--push` and `--report` after an erasure; exit 1 when the remote refused the push. */
export async function afterErasure(
  outcome: EraseOutcome,
  rule: string,
  root: string,
  options: { push?: string | undefined; report?: string | undefined },
  io: CliIo,
): Promise<number> {
  if (options.report)
    writeFileSync(
      resolve(io.cwd, options.report),
      erasureReport(outcome, rule, new Date().toISOString()),
    );
  if (!options.push) return EXIT.ok;
  try {
    await pushErasure(gitIn(root), options.push, outcome);
    io.stderr(`Pushed ${outcome.branches.map((b) => b.ref).join(", ")} to ${options.push}.\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr(
      `The push to ${options.push} was refused, so the remote still holds the old history: ${(error as Error).message}\nWhere the branch is protected, let this job force-push it (a ruleset's bypass list); a branch that moved meanwhile is erased on the next run.\n`,
    );
    return EXIT.findings;
  }
}

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
