import { createHash } from "node:crypto";
import type { DocketConfig } from "../config/config-schema.ts";
import { formatInstant } from "../domain/instant.ts";
import { complainantSchema } from "../domain/dossier-schema.ts";
import { addressDomain, formatAddress, parseAddress } from "../mail/eml.ts";
import { cutText, oneLine } from "../mail/one-line.ts";
import { checkAttachments, type UploadedFile } from "./attachments.ts";
import { guessLanguage } from "./guess-language.ts";
import { htmlToText } from "./html-to-text.ts";
import type { FieldProblem, Language } from "./intake-messages.ts";
import type { Complaint } from "./new-dossier.ts";
import type { ReceivedAttachment, ReceivedEmail } from "./received-email.ts";

/**
 * A received e-mail as a `Complaint` (§1.1: complaints by e-mail). Pure:
 * checks the sender, cleans the subject into the summary, takes the text
 * part (or the HTML's text), keeps the attachments Docket accepts and notes
 * the others, and recognises mail that must not open a case: our own, auto
 * replies (RFC 3834), and replies to our letters.
 */

export type EmailRefusal =
  /** From has a line break or control character, or no address a letter can go to. */
  | "sender"
  /** From is one of our own addresses: answering it would loop. */
  | "own_address"
  /** An out-of-office or other automatic reply, or a bounce. */
  | "auto_reply"
  /** A reply to one of our letters: it belongs to that dossier, not to a new one. */
  | "reply";

export type EmailComplaint =
  | { ok: true; complaint: Complaint; submissionId: string }
  | { ok: false; reason: EmailRefusal; detail: string };

/** The longest complaint text kept from one e-mail; a longer one is cut with a note. */
export const EMAIL_TEXT_LIMIT = 200_000;

export function emailComplaint(
  email: ReceivedEmail,
  options: { config: DocketConfig; now: Date; emailId: string },
): EmailComplaint {
  const { config, now } = options;
  const sender = checkSender(email.from);
  if (!sender) return { ok: false, reason: "sender", detail: "From cannot be answered" };
  const own = [config.organisation.complaints_email, config.mail.from, config.mail.reply_to];
  if (own.some((text) => sameAddress(text, sender.address))) {
    return { ok: false, reason: "own_address", detail: `From is our own ${sender.address}` };
  }
  const headers = email.headers ?? {};
  if (isAutomatic(headers, sender.address)) {
    return { ok: false, reason: "auto_reply", detail: "an automatic reply or bounce" };
  }
  const answered = answeredDossier(headers, config);
  if (answered) return { ok: false, reason: "reply", detail: `a reply about ${answered}` };

  const body = email.text.trim() ? email.text : email.html ? htmlToText(email.html) : "";
  const language = guessLanguage(`${email.subject}\n${body}`, config.languages);
  const subject = oneLine(email.subject).replace(REPLY_PREFIX, "");
  const summary = cutText(subject, 140) || NO_SUBJECT[language];
  const files = chooseAttachments(email.attachments, language);
  const parts = [
    subject.length > 140 ? `${SUBJECT[language]}: ${subject}` : "",
    body.trim() ? body.trimEnd() : NO_TEXT[language],
    ...files.notes,
  ].filter(Boolean);
  const whole = parts.join("\n\n");
  const description =
    whole.length <= EMAIL_TEXT_LIMIT
      ? whole
      : `${whole.slice(0, EMAIL_TEXT_LIMIT).replace(/[\ud800-\udbff]$/, "")}\n\n${CUT[language]}`;

  const received = Number.isNaN(email.date.getTime()) || email.date > now ? now : email.date;
  const thread = messageIdOf(email.messageId);
  const category = config.categories.some((c) => c.id === "other")
    ? "other"
    : (config.categories[0]?.id ?? "other");
  // The same message from the same sender is one complaint, however often it arrives.
  const key = thread ? `${sender.address.toLowerCase()} ${thread}` : `resend ${options.emailId}`;
  return {
    ok: true,
    submissionId: `email:${createHash("sha256").update(key).digest("hex")}`,
    complaint: {
      channel: "email",
      language,
      receivedAt: formatInstant(received, config.timezone),
      name: sender.name,
      email: sender.address,
      summary,
      description,
      category,
      attachments: files.attachments,
      ...(thread ? { thread } : {}),
    },
  };
}

/** A From that a letter can answer: no control characters, an address the dossier and mail accept. */
function checkSender(from: ReceivedEmail["from"]): { name: string; address: string } | undefined {
  if (/[\p{Cc}\u2028\u2029]/u.test(`${from.name ?? ""}${from.address}`)) return undefined;
  try {
    const { address } = parseAddress(from.address.trim(), "From");
    const name = cutText(oneLine(from.name ?? ""), 200) || address;
    formatAddress({ name, address }, "From");
    return complainantSchema.safeParse({ name, email: address }).success
      ? { name, address }
      : undefined;
  } catch {
    return undefined;
  }
}

function sameAddress(text: string, address: string): boolean {
  try {
    return parseAddress(text).address.toLowerCase() === address.toLowerCase();
  } catch {
    return false;
  }
}

/** RFC 3834's Auto-Submitted, the older Precedence and X-Autoreply marks, and bounce senders. */
function isAutomatic(headers: Readonly<Record<string, string>>, address: string): boolean {
  const auto = headers["auto-submitted"]?.trim().toLowerCase();
  if (auto !== undefined && auto !== "no") return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(headers["precedence"]?.trim() ?? "")) return true;
  if (headers["x-autoreply"] !== undefined || headers["x-autorespond"] !== undefined) return true;
  return /^(mailer-daemon|postmaster)@/i.test(address);
}

/** The dossier id in In-Reply-To or References when they name a letter we sent (`<KL-2026-0001…@our.domain>`). */
function answeredDossier(
  headers: Readonly<Record<string, string>>,
  config: DocketConfig,
): string | undefined {
  const domain = addressDomain(config.mail.from).replace(/[.]/g, "\\.");
  const ours = new RegExp(`<(${config.id_prefix}-\\d{4}-\\d{4,})(?:\\.[a-z_]+)?@${domain}>`, "i");
  const ids = `${headers["in-reply-to"] ?? ""} ${headers["references"] ?? ""}`;
  return ours.exec(ids)?.[1];
}

/** A Message-ID fit for the dossier's `thread` and for In-Reply-To: `<left@right>`, printable ASCII. */
function messageIdOf(text: string): string | undefined {
  const id = text.trim();
  return id.length <= 250 && /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/.test(id)
    ? id
    : undefined;
}

/** Up to five attachments Docket accepts, real ones before inline images; a note for each left out. */
export function chooseAttachments(
  files: readonly ReceivedAttachment[],
  language: Language,
): { attachments: Complaint["attachments"]; notes: string[] } {
  const ordered = [...files].sort((a, b) => Number(!!a.inline) - Number(!!b.inline));
  const kept: UploadedFile[] = [];
  const notes: string[] = [];
  for (const file of ordered) {
    const upload = { name: file.filename, bytes: file.bytes };
    const checked = checkAttachments([...kept, upload]);
    if ("problem" in checked) notes.push(droppedNote(file.filename, checked.problem, language));
    else kept.push(upload);
  }
  const checked = checkAttachments(kept);
  return { attachments: "problem" in checked ? [] : checked.attachments, notes };
}

function droppedNote(filename: string, problem: FieldProblem, language: Language): string {
  const name = oneLine(filename.split(/[\\/]/).pop() ?? "").slice(0, 80) || "(?)";
  const label = language === "en" ? "Attachment not kept" : "Bijlage niet opgenomen";
  return `[Docket] ${label}: ${name} (${droppedReason(problem)[language]})`;
}

function droppedReason(problem: FieldProblem): Record<Language, string> {
  switch (problem.kind) {
    case "attachment_type":
      return {
        nl: "geen PDF, JPEG, PNG, Word- of tekstbestand",
        en: "not a PDF, JPEG, PNG, Word or text file",
      };
    case "attachment_size":
      return { nl: `groter dan ${problem.maxMiB} MB`, en: `larger than ${problem.maxMiB} MB` };
    case "attachments_total":
      return {
        nl: `samen meer dan ${problem.maxMiB} MB`,
        en: `over ${problem.maxMiB} MB together`,
      };
    case "attachments_count":
      return { nl: `meer dan ${problem.max} bijlagen`, en: `more than ${problem.max} attachments` };
    default:
      return { nl: "niet aangenomen", en: "not accepted" };
  }
}

const NO_SUBJECT = { nl: "(geen onderwerp)", en: "(no subject)" } as const;
const NO_TEXT = { nl: "(De e-mail bevat geen tekst.)", en: "(The e-mail has no text.)" } as const;
const SUBJECT = { nl: "Onderwerp", en: "Subject" } as const;
const CUT = {
  nl: "[Docket] De tekst is hier ingekort; de volledige e-mail staat bij de maildienst.",
  en: "[Docket] The text was cut here; the full e-mail is kept by the mail service.",
} as const;

/** `Re:`, `Fwd:` and their Dutch and German kin, repeated: not part of what the mail is about. */
const REPLY_PREFIX = /^(?:(?:re|fw|fwd|aw|wg|antw|doorst)(?:\[\d+\])?\s*:\s*)+/i;
