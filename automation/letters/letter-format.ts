import type { Dossier, Judgement } from "../domain/dossier-schema.ts";
import type { TermSpec } from "../domain/terms.ts";

/**
 * Values as words in a letter's language: dates, terms, verdicts and the
 * names of the terms. Pure; the only Dutch and English words of the letters
 * that are not in the templates themselves.
 */

export type LetterLanguage = Dossier["language"];

/** The terms of a dossier a reminder can be about (`terms.<term>_due`). */
export const TERM_NAMES = ["information", "judgement", "resolution"] as const;
export type TermName = (typeof TERM_NAMES)[number];

export type Verdict = NonNullable<Judgement["verdict"]>;

const LOCALES: Record<LetterLanguage, string> = { nl: "nl-NL", en: "en-GB" };

// Creating an Intl formatter is slow: one per language, reused.
const DATE_FORMATS = new Map<LetterLanguage, Intl.DateTimeFormat>();

/** `2026-11-24` → "dinsdag 24 november 2026" / "Tuesday 24 November 2026". */
export function formatDate(iso: string, language: LetterLanguage): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const instant = Date.UTC(year, month - 1, day, 12);
  let format = DATE_FORMATS.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      timeZone: "UTC",
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    DATE_FORMATS.set(language, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("weekday")} ${part("day")} ${part("month")} ${part("year")}`;
}

const UNITS: Record<LetterLanguage, Record<TermSpec["unit"], [string, string]>> = {
  nl: {
    working_day: ["werkdag", "werkdagen"],
    day: ["dag", "dagen"],
    week: ["week", "weken"],
    month: ["maand", "maanden"],
  },
  en: {
    working_day: ["working day", "working days"],
    day: ["day", "days"],
    week: ["week", "weeks"],
    month: ["month", "months"],
  },
};

/** `{ count: 1, unit: "month" }` → "1 maand" / "1 month". */
export function formatTerm(spec: TermSpec, language: LetterLanguage): string {
  const [singular, plural] = UNITS[language][spec.unit];
  return `${spec.count} ${spec.count === 1 ? singular : plural}`;
}

const VERDICTS: Record<LetterLanguage, Record<Verdict, string>> = {
  nl: { founded: "gegrond", partly_founded: "deels gegrond", unfounded: "ongegrond" },
  en: { founded: "founded", partly_founded: "partly founded", unfounded: "unfounded" },
};

/** `partly_founded` → "deels gegrond" / "partly founded". */
export function formatVerdict(verdict: Verdict, language: LetterLanguage): string {
  return VERDICTS[language][verdict];
}

/** The same words as the terms in the new-case notice. */
const TERMS: Record<LetterLanguage, Record<TermName, string>> = {
  nl: {
    information: "ontbrekende informatie melden",
    judgement: "gemotiveerd standpunt",
    resolution: "klacht afgehandeld",
  },
  en: {
    information: "report missing information",
    judgement: "reasoned position",
    resolution: "complaint resolved",
  },
};

/** `information` → "ontbrekende informatie melden" / "report missing information". */
export function formatTermName(term: TermName, language: LetterLanguage): string {
  return TERMS[language][term];
}
