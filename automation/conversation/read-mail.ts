import PostalMime from "postal-mime";
import type { Address, Email } from "postal-mime";
import { DocketError } from "../errors.ts";

/**
 * A received message as Docket reads it: the raw RFC 5322 bytes parsed by
 * postal-mime. Only reading: nothing here decides what the mail is or where
 * it belongs (see `classifyMail`, `matchMail`). Texts are as the sender wrote
 * them; whatever shows them must treat them as untrusted.
 */
export interface ReadMail {
  /** `<left@right>` as sent, or "" when the message has none (or a malformed one). */
  messageId: string;
  from: { name: string; address: string };
  /** Every address in To, Cc and Delivered-To, lower case: plus-addresses are matched here. */
  recipients: string[];
  subject: string;
  /** The text part, or "" when there is none. */
  text: string;
  html: string;
  /** Message-IDs in In-Reply-To and References, newest last. */
  answers: string[];
  /** Header fields by lower-case name (the first of each), unfolded. */
  headers: Readonly<Record<string, string>>;
  attachments: { filename: string; mimeType: string; bytes: Uint8Array; inline: boolean }[];
}

/** The largest message Docket files: 20 MiB of attachments base64-encoded, with room for the text. */
export const MAIL_SIZE_LIMIT = 32 * 1024 * 1024;

/** The bytes are not a message Docket can read (empty, too large, or unparseable). */
export class UnreadableMailError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("mail_unreadable", message, options);
  }
}

export async function readMail(raw: Uint8Array): Promise<ReadMail> {
  if (raw.byteLength === 0) throw new UnreadableMailError("the message is empty");
  if (raw.byteLength > MAIL_SIZE_LIMIT) {
    throw new UnreadableMailError(
      `the message is ${Math.ceil(raw.byteLength / 2 ** 20)} MiB; Docket files messages up to ${MAIL_SIZE_LIMIT / 2 ** 20} MiB`,
    );
  }
  let email: Email;
  try {
    email = await PostalMime.parse(raw, { maxNestingDepth: 50 });
  } catch (error) {
    throw new UnreadableMailError(`the message cannot be parsed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (email.headers.length === 0) throw new UnreadableMailError("the message has no headers");
  const headers: Record<string, string> = {};
  for (const { key, value } of email.headers) headers[key] ??= value;
  const from = mailboxes(email.from ? [email.from] : [])[0] ?? { name: "", address: "" };
  return {
    messageId: messageIds(email.messageId ?? "")[0] ?? "",
    from,
    recipients: [
      ...mailboxes([...(email.to ?? []), ...(email.cc ?? [])]).map((m) => m.address),
      ...email.headers
        .filter((h) => h.key === "delivered-to" || h.key === "x-original-to")
        .map((h) => h.value.trim().replace(/^<|>$/g, "").toLowerCase()),
    ],
    subject: email.subject ?? "",
    text: email.text ?? "",
    html: email.html ?? "",
    answers: [...messageIds(email.references ?? ""), ...messageIds(email.inReplyTo ?? "")],
    headers,
    attachments: email.attachments.map((a) => ({
      filename: a.filename ?? "",
      mimeType: a.mimeType,
      bytes: bytesOf(a.content),
      inline: a.disposition === "inline" || a.related === true,
    })),
  };
}

/** The `<left@right>` ids in a header value, in order; anything else is skipped. */
export function messageIds(text: string): string[] {
  return (text.match(/<[^<>\s]+@[^<>\s]+>/g) ?? []).filter((id) => id.length <= 250);
}

function mailboxes(list: readonly Address[]): { name: string; address: string }[] {
  return list
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((m) => ({ name: m.name, address: m.address.trim().toLowerCase() }))
    .filter((m) => m.address.includes("@"));
}

function bytesOf(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}
