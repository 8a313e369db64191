import { checkChange, type ChangeContext } from "../domain/check-change.ts";
import type { Violation } from "../domain/violation.ts";
import { applyDeskEdit, deskEntry } from "./desk-edit.ts";

/**
 * What a desk save would write and which rules it would break: the form's
 * text applied to the dossier as it is now, judged as a person's change made
 * `now` (the rules of a push and of a pull request). Pure: the server runs
 * it before it commits, the browser to show the rules while the handler
 * types when no server judges for it (on GitHub).
 */
export function judgeDeskSave(
  change: { path: string; before: string; raw: string },
  context: ChangeContext,
  now: Date,
): { after: string; violations: Violation[] } {
  const { path, before, raw } = change;
  const after = applyDeskEdit(before, deskEntry(raw));
  const violations = checkChange({ kind: "modified", path, before, after }, context, {
    now,
    by: "person",
  });
  return { after, violations };
}
