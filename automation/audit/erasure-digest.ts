import { createHash } from "node:crypto";
import type { DossierHistory, IntegrityFinding } from "./audit-types.ts";
import { fieldValue, stringField, type DossierVersion } from "./dossier-version.ts";

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

/**
 * An erased dossier's last version records each erasure with the digest of
 * what the audit reported of it before; the history as it is now must give
 * the same digest, or it was changed since (or the record is forged).
 */
export function checkErasures(
  history: DossierHistory,
  version: DossierVersion | undefined,
  findings: IntegrityFinding[],
): void {
  if (!version) return;
  const erasures: { at: string; rule: string; digest: string }[] = [];
  for (let i = 0; fieldValue(version, `erasure.${i}.at`) !== undefined; i++) {
    erasures.push({
      at: stringField(version, `erasure.${i}.at`) ?? "",
      rule: stringField(version, `erasure.${i}.rule`) ?? "",
      digest: stringField(version, `erasure.${i}.digest`) ?? "",
    });
  }
  if (erasures.length === 0) return;
  history.erasures = erasures;
  const digest = erasureDigest(history, findings);
  const last = history.timeline.at(-1);
  for (const erasure of erasures) {
    if (erasure.digest === digest) continue;
    findings.push({
      dossier: history.id,
      path: history.folder,
      kind: "erasure_digest",
      message: `its erasure of ${erasure.at} (${erasure.rule}) recorded ${erasure.digest}, but its history now gives ${digest}: the history was changed after the erasure`,
      commit: last?.commit ?? "",
      time: last?.time ?? "",
      author: last?.author ?? { name: "", email: "" },
      subject: last?.subject ?? "",
    });
  }
}
