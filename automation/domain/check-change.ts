import type { WorkingCalendar } from "./calendar.ts";
import { isAllowedTransition } from "./case-rules.ts";
import { checkDossier, type RuleContext } from "./check-dossier.ts";
import { computeTerms, type TermPolicy } from "./terms.ts";
import type { Violation } from "./violation.ts";

/** One file changed between a base ref and the dossiers being checked. */
export interface FileChange {
  kind: "added" | "modified" | "deleted";
  path: string;
  /** Text at the base (modified, deleted dossiers). */
  before?: string;
  /** Text now (added, modified dossiers). */
  after?: string;
}

export interface ChangeContext extends RuleContext {
  policy: TermPolicy;
  calendar: WorkingCalendar;
}

const DOSSIER_FILE = /(?:^|\/)dossiers\/\d{4}\/[^/]+\/dossier\.md$/;
const CORRESPONDENCE_FILE = /(?:^|\/)dossiers\/\d{4}\/[^/]+\/correspondence\//;

/**
 * The rules that need the previous state (SPEC §5): only allowed status
 * transitions, fields that never change, nothing deleted, sent letters kept.
 */
export function checkChange(change: FileChange, context: ChangeContext): Violation[] {
  const { kind, path: file } = change;
  if (CORRESPONDENCE_FILE.test(file) && kind !== "added") {
    return [
      {
        file,
        line: 1,
        rule: "correspondence",
        message: `a copy of sent correspondence was ${kind}; restore it from the base branch`,
      },
    ];
  }
  if (!DOSSIER_FILE.test(file)) return [];
  if (kind === "deleted") {
    return [
      {
        file,
        line: 1,
        rule: "deleted",
        message:
          "dossiers are never deleted or moved; restore this file (to end a case, set status: closed or withdrawn)",
      },
    ];
  }
  const after = checkDossier(file, change.after ?? "", context);
  const now = after.dossier;
  if (!now) return [];
  const violations: Violation[] = [];
  const at = (field: string, path: PropertyKey[], rule: Violation["rule"], message: string) =>
    violations.push({ file, line: after.lineOf(path), field, rule, message });

  if (kind === "added") {
    const expected = computeTerms(
      now.received_at,
      context.policy,
      context.calendar,
      context.timeZone,
    );
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      if (now.terms[key] !== expected[key]) {
        at(
          `terms.${key}`,
          ["terms", key],
          "terms",
          `for received_at ${now.received_at} the policy gives ${expected[key]}, not ${now.terms[key]}`,
        );
      }
    }
    return violations;
  }

  const was = checkDossier(file, change.before ?? "", context);
  const before = was.dossier;
  if (!before) return violations;
  if (!isAllowedTransition(before.status, now.status)) {
    at(
      "status",
      ["status"],
      "transition",
      before.status === "closed" || before.status === "withdrawn"
        ? `the case is ${before.status}; its status cannot change to ${now.status}`
        : `status cannot go back from ${before.status} to ${now.status}; a case moves forward (received → in_progress → awaiting_information → hearing → judged → closed) or is withdrawn`,
    );
  }
  const unchanged: [string, PropertyKey[], unknown, unknown][] = [
    ["id", ["id"], before.id, now.id],
    ["received_at", ["received_at"], before.received_at, now.received_at],
    [
      "terms.information_due",
      ["terms", "information_due"],
      before.terms.information_due,
      now.terms.information_due,
    ],
    [
      "terms.judgement_due",
      ["terms", "judgement_due"],
      before.terms.judgement_due,
      now.terms.judgement_due,
    ],
    [
      "terms.resolution_due",
      ["terms", "resolution_due"],
      before.terms.resolution_due,
      now.terms.resolution_due,
    ],
  ];
  for (const [field, path, old, value] of unchanged) {
    if (old !== value) {
      at(
        field,
        path,
        "immutable",
        `${field} never changes; it was ${String(old)}, restore that value`,
      );
    }
  }
  if (was.complaint && after.complaint?.text !== was.complaint.text) {
    violations.push({
      file,
      line: after.complaint?.line ?? 1,
      rule: "immutable",
      message:
        "the complainant's words under ## Klacht never change; restore them from the base branch (add notes in ## Onderzoek)",
    });
  }
  return violations;
}
