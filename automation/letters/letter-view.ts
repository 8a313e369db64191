import type { DocketConfig } from "../config/config-schema.ts";
import { localDate } from "../domain/calendar.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import type { TermSpec } from "../domain/terms.ts";
import type { LetterView } from "./letter-template.ts";

export type LetterLanguage = Dossier["language"];

export interface LetterViewOptions {
  /** Where the handler opens the dossier (GitHub or the local repository). */
  dossierUrl?: string;
  /** The letter's language; default the dossier's. */
  language?: LetterLanguage;
}

/**
 * `letterView`: everything a letter template can say about a dossier, as
 * text in the letter's language. Every name is always present (an unknown
 * value is ""), so `{{#if complainant.phone}}` works and a misspelt
 * placeholder is an error. Documented in letters/README.md.
 */
export function letterView(
  dossier: Dossier,
  config: DocketConfig,
  options: LetterViewOptions = {},
): LetterView {
  const language = options.language ?? dossier.language;
  const date = (iso: string) => formatDate(iso, language);
  const term = (spec: TermSpec) => formatTerm(spec, language);
  const organisation = config.organisation;
  const category = config.categories.find((c) => c.id === dossier.category);
  return {
    language,
    dossier: {
      id: dossier.id,
      summary: dossier.summary,
      category: category?.label[language] ?? dossier.category,
      received_date: date(localDate(dossier.received_at, config.timezone)),
      received_at: dossier.received_at,
      url: options.dossierUrl ?? "",
    },
    complainant: {
      name: dossier.complainant.name,
      email: dossier.complainant.email,
      phone: dossier.complainant.phone ?? "",
      organisation: dossier.complainant.organisation ?? "",
      /** A flag for `{{#if}}`: "yes" or "". */
      prefers_meeting: dossier.complainant.prefers_meeting ? "yes" : "",
    },
    handler: { name: dossier.handler.name, email: dossier.handler.email },
    terms: {
      information_due: date(dossier.terms.information_due),
      judgement_due: date(dossier.terms.judgement_due),
      resolution_due: date(dossier.terms.resolution_due),
    },
    policy: {
      information: term(config.policy.information),
      judgement: term(config.policy.judgement),
      resolution: term(config.policy.resolution),
    },
    organisation: {
      name: organisation.name,
      website: organisation.website,
      complaints_email: organisation.complaints_email,
      portal_url: organisation.portal_url ?? "",
      phone: organisation.phone ?? "",
      address: organisation.address ?? "",
      reply_to: config.mail.reply_to,
    },
  };
}

const LOCALES: Record<LetterLanguage, string> = { nl: "nl-NL", en: "en-GB" };

/** `2026-11-24` → "dinsdag 24 november 2026" / "Tuesday 24 November 2026". */
export function formatDate(iso: string, language: LetterLanguage): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number];
  const instant = Date.UTC(year, month - 1, day, 12);
  const parts = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).formatToParts(instant);
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
