import { DOCKET_TRAILER, checkChange, type ChangeContext } from "../domain/check-change.ts";
import { dossierPath } from "../domain/dossier-layout.ts";
import { editFrontmatter, splitDossier } from "../domain/dossier-text.ts";
import { formatInstant } from "../domain/instant.ts";
import { DocketError } from "../errors.ts";
import type { DossierStore } from "../store/dossier-store.ts";

/** The rules refuse the withdrawal (the case was closed meanwhile, or the dossier is broken). */
export class WithdrawalRefusedError extends DocketError {
  constructor(message: string) {
    super("withdrawal_refused", message);
  }
}

/**
 * The edit of a withdrawal: `status: withdrawn` and `closed_at`, through the
 * YAML document so the handler's formatting stays. A case already withdrawn
 * is left as it is (a repeated post changes nothing); the change is judged
 * by `checkChange` as any Docket commit is, and refused if it breaks a rule
 * (a closed case cannot be withdrawn). Pure.
 */
export function withdrawText(
  text: string,
  path: string,
  context: ChangeContext,
  now: Date,
): string {
  const { data } = splitDossier(text);
  if ((data as { status?: unknown }).status === "withdrawn") return text;
  const after = editFrontmatter(text, (doc) => {
    doc.set("status", "withdrawn");
    doc.set("closed_at", formatInstant(now, context.timeZone));
  });
  const violations = checkChange({ kind: "modified", path, before: text, after }, context, {
    now,
    by: "docket",
  });
  if (violations.length > 0) {
    throw new WithdrawalRefusedError(violations.map((v) => v.message).join("; "));
  }
  return after;
}

/**
 * Commits the complainant's withdrawal of dossier `id` as one Docket commit;
 * resolves to the commit (main's head when it was withdrawn already).
 */
export async function withdrawCase(
  store: DossierStore,
  context: ChangeContext,
  id: string,
  now: Date,
): Promise<string> {
  const path = dossierPath(id);
  return store.commit({
    message: `Withdrawn by the complainant on their page: ${id}\n\nDossier: ${id}\n${DOCKET_TRAILER}\n`,
    edits: [{ path, edit: (text) => withdrawText(text, path, context, now) }],
  });
}
