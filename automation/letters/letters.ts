import type { DocketConfig } from "../config/config-schema.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { addressDomain, formatAddress } from "../mail/eml.ts";
import type { OutgoingMessage } from "../mail/mailer.ts";
import { LetterTemplateError } from "./letter-template.ts";
import { letterView } from "./letter-view.ts";
import type { LetterLanguage } from "./letter-view.ts";
import { renderLetter } from "./render-letter.ts";

/**
 * The letters of SPEC §6 and how each is addressed. Adding one: an entry
 * here and `letters/<name>.nl.md` + `letters/<name>.en.md`.
 */
export type Audience = "complainant" | "handler";

export interface LetterDefinition {
  /** Who receives it. Complainants get their dossier's language, handlers the organisation's first. */
  readonly audience: Audience;
  /** This letter opens the dossier's thread: its Message-ID is the thread root. */
  readonly startsThread: boolean;
}

export const LETTERS = {
  /** §1.2 bevestiging: to the complainant, at intake. */
  acknowledgement: { audience: "complainant", startsThread: true },
  /** New case: to the handler, at intake. */
  new_case: { audience: "handler", startsThread: false },
} as const satisfies Record<string, LetterDefinition>;

export type LetterName = keyof typeof LETTERS;

/** Template texts by `<letter>.<lang>`, e.g. `acknowledgement.nl` (see `loadTemplates`). */
export type LetterTemplates = Readonly<Record<string, string>>;

export interface ComposeOptions {
  /** The letter's Date. */
  now: Date;
  /** A link to the dossier, for letters to handlers. */
  dossierUrl?: string;
  /** The Message-ID to thread under instead of `<id@domain>`, e.g. the complainant's own e-mail. */
  threadRoot?: string;
}

/** The path of a letter's template in the repository. */
export function templatePath(name: string, language: string): string {
  return `letters/${name}.${language}.md`;
}

/**
 * A letter for a dossier, ready for a `Mailer`: rendered from its template,
 * addressed, with a stable idempotency key and the dossier's thread. Pure.
 */
export function composeLetter(
  name: LetterName,
  dossier: Dossier,
  config: DocketConfig,
  templates: LetterTemplates,
  options: ComposeOptions,
): OutgoingMessage {
  const definition: LetterDefinition = LETTERS[name];
  const language = letterLanguage(definition, dossier, config);
  const file = templatePath(name, language);
  const template = templates[`${name}.${language}`];
  if (template === undefined) throw new LetterTemplateError(`${file} is missing`);

  const view = letterView(dossier, config, { language, dossierUrl: options.dossierUrl });
  const letter = renderLetter(template, view, file);
  const domain = addressDomain(config.mail.from);
  // The complainant's own thread is for letters to the complainant; the others thread per dossier.
  const ownThread = definition.audience === "complainant" ? options.threadRoot : undefined;
  const root = ownThread ?? `<${dossier.id}@${domain}>`;
  const ownId = `<${dossier.id}.${name}@${domain}>`;
  const messageId = definition.startsThread && ownThread === undefined ? root : ownId;
  const threading = messageId === root ? {} : { inReplyTo: root, references: [root] };

  return {
    idempotencyKey: `${dossier.id}/${name}`,
    from: config.mail.from,
    to: [recipient(definition.audience, dossier)],
    replyTo: config.mail.reply_to,
    subject: letter.subject.includes(dossier.id)
      ? letter.subject
      : `${letter.subject} (${dossier.id})`,
    text: letter.text,
    html: letter.html,
    messageId,
    ...threading,
    date: options.now,
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

function recipient(audience: Audience, dossier: Dossier): string {
  const person = audience === "complainant" ? dossier.complainant : dossier.handler;
  return formatAddress({ name: person.name, address: person.email }, "To");
}
