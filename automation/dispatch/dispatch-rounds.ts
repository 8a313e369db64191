import { localDate } from "../domain/calendar.ts";
import { dossierPath } from "../domain/dossier-layout.ts";
import type { SnapshotReader } from "../store/snapshot-reader.ts";
import { dispatch, type DispatchDeps, type DispatchReport } from "./dispatch.ts";

export interface RoundReport extends DispatchReport {
  /** Nothing had changed: no dossier was read or reconciled. */
  idle: boolean;
  /** How many dossiers this round reconciled. */
  reconciled: number;
}

/**
 * The dispatch rounds of a long-running server (`docket serve`): each round reconciles only the dossiers
 * whose text or letters changed since the round that last settled them, those whose letters failed, and
 * every dossier once when the local date changes, since what a dossier owes otherwise depends only on its
 * text, its copies and the date. A round in which `main` did not move and the day did not change asks the
 * store one cheap question (the head) and does nothing else.
 */
export function createDispatchRounds(
  deps: DispatchDeps,
  reader: SnapshotReader,
  options: { dryRun?: boolean } = {},
) {
  /** Dossier path → what it was settled at: blob id, copies and date. */
  const settled = new Map<string, string>();
  let last: { commit: string | undefined; date: string; retry: number } | undefined;

  return async function round(): Promise<RoundReport> {
    const date = localDate(deps.now().toISOString(), deps.context.timeZone);
    const snapshot = await reader.snapshot();
    if (last && last.commit === snapshot.commit && last.date === date && last.retry === 0)
      return { idle: true, reconciled: 0, sent: [], skipped: [], failed: [] };

    const keys = new Map<string, string>();
    for (const [folder, paths] of snapshot.folders()) {
      const path = `${folder}/dossier.md`;
      const oid = snapshot.files.get(path);
      if (oid === undefined) continue;
      const copies = paths.filter((p) => p.startsWith(`${folder}/correspondence/`)).join("|");
      const key = `${oid} ${date} ${copies}`;
      if (settled.get(path) !== key) keys.set(path, key);
    }
    for (const path of settled.keys()) if (!snapshot.files.has(path)) settled.delete(path);
    const only = [...keys.keys()];
    const report =
      only.length === 0
        ? { sent: [], skipped: [], failed: [] }
        : await dispatch(
            { ...deps, reader: reader.pinned(snapshot) },
            { only, dryRun: options.dryRun ?? false },
          );
    const retry = new Set(report.failed.filter((f) => f.retryable).map((f) => dossierPath(f.id)));
    for (const [path, key] of keys) if (!retry.has(path)) settled.set(path, key);
    last = { commit: snapshot.commit, date, retry: retry.size };
    return { ...report, idle: false, reconciled: only.length };
  };
}
