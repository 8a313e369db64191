import { localDate } from "./calendar.ts";
import type { Dossier, Status } from "./dossier-schema.ts";
import type { RuleCode } from "./violation.ts";
import type { FieldPath } from "./yaml-locate.ts";

export interface RuleFinding {
  rule: RuleCode;
  path: FieldPath;
  message: string;
}

/** Statuses a case moves freely between, never back to `received`. */
export const OPEN_STATUSES: ReadonlySet<Status> = new Set([
  "received",
  "in_progress",
  "awaiting_information",
  "hearing",
]);

/** Statuses nothing leaves. */
export const FINAL_STATUSES: ReadonlySet<Status> = new Set(["closed", "withdrawn"]);

const JUDGED: ReadonlySet<Status> = new Set(["judged", "closed"]);

/** Fields a written judgement letter needs (§1.6), in the letter's order. */
export const WRITTEN_JUDGEMENT_FIELDS = [
  "date",
  "findings",
  "verdict",
  "reasoning",
  "follow_up",
  "further_contact",
] as const;

/** What the state rules need besides the dossier. */
export interface StateContext {
  timeZone: string;
  /** The time of the change: a judgement is not dated after it. */
  now?: Date;
}

/**
 * The rules one version of a dossier must meet on its own, whatever came
 * before: a status has the fields that make it true, and fields agree with
 * each other. Pure: a finding per broken rule, pointing at the field to fix.
 * The gates that depend on the previous version are in `changeRules`.
 */
export function caseRules(d: Dossier, context: StateContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const add = (rule: RuleCode, path: FieldPath, message: string) =>
    findings.push({ rule, path, message });

  if (JUDGED.has(d.status)) {
    d.staff_involved?.forEach((staff, i) => {
      if (!staff.summary) {
        add(
          "hearing_gate",
          ["staff_involved", i],
          `${staff.name} needs a summary of their comment (staff_involved[${i}].summary) before the case is ${d.status} (§1.4 wederhoor)`,
        );
      }
    });
    if (!d.judgement) {
      add(
        "status_requires",
        ["status"],
        `status ${d.status} needs a judgement block (judgement.form: meeting or written)`,
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
  if (d.judgement?.date && context.now) {
    const today = localDate(context.now, context.timeZone);
    if (d.judgement.date > today) {
      add(
        "judgement_complete",
        ["judgement", "date"],
        `judgement.date ${d.judgement.date} is in the future; give the date the judgement is taken (today is ${today})`,
      );
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
      d.information?.complete === true
        ? "the information is complete, so the case no longer awaits it: set status: in_progress together with information.complete: true"
        : "status awaiting_information needs information.complete: false and information.request (§1.6)",
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
  const liability = d.liability;
  if (liability?.insurer_consulted_at) {
    if (!liability.insurer_informed_at) {
      add(
        "insurer_gate",
        ["liability", "insurer_consulted_at"],
        "the insurer is consulted after being told: leave insurer_consulted_at empty until Docket has sent the insurer notice (insurer_informed_at), or fill in insurer_informed_at yourself if you told the insurer another way",
      );
    } else if (
      Date.parse(liability.insurer_consulted_at) < Date.parse(liability.insurer_informed_at)
    ) {
      add(
        "insurer_gate",
        ["liability", "insurer_consulted_at"],
        `insurer_consulted_at is before insurer_informed_at (${liability.insurer_informed_at}): the insurer is consulted after being told`,
      );
    }
  }
  if (d.delay && d.delay.new_date <= d.terms.judgement_due) {
    add(
      "delay",
      ["delay", "new_date"],
      `delay.new_date must be after the judgement term ${d.terms.judgement_due}`,
    );
  }
  if (d.closed_at && !FINAL_STATUSES.has(d.status)) {
    add("status_requires", ["closed_at"], `closed_at is set but the status is ${d.status}`);
  }
  return findings;
}
