import { createHash } from "node:crypto";
import type { DossierHistory, IntegrityFinding } from "./audit-types.ts";

/**
 * The digest an erasure records (`erasure[].digest`, see docs/privacy.md):
 * SHA-256 over what the audit reports of one case that no erasure may change:
 * its intake, every state with its time and whether it broke a rule, every
 * letter's copy with its number, kind and times, and the kinds and times of
 * the rules broken. No name, address, word or commit id goes in, so the
 * digest reveals nothing of what was erased and survives the rewrite. Pure.
 */
export function erasureDigest(
  history: DossierHistory,
  findings: readonly IntegrityFinding[],
): string {
  const facts = {
    id: history.id,
    intake: history.intake ?? null,
    states: history.states.map((s) => [
      s.time,
      s.valid,
      s.status ?? null,
      s.verdict ?? null,
      s.category ?? null,
      s.informationComplete ?? null,
    ]),
    letters: history.letters.map((l) => [l.file, l.key, l.time, l.sentAt]),
    deleted: history.deleted,
    findings: findings
      .filter((f) => f.dossier === history.id && f.kind !== "erasure_digest")
      .map((f) => [f.kind, f.time]),
  };
  return `sha256:${createHash("sha256").update(JSON.stringify(facts)).digest("hex")}`;
}
