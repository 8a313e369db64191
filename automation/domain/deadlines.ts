import {
  addDays,
  addMonthsClamped,
  localDate,
  type IsoDate,
  type WorkingCalendar,
} from "./calendar.ts";
import type { Dossier } from "./dossier-schema.ts";
import type { TermSpec } from "./terms.ts";

export type TermKind = "information" | "judgement" | "resolution";
export type TermState = "ok" | "due_soon" | "overdue";

export interface TermStatus {
  kind: TermKind;
  /** The date the term ends: for the judgement, a delay's new date once one was given. */
  due: IsoDate;
  met: boolean;
  state: TermState;
}

export interface CaseDeadlines {
  id: string;
  status: Dossier["status"];
  handler: Dossier["handler"];
  summary: string;
  terms: TermStatus[];
  /** The earliest term not yet met; undefined when all are met. */
  next?: TermStatus;
}

export interface DeadlineContext {
  now: Date;
  timeZone: string;
  calendar: WorkingCalendar;
  /** How long before a term the handler is reminded (policy.reminder_lead). */
  lead: TermSpec;
}

const JUDGED = new Set<Dossier["status"]>(["judged", "closed"]);
const ENDED = new Set<Dossier["status"]>(["closed", "withdrawn"]);

/**
 * Where each term of an open case stands (`docket deadlines`).
 * Pure: `now` is passed in. A term is met by what the procedure asks: the
 * information assessed (or the request sent), the judgement given, the case
 * closed.
 */
export function caseDeadlines(d: Dossier, context: DeadlineContext): CaseDeadlines | undefined {
  if (ENDED.has(d.status)) return undefined;
  const today = localDate(context.now, context.timeZone);
  const informationMet =
    JUDGED.has(d.status) ||
    d.information?.complete === true ||
    (d.information?.complete === false && d.information.requested_at !== undefined);
  const raw: Omit<TermStatus, "state">[] = [
    { kind: "information", due: d.terms.information_due, met: informationMet },
    { kind: "judgement", due: judgementDue(d), met: JUDGED.has(d.status) },
    { kind: "resolution", due: d.terms.resolution_due, met: false },
  ];
  const terms = raw.map((t) => ({ ...t, state: stateOf(t.due, today, context) }));
  const next = terms
    .filter((t) => !t.met)
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))[0];
  return {
    id: d.id,
    status: d.status,
    handler: d.handler,
    summary: d.summary,
    terms,
    ...(next ? { next } : {}),
  };
}

/** The date the position is due: a delay's new date once one was given, else the judgement term. */
export function judgementDue(d: Pick<Dossier, "terms" | "delay">): IsoDate {
  return d.delay?.new_date ?? d.terms.judgement_due;
}

/** `overdue` after the due date, `due_soon` from the reminder lead before it, else `ok`. */
export function stateOf(due: IsoDate, today: IsoDate, context: DeadlineContext): TermState {
  if (today > due) return "overdue";
  return today >= remindFrom(due, context) ? "due_soon" : "ok";
}

/** The first day the handler is reminded of a term ending on `due`: the lead counted back from it. */
export function remindFrom(due: IsoDate, context: DeadlineContext): IsoDate {
  const { count, unit } = context.lead;
  switch (unit) {
    case "working_day":
      return context.calendar.addWorkingDays(due, -count);
    case "day":
      return addDays(due, -count);
    case "week":
      return addDays(due, -7 * count);
    case "month":
      return addMonthsClamped(due, -count);
  }
}

/**
 * The automatic delay notice is owed (§1.6: "wordt je hierover geïnformeerd"):
 * on the day the judgement term ends there is still no judgement and no
 * delay. It goes that day rather than after, so the complainant hears before
 * the promise is broken; the handler was reminded before.
 */
export function judgementTermPassed(d: Dossier, now: Date, timeZone: string): boolean {
  if (JUDGED.has(d.status) || ENDED.has(d.status) || d.delay) return false;
  return localDate(now, timeZone) >= d.terms.judgement_due;
}
