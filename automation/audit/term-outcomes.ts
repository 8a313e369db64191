import { isIsoDate, localDate } from "../domain/calendar.ts";
import type { TermKind } from "../domain/deadlines.ts";
import type { CaseState, DossierHistory } from "./audit-types.ts";

/** How a term ended, or that it has not yet (`docket audit`). */
export type TermOutcomeState = "met" | "missed" | "notified" | "open";

export interface TermOutcome {
  kind: TermKind;
  /** The dossier's own term, fixed at intake. */
  due: string;
  state: TermOutcomeState;
  /** The commit time of what met the term (or notified, or came too late). */
  at?: string;
  /** What that was: `information_complete`, `information_request`, `judgement`, `meeting_proposal`, `delay_notice`, `closed`, `withdrawn`. */
  by?: string;
}

interface Event {
  time: string;
  by: string;
}

/**
 * Each term of a dossier as `met`, `missed`, `notified` or `open`, from its
 * history as of `now` (later commits do not count). Only what happened counts:
 * a letter at the time it went out (only copies Docket committed are in the
 * history), a state only when the commit that made it broke no rule. An event
 * is in time when it happened on or before the due date, in `timeZone`:
 *
 * - information: met by the information request sent, by
 *   `information.complete: true`, or by the judgement or meeting proposal sent;
 * - judgement: met by the judgement letter or the meeting proposal sent;
 *   `notified` when, without that, a delay notice went out;
 * - resolution: met by status closed.
 *
 * A case withdrawn by a term's due date has met it: nothing was owed after.
 * Past its due date a term not met is `missed`; until then it is `open`.
 */
export function termOutcomes(history: DossierHistory, now: Date, timeZone: string): TermOutcome[] {
  const terms = history.intake?.terms;
  if (!terms) return [];
  const limit = now.getTime();
  const states = history.states.filter((s) => s.valid && Date.parse(s.time) <= limit);
  const letters = history.letters.filter((l) => Date.parse(l.sentAt) <= limit);
  const reached = (by: string, test: (s: CaseState) => boolean): Event[] => {
    const state = states.find(test);
    return state ? [{ time: state.time, by }] : [];
  };
  const sent = (...names: string[]): Event[] =>
    letters.filter((l) => names.includes(l.letter)).map((l) => ({ time: l.sentAt, by: l.letter }));
  const position = sent("judgement", "meeting_proposal");
  const withdrawn = reached("withdrawn", (s) => s.status === "withdrawn");
  const today = localDate(now, timeZone);

  const decide = (kind: TermKind, due: string, met: Event[], notified: Event[] = []) => {
    if (!isIsoDate(due)) return undefined;
    const inTime = (e: Event) => localDate(e.time, timeZone) <= due;
    const first = earliest(met);
    if (first && inTime(first)) return { kind, due, state: "met" as const, ...when(first) };
    const notice = earliest(notified);
    if (notice && inTime(notice)) return { kind, due, state: "notified" as const, ...when(notice) };
    if (today > due) return { kind, due, state: "missed" as const, ...when(first) };
    return { kind, due, state: "open" as const };
  };

  const outcomes = [
    decide("information", terms.information_due, [
      ...reached("information_complete", (s) => s.informationComplete === true),
      ...sent("information_request"),
      ...position,
      ...withdrawn,
    ]),
    decide("judgement", terms.judgement_due, [...position, ...withdrawn], sent("delay_notice")),
    decide("resolution", terms.resolution_due, [
      ...reached("closed", (s) => s.status === "closed"),
      ...withdrawn,
    ]),
  ];
  return outcomes.filter((o): o is TermOutcome => o !== undefined);
}

function when(event: Event | undefined): { at?: string; by?: string } {
  return event ? { at: event.time, by: event.by } : {};
}

function earliest(events: readonly Event[]): Event | undefined {
  let first: Event | undefined;
  for (const e of events) if (!first || Date.parse(e.time) < Date.parse(first.time)) first = e;
  return first;
}
