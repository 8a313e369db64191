import { formatRfc5322Date } from "../mail/mime.ts";

/**
 * A delivery status notification (RFC 3464) for a letter the mail service
 * reported as not delivered (Resend's `email.bounced` and `email.failed`):
 * what is filed on the dossier, so a bounce reported by webhook reads in
 * `correspondence/` as one returned by a mail server. Every value is put on
 * one line of printable ASCII: nothing the receiving side wrote can add a
 * header or a part. Pure and deterministic: the same event gives the same
 * bytes, and so is filed once.
 */
export interface DeliveryEvent {
  /** The mail service's id of the letter, e.g. Resend's email id. */
  emailId: string;
  type: "bounced" | "failed";
  /** When the service reported it. */
  at: Date;
  to: readonly string[];
  subject: string;
  /** What the service or the receiving server said. */
  reason: string;
  dossierId: string;
  /** The letter's key (`information_request`), when the service returned it. */
  letterKey?: string | undefined;
  /** Our mail domain, for the returned letter's Message-ID. */
  domain: string;
  timeZone: string;
}

export function deliveryReport(event: DeliveryEvent): Uint8Array {
  const boundary = `docket-report-${clean(event.emailId)}`;
  const to = event.to.map(clean).filter(Boolean);
  const reason = clean(event.reason) || event.type;
  const status = event.type === "bounced" ? "5.0.0" : "4.0.0";
  const returned = event.letterKey
    ? `<${event.dossierId}.${clean(event.letterKey)}@${event.domain}>`
    : undefined;
  const lines = [
    `From: Mail Delivery System <mailer-daemon@${event.domain}>`,
    `Subject: Not delivered: ${clean(event.subject)}`,
    `Date: ${formatRfc5322Date(event.at, event.timeZone)}`,
    `Message-ID: <${clean(event.emailId)}.${event.type}@delivery-report.invalid>`,
    "Auto-Submitted: auto-generated",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=us-ascii",
    "",
    `The mail service reported this letter as ${event.type === "bounced" ? "bounced" : "failed"}.`,
    `To: ${to.join(", ") || "(unknown)"}`,
    `Reason: ${reason}`,
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    `Reporting-MTA: dns; ${event.domain}`,
    `X-Mail-Service-Id: ${clean(event.emailId)}`,
    "",
    ...to.flatMap((address) => [
      `Final-Recipient: rfc822; ${address}`,
      `Action: failed`,
      `Status: ${status}`,
      `Diagnostic-Code: smtp; ${reason}`,
      "",
    ]),
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    `Subject: ${clean(event.subject)}`,
    ...(returned ? [`Message-ID: ${returned}`] : []),
    "",
    `--${boundary}--`,
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}

/** One line of printable ASCII, at most 300 characters. */
function clean(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}
