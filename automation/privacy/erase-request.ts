import type { ChangeContext } from "../domain/check-change.ts";
import { ID_PATTERN } from "../domain/dossier-schema.ts";
import { dossiersAt } from "./dossiers-at.ts";
import {
  eraseTargets,
  ErasureRefused,
  openForErasure,
  type EraseOutcome,
  type EraseTarget,
} from "./erase-run.ts";
import { erasureRefusal } from "./retention.ts";

/**
 * Erasure on request (art. 17): the named dossiers whole, or one staff
 * member's data in every dossier they were heard in. All or nothing: one
 * dossier that must be kept refuses the whole request, with every reason.
 */
export async function runErasureRequest(
  root: string,
  request: { ids: readonly string[]; staffEmail?: string },
  options: { context: ChangeContext; now: Date; dryRun: boolean },
): Promise<{ targets: EraseTarget[]; outcome?: EraseOutcome }> {
  const repo = await openForErasure(root);
  const named = new Set(request.ids);
  const held = await dossiersAt(
    repo,
    request.staffEmail === undefined ? (id) => named.has(id) : undefined,
  );
  const reasons: string[] = [];
  let chosen: typeof held;
  const staff = request.staffEmail?.toLowerCase();
  if (staff !== undefined) {
    chosen = held.filter((h) =>
      h.dossier?.staff_involved?.some((s) => s.email.toLowerCase() === staff),
    );
    if (chosen.length === 0)
      throw new ErasureRefused(`${request.staffEmail} matches no staff member of any dossier`);
  } else {
    chosen = [];
    for (const id of new Set(request.ids)) {
      if (!ID_PATTERN.test(id)) {
        reasons.push(`${id}: not a dossier id (expected one like KL-2024-0001)`);
        continue;
      }
      const found = held.find((h) => h.id === id);
      if (!found) reasons.push(`${id}: no such dossier on ${repo.branch}`);
      else chosen.push(found);
    }
  }
  for (const h of chosen) {
    if (!h.dossier) reasons.push(`${h.id}: ${h.problem ?? "unreadable"}`);
    else if (staff === undefined && h.dossier.erasure?.some((e) => e.rule !== "staff_request"))
      reasons.push(`${h.id}: already erased`);
    else {
      const refusal = erasureRefusal(h.dossier);
      if (refusal) reasons.push(`${h.id}: ${refusal}`);
    }
  }
  if (reasons.length > 0)
    throw new ErasureRefused(`nothing was erased:\n  ${reasons.join("\n  ")}`);
  const targets = chosen.map((h) => ({ id: h.id, folder: h.folder }));
  if (options.dryRun) return { targets };
  const outcome = await eraseTargets(repo, targets, {
    rule: staff === undefined ? "request" : "staff_request",
    now: options.now,
    context: options.context,
    ...(staff !== undefined ? { staffEmail: staff } : {}),
  });
  return { targets, outcome };
}
