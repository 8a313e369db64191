import type { Dossier, Status } from "./dossier-schema.ts";
import type { RuleCode } from "./violation.ts";
import type { FieldPath } from "./yaml-locate.ts";

export interface RuleFinding {
  rule: RuleCode;
  path: FieldPath;
  message: string;
}

/** The order of the life of a case; `withdrawn` stands beside it. */
export const STATUS_ORDER: readonly Status[] = [
  "received",
  "in_progress",
  "awaiting_information",
  "hearing",
  "judged",
  "closed",
];

export const OPEN_STATUSES: ReadonlySet<Status> = new Set([
  "received",
  "in_progress",
  "awaiting_information",
  "hearing",
]);

const JUDGED: ReadonlySet<Status> = new Set(["judged", "closed"]);

/** What a case may be while the insurer has not been consulted (§1.5). */
const BEFORE_INSURER: ReadonlySet<Status> = new Set(["received", "in_progress", "withdrawn"]);

/** Fields a written judgement letter needs (§1.6), in the letter's order. */
export const WRITTEN_JUDGEMENT_FIELDS = [
  "date",
  "findings",
  "verdict",
  "reasoning",
  "follow_up",
  "further_contact",
] as const;

/**
 * The rules of SPEC §5 that one dossier can break on its own. Pure: a
 * finding per broken rule, pointing at the field to fix.
 */
export function caseRules(d: Dossier): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const add = (rule: RuleCode, path: FieldPath, message: string) =>
    findings.push({ rule, path, message });

  if (d.liability?.possible && !d.liability.insurer_consulted_at && !BEFORE_INSURER.has(d.status)) {
    add(
      "insurer_gate",
      ["status"],
      `status ${d.status} is not allowed yet: liability.possible is true, so the case stays ` +
        "in_progress until the insurer has been consulted; set liability.insurer_consulted_at first (§1.5)",
    );
  }

  if (JUDGED.has(d.status)) {
    d.staff_involved?.forEach((staff, i) => {
      if (!staff.summary) {
        add(
          "hearing_gate",
          ["staff_involved", i],
          `${staff.name} needs a summary of their comment before the case is ${d.status} (§1.4 wederhoor)`,
        );
      }
    });
    if (!d.judgement) {
      add(
        "status_requires",
        ["status"],
        `status ${d.status} needs a judgement block (form: meeting or written)`,
      );
    } else if (d.judgement.form === "written") {
      const missing = WRITTEN_JUDGEMENT_FIELDS.filter((f) => d.judgement?.[f] === undefined);
      if (missing.length > 0) {
        add(
          "judgement_complete",
          ["judgement"],
          `a written judgement needs ${missing.map((f) => `judgement.${f}`).join(", ")} before status ${d.status} (§1.6)`,
        );
      }
    }
  }

  if (d.status === "hearing" && !d.staff_involved?.length) {
    add(
      "status_requires",
      ["status"],
      "status hearing needs at least one entry in staff_involved (§1.4)",
    );
  }
  if (d.status === "awaiting_information" && d.information?.complete !== false) {
    add(
      "status_requires",
      ["status"],
      "status awaiting_information needs information.complete: false and information.request (§1.6)",
    );
  }
  if (d.information?.complete === false && !d.information.request) {
    add(
      "status_requires",
      ["information", "complete"],
      "information.complete is false: say in information.request what is missing; it goes into the letter",
    );
  }
  if (d.liability?.possible && !d.liability.reason) {
    add(
      "status_requires",
      ["liability", "possible"],
      "liability.possible is true: give liability.reason for the insurer",
    );
  }
  if (d.delay && d.delay.new_date <= d.terms.judgement_due) {
    add(
      "delay",
      ["delay", "new_date"],
      `delay.new_date must be after the judgement term ${d.terms.judgement_due}`,
    );
  }
  if (d.closed_at && d.status !== "closed" && d.status !== "withdrawn") {
    add("status_requires", ["closed_at"], `closed_at is set but the status is ${d.status}`);
  }
  return findings;
}

/** Whether a case may go from one status to another in one change. */
export function isAllowedTransition(from: Status, to: Status): boolean {
  if (from === to) return true;
  if (to === "withdrawn") return OPEN_STATUSES.has(from);
  if (from === "withdrawn") return false;
  return STATUS_ORDER.indexOf(to) > STATUS_ORDER.indexOf(from);
}
