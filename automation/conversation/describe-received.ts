import type { MailValues } from "../letters/letter-view.ts";
import { bounceDetails, type DeliveryStatus } from "../mail/delivery-status.ts";
import { htmlToText } from "../intake/html-to-text.ts";
import { oneLine } from "../mail/one-line.ts";
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
): Promise<{ mail?: MailValues; delivery?: DeliveryStatus }> {
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
