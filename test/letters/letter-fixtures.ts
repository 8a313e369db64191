import { readFileSync } from "node:fs";
import { BUNDLED_CONFIG, parseConfig } from "../../automation/config/read-config.ts";
import type { DocketConfig } from "../../automation/config/config-schema.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import type { LetterLanguage } from "../../automation/letters/letter-view.ts";
import { loadTemplates } from "../../automation/letters/load-templates.ts";
import type { ComposeOptions } from "../../automation/letters/letters.ts";
import { dossierData } from "../support/dossiers.ts";

/** Shared by the letter tests: a dossier with every block filled, every value distinct. */

export const config: DocketConfig = parseConfig(readFileSync(BUNDLED_CONFIG, "utf8"));

/** Every optional value set, so every section of every template is exercised. */
export const fullConfig: DocketConfig = {
  ...config,
  organisation: {
    ...config.organisation,
    phone: "+31 20 123 4567",
    address: "Straat 1, Amsterdam",
  },
};

/** The same config with `language` as the organisation's first language. */
export function configIn(language: LetterLanguage): DocketConfig {
  return { ...fullConfig, languages: [language, language === "nl" ? "en" : "nl"] };
}

export const templates = await loadTemplates();
export const now = new Date("2026-12-02T09:00:00Z");
export const dossierUrl =
  "https://github.com/interforce/klachten/blob/main/dossiers/2026/KL-2026-0001/dossier.md";

export const VALUES = {
  request: "Een kopie van je urenstaat van oktober",
  staffName: "Piet Smit",
  staffEmail: "piet.smit@example.nl",
  otherStaffName: "Fatima el Amrani",
  otherStaffEmail: "fatima.elamrani@example.nl",
  reason: "De klager vraagt vergoeding van gemiste omzet",
  delayReason: "We wachten op de urenregistratie van de opdrachtgever",
  findings: "De uren van week 42 zijn dubbel geboekt",
  reasoning: "De urenstaat toont 28 uur, de factuur 40",
  followUp: "Je ontvangt binnen 5 werkdagen een creditfactuur",
  furtherContact: "Bel of mail Sanne de Vries met je dossiernummer",
} as const;

/** A dossier in which every letter has all it needs. */
export function fullDossier(
  language: LetterLanguage = "nl",
  changes: Partial<Dossier> = {},
): Dossier {
  const base = dossierData();
  return {
    ...base,
    language,
    status: "judged",
    complainant: {
      ...base.complainant,
      phone: "06 12345678",
      organisation: "Jansen BV",
      prefers_meeting: true,
    },
    // Distinct dates, so each one is shown to be in the letter.
    terms: {
      information_due: "2026-11-30",
      judgement_due: "2026-12-01",
      resolution_due: "2026-12-24",
    },
    information: { complete: false, request: VALUES.request },
    staff_involved: [
      { name: VALUES.staffName, email: VALUES.staffEmail },
      { name: VALUES.otherStaffName, email: VALUES.otherStaffEmail },
    ],
    liability: { possible: true, reason: VALUES.reason },
    delay: { reason: VALUES.delayReason, new_date: "2026-12-08" },
    judgement: {
      form: "written",
      date: "2026-12-03",
      findings: VALUES.findings,
      verdict: "partly_founded",
      reasoning: VALUES.reasoning,
      follow_up: VALUES.followUp,
      further_contact: VALUES.furtherContact,
    },
    ...changes,
  };
}

/** The options each letter needs; `hearing_request` goes to the first staff member. */
/** A complainant's personal link to their case's page, as dispatch passes it. */
export const caseUrl =
  "https://klachten.interforce.eu/zaak/KL-2026-0001/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export const OPTIONS: ComposeOptions = {
  now,
  dossierUrl,
  caseUrl,
  staff: 0,
  respondBy: "2026-12-04",
  term: "judgement",
  mail: {
    from: "Eva Jansen <eva.jansen@example.nl>",
    sender: "complainant",
    forged: false,
    subject: "Re: Aanvulling",
    excerpt: "Hierbij het factuurnummer: 2026-10-0457.",
    file: "0004-received-reply-0123456789abcdef.eml",
    attachments: ["03-urenstaat.pdf"],
  },
  delivery: {
    letter: "acknowledgement",
    to: "eva.jansen@example.nl",
    reason: "550 5.1.1 mailbox unavailable",
    file: "0003-received-bounce-0123456789abcdef.eml",
  },
};

export const DATES = {
  nl: {
    received: "dinsdag 24 november 2026",
    information: "maandag 30 november 2026",
    judgement: "dinsdag 1 december 2026",
    resolution: "donderdag 24 december 2026",
    judged: "donderdag 3 december 2026",
    respondBy: "vrijdag 4 december 2026",
    newDate: "dinsdag 8 december 2026",
    week: "1 week",
    month: "1 maand",
  },
  en: {
    received: "Tuesday 24 November 2026",
    information: "Monday 30 November 2026",
    judgement: "Tuesday 1 December 2026",
    resolution: "Thursday 24 December 2026",
    judged: "Thursday 3 December 2026",
    respondBy: "Friday 4 December 2026",
    newDate: "Tuesday 8 December 2026",
    week: "1 week",
    month: "1 month",
  },
} as const;
