/**
 * The terms of a complaint (§1.2 and §1.6, docs/procedure.md): parsed from the policy in config
 * and computed from the moment of receipt on a working calendar. Pure.
 */
import { addDays, addMonthsClamped, isIsoDate, localDate } from "./calendar.ts";
import type { IsoDate, WorkingCalendar } from "./calendar.ts";

/** A term such as "5 working days": a positive whole count of a unit. */
export interface TermSpec {
  count: number;
  unit: "working_day" | "day" | "week" | "month";
}

/** The terms of the procedure, as configured. */
export interface TermPolicy {
  information: TermSpec;
  judgement: TermSpec;
  resolution: TermSpec;
}

/** The due dates fixed at intake; the keys are stable names of the dossier format. */
export interface Terms {
  information_due: IsoDate;
  judgement_due: IsoDate;
  resolution_due: IsoDate;
}

/** The default policy: information 5 working days, judgement 1 week, resolution 1 month. */
export const DEFAULT_POLICY: TermPolicy = Object.freeze({
  information: Object.freeze({ count: 5, unit: "working_day" }),
  judgement: Object.freeze({ count: 1, unit: "week" }),
  resolution: Object.freeze({ count: 1, unit: "month" }),
});

const TERM = /^(\d{1,4})\s+(working\s+days?|days?|weeks?|months?)$/i;
const UNITS: Record<TermSpec["unit"], [singular: string, plural: string]> = {
  working_day: ["working day", "working days"],
  day: ["day", "days"],
  week: ["week", "weeks"],
  month: ["month", "months"],
};

/**
 * Parses "5 working days", "1 week", "2 weeks", "1 month", "10 days" (any case,
 * count 1–9999); undefined for anything else, including a count of 0.
 */
export function parseTermSpec(text: string): TermSpec | undefined {
  const match = TERM.exec(text.trim());
  if (!match) return undefined;
  const count = Number(match[1]);
  if (count < 1) return undefined;
  const word = (match[2] ?? "").toLowerCase();
  if (word.startsWith("working")) return { count, unit: "working_day" };
  if (word.startsWith("day")) return { count, unit: "day" };
  return { count, unit: word.startsWith("week") ? "week" : "month" };
}

/** The canonical English phrase of a term: "5 working days", "1 week". */
export function formatTermSpec(spec: TermSpec): string {
  const [singular, plural] = UNITS[spec.unit];
  return `${spec.count} ${spec.count === 1 ? singular : plural}`;
}

/**
 * The last day of a term counted from the receipt date `from`. Working days:
 * the count-th working day after `from`. Days, weeks, months: the same date
 * that much later (months clamped to the month's end), moved on to the next
 * working day if it is not one.
 */
export function termEnd(from: IsoDate, spec: TermSpec, calendar: WorkingCalendar): IsoDate {
  if (!isIsoDate(from)) throw new RangeError(`Invalid date: ${JSON.stringify(from)}`);
  if (!Number.isSafeInteger(spec.count) || spec.count < 1) {
    throw new RangeError(`Term count must be a positive integer: ${spec.count}`);
  }
  switch (spec.unit) {
    case "working_day":
      return calendar.addWorkingDays(from, spec.count);
    case "day":
      return calendar.nextWorkingDayOnOrAfter(addDays(from, spec.count));
    case "week":
      return calendar.nextWorkingDayOnOrAfter(addDays(from, 7 * spec.count));
    case "month":
      return calendar.nextWorkingDayOnOrAfter(addMonthsClamped(from, spec.count));
    default:
      throw new RangeError(`Unknown term unit: ${String((spec as { unit: unknown }).unit)}`);
  }
}

/**
 * The terms of a complaint received at the instant `receivedAt` (ISO 8601 with
 * offset or Z); counting starts the day after its local date in `timeZone`.
 */
export function computeTerms(
  receivedAt: string,
  policy: TermPolicy,
  calendar: WorkingCalendar,
  timeZone: string,
): Terms {
  const received = localDate(receivedAt, timeZone);
  return {
    information_due: termEnd(received, policy.information, calendar),
    judgement_due: termEnd(received, policy.judgement, calendar),
    resolution_due: termEnd(received, policy.resolution, calendar),
  };
}
