import type { DeliveryStatus } from "../mail/delivery-status.ts";
import type { LetterLanguage } from "./letter-format.ts";
import type { LetterValues } from "./letter-template.ts";

/** What the handler's letters about the conversation say: the mail received, the letter not delivered. */

/** A received mail, as the handler's "mail received" letter tells of it (see `describeReceived`). */
export interface MailValues {
  /** `Name <address>` as the mail gives it. */
  from: string;
  /** Who that is to the case; `unknown` is flagged in the letter. */
  sender: "complainant" | "staff" | "handler" | "insurer" | "unknown";
  /** The receiving mail server reported the From address as forged (`senderAuthentication`). */
  forged: boolean;
  subject: string;
  /** The first lines, without the quoted history. */
  excerpt: string;
  /** The copy's file name in `correspondence/`. */
  file: string;
  /** Attachments filed under `attachments/`. */
  attachments: readonly string[];
}

/** A letter of ours that was not delivered, as the "not delivered" letter tells of it. */
export type DeliveryValues = DeliveryStatus;

/** A flag for `{{#if}}`: "yes" or "". */
const flag = (on: boolean): string => (on ? "yes" : "");

const SENDER = {
  nl: {
    complainant: "de klager",
    staff: "een betrokken medewerker",
    handler: "de behandelaar",
    insurer: "de verzekeraar",
    unknown: "iemand die het dossier niet kent",
  },
  en: {
    complainant: "the complainant",
    staff: "a staff member involved",
    handler: "the handler",
    insurer: "the insurer",
    unknown: "someone the dossier does not name",
  },
} as const;

const LETTER_WORDS: Record<LetterLanguage, Record<string, string>> = {
  nl: {
    acknowledgement: "de ontvangstbevestiging",
    information_request: "het verzoek om informatie",
    hearing_request: "het verzoek om commentaar",
    insurer_notice: "het bericht aan de verzekeraar",
    delay_notice: "het uitstelbericht",
    judgement: "het oordeel",
    meeting_proposal: "het voorstel voor een gesprek",
    new_case: "het bericht over de nieuwe zaak",
    reminder: "een herinnering",
    mail_received: "een bericht over ontvangen mail",
    not_delivered: "een bericht over een onbestelde brief",
  },
  en: {
    acknowledgement: "the acknowledgement",
    information_request: "the information request",
    hearing_request: "the hearing request",
    insurer_notice: "the insurer notice",
    delay_notice: "the delay notice",
    judgement: "the judgement",
    meeting_proposal: "the meeting proposal",
    new_case: "the new-case notice",
    reminder: "a reminder",
    mail_received: "a mail-received notice",
    not_delivered: "a not-delivered notice",
  },
};

const TO_COMPLAINANT = new Set([
  "acknowledgement",
  "information_request",
  "delay_notice",
  "judgement",
  "meeting_proposal",
]);

/** The mail that came in, or the letter that did not arrive. */
export function conversationValues(
  options: { mail?: MailValues | undefined; delivery?: DeliveryValues | undefined },
  language: LetterLanguage,
): Record<string, LetterValues> {
  const { mail, delivery } = options;
  const unknownLetter =
    language === "nl"
      ? "een brief (welke zegt het bericht niet)"
      : "a letter (the report does not say which)";
  return {
    mail: {
      from: mail?.from ?? "",
      sender: mail ? SENDER[language][mail.sender] : "",
      untrusted: flag(mail?.sender === "unknown" && !mail.forged),
      forged: flag(mail?.forged === true),
      subject: mail?.subject ?? "",
      excerpt: mail?.excerpt ?? "",
      file: mail?.file ?? "",
      attachments: (mail?.attachments ?? []).join(", "),
    },
    delivery: {
      letter: delivery ? (LETTER_WORDS[language][delivery.letter] ?? unknownLetter) : "",
      to: delivery?.to ?? "",
      reason: delivery?.reason ?? "",
      file: delivery?.file ?? "",
      complainant: flag(delivery !== undefined && TO_COMPLAINANT.has(delivery.letter)),
      other: flag(delivery !== undefined && !TO_COMPLAINANT.has(delivery.letter)),
    },
  };
}
