import { createHash } from "node:crypto";
import type { OutgoingMessage } from "./mailer.ts";
import {
  assertHeaderText,
  decodeEncodedWords,
  encodedWords,
  foldHeader,
  formatRfc5322Date,
  InvalidHeaderError,
  isPrintableAscii,
  quotedPrintable,
} from "./mime.ts";

export { InvalidHeaderError } from "./mime.ts";

/**
 * `renderEml`: an `OutgoingMessage` as the RFC 5322 text kept in a dossier's
 * `correspondence/`. Pure and deterministic: the same message gives the same
 * bytes. Every header value is checked before anything is written, so a
 * line break in a name, subject or address can never add a header.
 */

export interface Mailbox {
  /** The display name, if any, without quotes. */
  name?: string;
  /** `local@domain`, ASCII. */
  address: string;
}

/** A conservative addr-spec: dot-atom local part and a host name. */
const ADDR_SPEC =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** A message id, `<left@right>`, printable ASCII without spaces or angle brackets inside. */
const MSG_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>$/;

/** Atoms and spaces: a display name that needs neither quotes nor encoding. */
const PLAIN_PHRASE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?: [A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/**
 * Reads `Name <local@domain>`, `"Last, First" <local@domain>` or
 * `local@domain`. Throws an `InvalidHeaderError` naming `header` when the
 * text has control characters or is not an address.
 */
export function parseAddress(text: string, header = "Address"): Mailbox {
  assertHeaderText(header, text);
  const trimmed = text.trim();
  const angled = /^(.*?)\s*<([^<>]*)>$/.exec(trimmed);
  const address = (angled ? angled[2] : trimmed)?.trim() ?? "";
  if (!ADDR_SPEC.test(address) || address.length > 254) {
    throw new InvalidHeaderError(header, `${JSON.stringify(text)} is not an e-mail address`);
  }
  let name = angled?.[1]?.trim() ?? "";
  // A quoted name is taken literally (RFC 2047 §5); a bare one may hold encoded-words.
  if (/^".*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  else name = decodeEncodedWords(name);
  return name ? { name, address } : { address };
}

/**
 * A mailbox as people read it, for a message's `to`: `Zoë Müller-Çelik
 * <zoe@example.nl>`, the name in quotes when it holds a comma or another
 * special, never encoded. Encoding is the last step, done once by
 * `renderEml` (and by Resend for what it sends); `parseAddress` reads it back.
 */
export function displayAddress(mailbox: Mailbox, header = "Address"): string {
  formatAddress(mailbox, header);
  const name = mailbox.name?.trim();
  if (!name) return mailbox.address;
  const bare = /^[^"\\(),.:;<>@[\]]+$/u.test(name) && !name.includes("=?");
  return `${bare ? name : `"${name.replace(/(["\\])/g, "\\$1")}"`} <${mailbox.address}>`;
}

/** A mailbox as header text: the name bare, quoted or RFC 2047 encoded as it needs. */
export function formatAddress(mailbox: Mailbox, header = "Address"): string {
  assertHeaderText(header, mailbox.address);
  if (!ADDR_SPEC.test(mailbox.address)) {
    throw new InvalidHeaderError(
      header,
      `${JSON.stringify(mailbox.address)} is not an e-mail address`,
    );
  }
  const name = mailbox.name?.trim();
  if (!name) return mailbox.address;
  assertHeaderText(header, name);
  return `${formatPhrase(name)} <${mailbox.address}>`;
}

function formatPhrase(name: string): string {
  if (PLAIN_PHRASE.test(name) && !name.includes("=?")) return name;
  if (isPrintableAscii(name) && !name.includes("=?")) {
    return `"${name.replace(/(["\\])/g, "\\$1")}"`;
  }
  return encodedWords(name).join(" ");
}

/** The address of a mailbox text (`Name <a@b.nl>` or `a@b.nl`), lower case; "" when it is none. */
export function mailboxAddress(text: string): string {
  try {
    return parseAddress(text.trim()).address.toLowerCase();
  } catch {
    return "";
  }
}

/** The domain of an address text, lower case: `klachten@interforce.eu` → `interforce.eu`. */
export function addressDomain(text: string): string {
  const { address } = parseAddress(text);
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/** The message as RFC 5322 text with CRLF line ends: headers, then text and HTML alternatives. */
export function renderEml(message: OutgoingMessage): string {
  if (message.to.length === 0) throw new InvalidHeaderError("To", "no recipient");
  const text = quotedPrintable(message.text);
  const html = quotedPrintable(message.html);
  const boundary = boundaryFor(text, html);

  const headers = [
    foldHeader("Date", formatRfc5322Date(message.date, message.timeZone)),
    foldHeader("From", formatAddress(parseAddress(message.from, "From"), "From")),
    foldHeader(
      "To",
      message.to.map((to) => formatAddress(parseAddress(to, "To"), "To")).join(", "),
    ),
  ];
  if (message.replyTo !== undefined) {
    const replyTo = formatAddress(parseAddress(message.replyTo, "Reply-To"), "Reply-To");
    headers.push(foldHeader("Reply-To", replyTo));
  }
  headers.push(
    foldHeader("Subject", encodeSubject(message.subject)),
    foldHeader("Message-ID", messageId("Message-ID", message.messageId)),
  );
  if (message.inReplyTo !== undefined) {
    headers.push(foldHeader("In-Reply-To", messageId("In-Reply-To", message.inReplyTo)));
  }
  if (message.references !== undefined && message.references.length > 0) {
    const ids = message.references.map((id) => messageId("References", id));
    headers.push(foldHeader("References", ids.join(" ")));
  }
  headers.push(
    "MIME-Version: 1.0",
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
  );

  return [
    ...headers,
    "",
    `--${boundary}`,
    ...partHeaders("text/plain"),
    "",
    text,
    `--${boundary}`,
    ...partHeaders("text/html"),
    "",
    html,
    `--${boundary}--`,
    "",
  ].join("\r\n");
}

function partHeaders(type: string): string[] {
  return [`Content-Type: ${type}; charset=utf-8`, "Content-Transfer-Encoding: quoted-printable"];
}

/** Subject text: ASCII as is (folded at spaces); anything else, or a very long word, as encoded-words. */
function encodeSubject(subject: string): string {
  assertHeaderText("Subject", subject);
  const plain = isPrintableAscii(subject) && !subject.includes("=?");
  const longWord = subject.split(" ").some((word) => word.length > 60);
  return plain && !longWord ? subject : encodedWords(subject).join(" ");
}

function messageId(header: string, id: string): string {
  assertHeaderText(header, id);
  if (!MSG_ID.test(id)) {
    throw new InvalidHeaderError(
      header,
      `${JSON.stringify(id)} is not a message id like <id@domain>`,
    );
  }
  return id;
}

/**
 * A boundary from the hash of the encoded parts. It starts with `=_`, which
 * quoted-printable output never contains, so it cannot occur in the content.
 */
function boundaryFor(text: string, html: string): string {
  const hash = createHash("sha256").update(text).update("\0").update(html).digest("hex");
  const boundary = `=_docket_${hash.slice(0, 32)}`;
  if (text.includes(boundary) || html.includes(boundary)) {
    throw new Error("MIME boundary found in the content; this cannot happen with quoted-printable");
  }
  return boundary;
}
