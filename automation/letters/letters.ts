import type { DocketConfig } from "../config/config-schema.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { addressDomain, displayAddress } from "../mail/eml.ts";
import type { Mailbox } from "../mail/eml.ts";
import type { OutgoingMessage } from "../mail/mailer.ts";
import type { CaseFile } from "./case-file.ts";
import { checkOptions, LetterDataError, requireValues } from "./letter-data.ts";
import type { LetterLanguage, TermName } from "./letter-format.ts";
import { LetterTemplateError } from "./letter-template.ts";
import { letterView, type DeliveryValues, type MailValues } from "./letter-view.ts";
import { renderLetter } from "./render-letter.ts";
import { replyAddress } from "../mail/reply-address.ts";

export { LetterDataError } from "./letter-data.ts";
export { readCaseFile, type CaseFile } from "./case-file.ts";

/**
 * The letters Docket sends (docs/procedure.md, letters/README.md) and how each is addressed. Adding one: an entry
 * here and `letters/<name>.nl.md` + `letters/<name>.en.md`.
 */
export type Audience = "complainant" | "handler" | "staff" | "insurer";

export interface LetterDefinition {
  /** Who receives it. Complainants get their dossier's language, everyone else the organisation's first. */
  readonly audience: Audience;
  /** This letter opens the dossier's thread: its Message-ID is the thread root. */
  readonly startsThread: boolean;
  /** Values of the view (see `letterView`) the letter cannot do without (letters/README.md: bold). */
  readonly requires: readonly string[];
}

export const LETTERS = {
  /** §1.2 bevestiging: to the complainant, at intake. */
  acknowledgement: { audience: "complainant", startsThread: true, requires: [] },
  /** New case: to the handler, at intake. */
  new_case: { audience: "handler", startsThread: false, requires: [] },
  /** §1.6 ontbrekende informatie: to the complainant, what is missing. */
  information_request: {
    audience: "complainant",
    startsThread: false,
    requires: ["information.request"],
  },
  /** §1.4 wederhoor: to one staff member involved (option `staff`), comment by `respondBy`. */
  hearing_request: {
    audience: "staff",
    startsThread: false,
    requires: ["staff.name", "respond_by"],
  },
  /** §1.5: to the insurer of config, why liability is possible. */
  insurer_notice: { audience: "insurer", startsThread: false, requires: ["liability.reason"] },
  /**
   * §1.6: to the complainant, the 1-week term is not met. Without a `delay`
   * block (the term passed without judgement) the template's standard reason
   * and the resolution date stand in.
   */
  delay_notice: { audience: "complainant", startsThread: false, requires: [] },
  /** §1.6 schriftelijk oordeel: to the complainant, every item of the procedure. */
  judgement: {
    audience: "complainant",
    startsThread: false,
    requires: [
      "judgement.findings",
      "judgement.verdict",
      "judgement.reasoning",
      "judgement.follow_up",
      "judgement.further_contact",
    ],
  },
  /** §1.6 persoonlijk gesprek: to the complainant, a proposal to talk about our judgement. */
  meeting_proposal: { audience: "complainant", startsThread: false, requires: [] },
  /** A term is near or past: to the handler, about the term of option `term`. */
  reminder: { audience: "handler", startsThread: false, requires: ["term.name"] },
  /** The complaint is withdrawn: to the complainant, and how to come back with a new complaint. */
  withdrawal_confirmation: { audience: "complainant", startsThread: false, requires: [] },
  /** The complaint is withdrawn: to the handler. */
  withdrawal_notice: { audience: "handler", startsThread: false, requires: [] },
  /** A mail about the case came in (option `mail`): to the handler, who wrote and what. */
  mail_received: { audience: "handler", startsThread: false, requires: ["mail.from", "mail.file"] },
  /** A letter of ours was not delivered (option `delivery`): to the handler, which, to whom, why. */
  not_delivered: { audience: "handler", startsThread: false, requires: ["delivery.file"] },
} as const satisfies Record<string, LetterDefinition>;

export type LetterName = keyof typeof LETTERS;

/** Template texts by `<letter>.<lang>`, e.g. `acknowledgement.nl` (see `loadTemplates`). */
export type LetterTemplates = Readonly<Record<string, string>>;

export interface ComposeOptions {
  /** The letter's Date. */
  now: Date;
  /** A link to the dossier, for letters to handlers. */
  dossierUrl?: string;
  /** The complainant's personal link to their case's page: only letters to the complainant carry it. */
  caseUrl?: string;
  /** The Message-ID to thread under instead of `<id@domain>`, e.g. the complainant's own e-mail. */
  threadRoot?: string;
  /**
   * The letter's key, unique within the dossier; default the letter's name.
   * It makes the idempotency key `<id>/<key>` and the Message-ID
   * `<<id>.<key>@domain>`. Lower-case letters, digits, `_` and `-`.
   */
  key?: string;
  /** hearing_request: the recipient, as an index into `staff_involved`. */
  staff?: number;
  /** hearing_request: the date (YYYY-MM-DD) the comment is due. */
  respondBy?: string;
  /** reminder: the term it is about. */
  term?: TermName;
  /**
   * The complainant's words and the attachments (see `readCaseFile`): the
   * acknowledgement confirms the attachments, the hearing request and the
   * new-case notice quote the words. Without it those parts are left out.
   */
  caseFile?: CaseFile;
  /** mail_received: the mail that came in (see `describeReceived`). */
  mail?: MailValues;
  /** not_delivered: the letter that did not arrive. */
  delivery?: DeliveryValues;
}

/** The path of a letter's template in the repository. */
export function templatePath(name: string, language: string): string {
  return `letters/${name}.${language}.md`;
}

/**
 * A letter for a dossier, ready for a `Mailer`: rendered from its template,
 * addressed, with a stable idempotency key and the dossier's thread. Pure.
 * Throws a `LetterDataError` when the dossier lacks what the letter must say,
 * and a `LetterTemplateError` when the template cannot be used.
 */
export function composeLetter(
  name: LetterName,
  dossier: Dossier,
  config: DocketConfig,
  templates: LetterTemplates,
  options: ComposeOptions,
): OutgoingMessage {
  const definition: LetterDefinition = LETTERS[name];
  checkOptions(name, dossier, options);
  const language = letterLanguage(definition, dossier, config);
  const file = templatePath(name, language);
  const template = templates[`${name}.${language}`];
  if (template === undefined) throw new LetterTemplateError(`${file} is missing`);

  const view = letterView(dossier, config, {
    language,
    now: options.now,
    ...(options.dossierUrl === undefined ? {} : { dossierUrl: options.dossierUrl }),
    ...(options.staff === undefined ? {} : { staff: options.staff }),
    ...(options.respondBy === undefined ? {} : { respondBy: options.respondBy }),
    ...(options.term === undefined ? {} : { term: options.term }),
    ...(options.caseFile === undefined ? {} : { caseFile: options.caseFile }),
    ...(options.caseUrl === undefined || definition.audience !== "complainant"
      ? {}
      : { caseUrl: options.caseUrl }),
    ...(options.mail === undefined ? {} : { mail: options.mail }),
    ...(options.delivery === undefined ? {} : { delivery: options.delivery }),
  });
  requireValues(view, definition.requires, name, dossier.id);
  const letter = renderLetter(template, view, file);

  const key = options.key ?? name;
  const domain = addressDomain(config.mail.from);
  // The complainant's own thread is for letters to the complainant; the others thread per dossier.
  const ownThread = definition.audience === "complainant" ? options.threadRoot : undefined;
  const root = ownThread ?? `<${dossier.id}@${domain}>`;
  const ownId = `<${dossier.id}.${key}@${domain}>`;
  const messageId = definition.startsThread && ownThread === undefined ? root : ownId;
  const threading = messageId === root ? {} : { inReplyTo: root, references: [root] };

  return {
    idempotencyKey: `${dossier.id}/${key}`,
    from: config.mail.from,
    to: [displayAddress(recipient(definition.audience, dossier, config, options.staff), "To")],
    // Replies come back to klachten+<id>@…: filed on this dossier whatever the mail client does to the thread.
    replyTo: replyAddress(config, dossier.id),
    subject: letter.subject.includes(dossier.id)
      ? letter.subject
      : `${letter.subject} (${dossier.id})`,
    text: letter.text,
    html: letter.html,
    messageId,
    ...threading,
    date: options.now,
    timeZone: config.timezone,
  };
}

function letterLanguage(
  definition: LetterDefinition,
  dossier: Dossier,
  config: DocketConfig,
): LetterLanguage {
  if (definition.audience === "complainant") return dossier.language;
  return config.languages[0] ?? dossier.language;
}

function recipient(
  audience: Audience,
  dossier: Dossier,
  config: DocketConfig,
  staff: number | undefined,
): Mailbox {
  const person = ((): { name: string; email: string } | undefined => {
    switch (audience) {
      case "complainant":
        return dossier.complainant;
      case "handler":
        return dossier.handler;
      case "insurer":
        return config.insurer;
      case "staff":
        return staff === undefined ? undefined : dossier.staff_involved?.[staff];
    }
  })();
  if (!person) throw new LetterDataError(`${dossier.id}: no ${audience} to write to`);
  return { name: person.name, address: person.email };
}
