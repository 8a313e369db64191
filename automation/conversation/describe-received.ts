import type { DeliveryValues, MailValues } from "../letters/letter-view.ts";
import { htmlToText } from "../intake/html-to-text.ts";
import { cutText, oneLine } from "../mail/one-line.ts";
import { parseReceivedName } from "../domain/received-copy.ts";
import type { SenderRole } from "./classify-mail.ts";
import { firstLines } from "./first-lines.ts";
import { readMail } from "./read-mail.ts";
import { senderAuthentication } from "./sender-authentication.ts";

/**
 * What the handler's letter says of a received copy in `correspondence/`:
 * for mail, who wrote and its first lines (`MailValues`); for a bounce,
 * which of our letters did not arrive, to whom and why (`DeliveryValues`),
 * read from the delivery status notification (RFC 3464) it holds.
 */
export async function describeReceived(
  name: string,
  content: string | Uint8Array,
  options: { dossierId: string; role: (address: string) => SenderRole },
): Promise<{ mail?: MailValues; delivery?: DeliveryValues }> {
  const raw = typeof content === "string" ? new TextEncoder().encode(content) : content;
  const copy = parseReceivedName(name);
  const mail = await readMail(raw);
  if (copy?.kind === "bounce") return { delivery: bounceDetails(raw, name, options.dossierId) };
  const from = mail.from.name
    ? `${oneLine(mail.from.name)} <${mail.from.address}>`
    : mail.from.address;
  const text = mail.text.trim() ? mail.text : mail.html ? htmlToText(mail.html) : "";
  return {
    mail: {
      from: from || "?",
      sender: copy?.kind === "untrusted" ? "unknown" : options.role(mail.from.address).role,
      forged: senderAuthentication(mail.headers, mail.from.address) === "forged",
      subject: oneLine(mail.subject),
      excerpt: firstLines(text),
      file: name,
      // A stranger's attachments are not filed under attachments/ (see fileMail).
      attachments: mail.attachments
        .filter((a) => !a.inline && copy?.kind === "reply")
        .map((a) => oneLine(a.filename).slice(0, 80) || "?"),
    },
  };
}

/** Which letter a report is about, to whom and why: from its delivery-status fields and the returned headers. */
export function bounceDetails(raw: Uint8Array, file: string, dossierId: string): DeliveryValues {
  const text = new TextDecoder("latin1").decode(raw.subarray(0, 256 * 1024));
  const field = (pattern: RegExp) => oneLine(pattern.exec(text)?.[1] ?? "");
  const escaped = dossierId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const id = `<${escaped}(?:\\.([a-z0-9_]+)[a-z0-9_-]*)?@[^<>\\s]+>`;
  // The returned letter's own Message-ID first: its In-Reply-To names the thread's first letter.
  const ours =
    new RegExp(`^Message-ID:\\s*${id}`, "im").exec(text) ?? new RegExp(id, "i").exec(text);
  const letter = ours ? (ours[1] ?? "acknowledgement").toLowerCase() : "";
  const status = field(/^Status:\s*([0-9.]+)/im);
  const diagnostic = field(/^Diagnostic-Code:\s*(?:smtp;\s*)?(.+(?:\r?\n[ \t].+)*)/im);
  return {
    letter,
    to:
      field(/^Final-Recipient:\s*rfc822;\s*<?([^\s<>]+)>?/im) ||
      field(/^Original-Recipient:\s*rfc822;\s*<?([^\s<>]+)>?/im),
    reason: cutText([status, diagnostic].filter(Boolean).join(" ").trim(), 300),
    file: file.split("/").pop() ?? file,
  };
}
