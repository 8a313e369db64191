import type { DocketConfig } from "../config/config-schema.ts";
import type { ChangeContext } from "../domain/check-change.ts";
import { dossiersAt } from "./dossiers-at.ts";
import { eraseTargets, openForErasure, type EraseOutcome } from "./erase-run.ts";
import { retentionVerdict } from "./retention.ts";

export interface RetentionReport {
  /** Dossiers past retention: erased, or (dry run) to be erased. */
  due: { id: string; since: string }[];
  /** Final dossiers kept, with the reason; open cases are not listed. */
  kept: { id: string; reason: string }[];
  outcome?: EraseOutcome;
}

/**
 * The scheduled erasure: every dossier on the branch past
 * `privacy.retention` is erased (rule `retention`) in one rewrite.
 */
export async function runRetention(
  root: string,
  options: { config: DocketConfig; context: ChangeContext; now: Date; dryRun: boolean },
): Promise<RetentionReport> {
  const repo = await openForErasure(root);
  // A repository without commits yet (the first start of docket serve) holds nobody's data.
  const empty = await repo.git(["rev-parse", "--verify", "--quiet", repo.branch]).then(
    () => false,
    () => true,
  );
  if (empty) return { due: [], kept: [] };
  const due: RetentionReport["due"] = [];
  const kept: RetentionReport["kept"] = [];
  const targets = [];
  for (const held of await dossiersAt(repo)) {
    if (!held.dossier) {
      kept.push({ id: held.id, reason: held.problem ?? "unreadable" });
      continue;
    }
    const verdict = retentionVerdict(
      held.dossier,
      options.now,
      options.config.privacy.retention,
      options.context.timeZone,
    );
    if (verdict.erase) {
      due.push({ id: held.id, since: verdict.since });
      targets.push({ id: held.id, folder: held.folder });
    } else if (held.dossier.status === "closed" || held.dossier.status === "withdrawn") {
      if (verdict.reason !== "already erased") kept.push({ id: held.id, reason: verdict.reason });
    }
  }
  if (options.dryRun || targets.length === 0) return { due, kept };
  const outcome = await eraseTargets(repo, targets, {
    rule: "retention",
    now: options.now,
    context: options.context,
  });
  return { due, kept, outcome };
}
