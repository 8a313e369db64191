/**
 * Which dossiers may be erased, and when retention ends for them
 * (docs/privacy.md). Pure: the clock is passed in.
 */
import { addDays, addMonthsClamped, localDate, type IsoDate } from "../domain/calendar.ts";
import type { Dossier } from "../domain/dossier-schema.ts";

/** Why the personal data of a dossier must be kept now; undefined when it may go. */
export function erasureRefusal(dossier: Dossier): string | undefined {
  if (dossier.status !== "closed" && dossier.status !== "withdrawn") {
    return `the case is still open (status ${dossier.status}): close or withdraw it first`;
  }
  if (dossier.liability?.possible && !dossier.liability.insurer_consulted_at) {
    return "a liability claim may be in progress (liability.possible: true and the insurer not yet consulted, §1.5): the data is kept until liability.insurer_consulted_at is filled in";
  }
  return undefined;
}

/** "2 years", "24 months", "730 days" → the date retention ends, counted from `from`. */
export function retentionEnds(from: IsoDate, retention: string): IsoDate {
  const [count = "0", unit = ""] = retention.trim().split(/\s+/);
  const n = Number(count);
  if (unit.startsWith("year")) return addMonthsClamped(from, 12 * n);
  if (unit.startsWith("month")) return addMonthsClamped(from, n);
  return addDays(from, n);
}

/**
 * The day a final case's retention is counted from: `closed_at`, else the
 * latest date its frontmatter holds (never earlier than the case ended).
 */
export function retentionStart(dossier: Dossier, timeZone: string): IsoDate {
  if (dossier.closed_at) return localDate(dossier.closed_at, timeZone);
  const dates = [
    localDate(dossier.received_at, timeZone),
    dossier.terms.resolution_due,
    dossier.judgement?.date,
    dossier.delay?.new_date,
  ].filter((d): d is string => typeof d === "string");
  return dates.sort().at(-1) ?? localDate(dossier.received_at, timeZone);
}

export type RetentionVerdict =
  { erase: true; since: IsoDate } | { erase: false; reason: string; until?: IsoDate };

/** Whether `dossier` is past retention at `now`, and may be erased. */
export function retentionVerdict(
  dossier: Dossier,
  now: Date,
  retention: string,
  timeZone: string,
): RetentionVerdict {
  if (dossier.erasure?.some((e) => e.rule !== "staff_request"))
    return { erase: false, reason: "already erased" };
  const refusal = erasureRefusal(dossier);
  if (refusal) return { erase: false, reason: refusal };
  const ends = retentionEnds(retentionStart(dossier, timeZone), retention);
  const today = localDate(now, timeZone);
  return today >= ends
    ? { erase: true, since: ends }
    : { erase: false, reason: `kept until ${ends} (${retention})`, until: ends };
}
