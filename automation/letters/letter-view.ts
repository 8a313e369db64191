import type { DocketConfig } from "../config/config-schema.ts";
import { compareDates, localDate } from "../domain/calendar.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import type { TermSpec } from "../domain/terms.ts";
import {
  formatDate,
  formatTerm,
  formatTermName,
  formatVerdict,
  type LetterLanguage,
  type TermName,
} from "./letter-format.ts";
import type { LetterValues, LetterView } from "./letter-template.ts";
import { dossierPath } from "../domain/dossier-layout.ts";
import type { CaseFile } from "./case-file.ts";
import { conversationValues, type DeliveryValues, type MailValues } from "./conversation-values.ts";

export type { DeliveryValues, MailValues } from "./conversation-values.ts";

export { formatDate, formatTerm, formatTermName, formatVerdict } from "./letter-format.ts";
export type { LetterLanguage, TermName } from "./letter-format.ts";

export interface LetterViewOptions {
  /** Where the handler opens the dossier (GitHub or the local repository). */
  dossierUrl?: string;
  /** The complainant's personal link to their case's page (letters to the complainant). */
  caseUrl?: string;
  /** The letter's language; default the dossier's. */
  language?: LetterLanguage;
  /** The staff member a hearing request goes to: an index into `staff_involved`. */
  staff?: number;
  /** A hearing request: the date (YYYY-MM-DD) the staff member's comment is due. */
  respondBy?: string;
  /** A reminder: the term it is about. */
  term?: TermName;
  /** The letter's date, to tell whether the reminder's term has passed. */
  now?: Date;
  /** The complainant's words and attachments, when the caller has the dossier's files. */
  caseFile?: CaseFile;
  /** mail_received: the mail that came in. */
  mail?: MailValues;
  /** not_delivered: the letter that did not arrive. */
  delivery?: DeliveryValues;
}

/** A flag for `{{#if}}`: "yes" or "". */
const flag = (on: boolean): string => (on ? "yes" : "");

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
      page_url: options.caseUrl ?? "",
      path: dossierPath(dossier.id),
    },
    complaint: { text: options.caseFile?.complaint ?? "" },
    attachments: attachmentValues(options.caseFile?.attachments ?? [], language),
    complainant: {
      name: dossier.complainant.name,
      email: dossier.complainant.email,
      phone: dossier.complainant.phone ?? "",
      organisation: dossier.complainant.organisation ?? "",
      prefers_meeting: flag(dossier.complainant.prefers_meeting === true),
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
    insurer: {
      name: config.insurer.name,
      email: config.insurer.email,
      policy_number: config.insurer.policy_number ?? "",
    },
    ...caseValues(dossier, language),
    ...requestValues(dossier, config, language, options),
    ...conversationValues(options, language),
  };
}

// Creating an Intl formatter is slow: one per language, reused.
const LIST_FORMATS: Record<LetterLanguage, Intl.ListFormat> = {
  nl: new Intl.ListFormat("nl-NL", { type: "conjunction" }),
  en: new Intl.ListFormat("en-GB", { type: "conjunction" }),
};

/** The attachments in words: "01-factuur.pdf en 02-foto.jpg", and how many. */
function attachmentValues(names: readonly string[], language: LetterLanguage): LetterValues {
  return {
    names: LIST_FORMATS[language].format(names),
    count: names.length > 0 ? String(names.length) : "",
  };
}

/** The blocks a case gains on its way: information, liability, delay, judgement. */
function caseValues(dossier: Dossier, language: LetterLanguage): Record<string, LetterValues> {
  const date = (iso: string | undefined) => (iso ? formatDate(iso, language) : "");
  const { information, liability, delay, judgement } = dossier;
  return {
    information: { request: information?.request ?? "" },
    liability: { reason: liability?.reason ?? "" },
    delay: {
      reason: delay?.reason ?? "",
      // Without a `delay` block the notice goes because the judgement term passed (§1.6):
      // the new date is then the date the complaint is to be handled by.
      new_date: date(delay?.new_date ?? dossier.terms.resolution_due),
      standard_reason: flag(!delay?.reason),
    },
    judgement: {
      date: date(judgement?.date),
      findings: judgement?.findings ?? "",
      verdict: judgement?.verdict ? formatVerdict(judgement.verdict, language) : "",
      reasoning: judgement?.reasoning ?? "",
      follow_up: judgement?.follow_up ?? "",
      further_contact: judgement?.further_contact ?? "",
    },
  };
}

/** What a single letter is about: the staff member, the reply date, the term. */
function requestValues(
  dossier: Dossier,
  config: DocketConfig,
  language: LetterLanguage,
  options: LetterViewOptions,
): Record<string, string | LetterValues> {
  const staff = options.staff === undefined ? undefined : dossier.staff_involved?.[options.staff];
  const term = options.term;
  const due = term ? dossier.terms[`${term}_due`] : undefined;
  const today = options.now ? localDate(options.now, config.timezone) : undefined;
  return {
    staff: {
      name: staff?.name ?? "",
      email: staff?.email ?? "",
      // Everyone in staff_involved, for the handler's notice.
      all: (dossier.staff_involved ?? []).map((s) => s.name).join(", "),
    },
    respond_by: options.respondBy ? formatDate(options.respondBy, language) : "",
    term: {
      name: term ? formatTermName(term, language) : "",
      date: due ? formatDate(due, language) : "",
      length: term ? formatTerm(config.policy[term], language) : "",
      overdue: flag(due !== undefined && today !== undefined && compareDates(due, today) < 0),
      information: flag(term === "information"),
      judgement: flag(term === "judgement"),
      resolution: flag(term === "resolution"),
    },
  };
}
