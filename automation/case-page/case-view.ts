import { localDate, type IsoDate } from "../domain/calendar.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { LETTERS } from "../letters/letters.ts";

/**
 * What the complainant's page says of a case, as plain data: where it
 * stands, each term and whether it was kept, and the letters sent to the
 * complainant. Pure: the clock and the letters (already read) come in.
 */

/** A letter as it went out, read from its copy in `correspondence/`. */
export interface SentLetter {
  /** The letter's key, from the copy's name: `acknowledgement`, `delay_notice-2026-12-08`, … */
  key: string;
  /** When it went out (its Date header). */
  sentAt: Date;
  subject: string;
  /** The plain-text part, as the complainant got it. */
  text: string;
}

export type TermOutcome =
  /** Met by the date. */
  | "kept"
  /** Met, but after the date. */
  | "late"
  /** The date passed without it. */
  | "missed"
  /** Still running. */
  | "open"
  /** Nothing was needed (no information was missing). */
  | "not_needed"
  /** The complaint was withdrawn before it was met. */
  | "lapsed";

export interface TermView {
  kind: "information" | "judgement" | "resolution";
  /** The date promised in the acknowledgement. */
  due: IsoDate;
  /** A later date given in a delay notice (judgement only). */
  movedTo?: IsoDate;
  outcome: TermOutcome;
  /** When it was met, if it was. */
  metOn?: IsoDate;
}

export interface CaseView {
  dossier: Dossier;
  terms: TermView[];
  /** Letters to the complainant, oldest first. */
  letters: SentLetter[];
  /** Open statuses accept information and a withdrawal; closed and withdrawn do not. */
  open: boolean;
}

/** The letter's name from a copy's key: `delay_notice-2026-12-08` → `delay_notice`. */
export function letterOfKey(key: string): string {
  return key.replace(/-.*$/, "");
}

/** Whether a copy's key is a letter to the complainant. */
export function isComplainantLetter(key: string): boolean {
  const letter = LETTERS[letterOfKey(key) as keyof typeof LETTERS] as
    { audience: string } | undefined;
  return letter?.audience === "complainant";
}

export function caseView(
  dossier: Dossier,
  letters: readonly SentLetter[],
  now: Date,
  timeZone: string,
): CaseView {
  const today = localDate(now, timeZone);
  const day = (instant: string | Date) =>
    localDate(typeof instant === "string" ? instant : instant.toISOString(), timeZone);
  const sent = [...letters]
    .filter((l) => isComplainantLetter(l.key))
    .sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  const firstOf = (...names: string[]) =>
    sent.find((l) => names.includes(letterOfKey(l.key)))?.sentAt;
  const withdrawn = dossier.status === "withdrawn";
  const judged = dossier.status === "judged" || dossier.status === "closed";

  const outcome = (due: IsoDate, metOn: IsoDate | undefined): TermOutcome => {
    if (metOn !== undefined) return metOn <= due ? "kept" : "late";
    if (withdrawn) return "lapsed";
    return today > due ? "missed" : "open";
  };
  const term = (
    kind: TermView["kind"],
    due: IsoDate,
    metOn: IsoDate | undefined,
    extra: Partial<TermView> = {},
  ): TermView => ({
    kind,
    due,
    outcome: extra.outcome ?? outcome(extra.movedTo ?? due, metOn),
    ...(metOn ? { metOn } : {}),
    ...(extra.movedTo ? { movedTo: extra.movedTo } : {}),
  });

  const { terms } = dossier;
  const requested = dossier.information?.requested_at;
  const informationTerm = requested
    ? term("information", terms.information_due, day(requested))
    : withdrawn
      ? term("information", terms.information_due, undefined, { outcome: "lapsed" })
      : dossier.information?.complete === true || judged || today > terms.information_due
        ? term("information", terms.information_due, undefined, { outcome: "not_needed" })
        : term("information", terms.information_due, undefined);
  const judgementSent = firstOf("judgement", "meeting_proposal");
  const judgementTerm = term(
    "judgement",
    terms.judgement_due,
    judgementSent ? day(judgementSent) : undefined,
    dossier.delay ? { movedTo: dossier.delay.new_date } : {},
  );
  const resolutionTerm = term(
    "resolution",
    terms.resolution_due,
    dossier.status === "closed" && dossier.closed_at ? day(dossier.closed_at) : undefined,
  );
  return {
    dossier,
    terms: [informationTerm, judgementTerm, resolutionTerm],
    letters: sent,
    open: dossier.status !== "closed" && !withdrawn,
  };
}
