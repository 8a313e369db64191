import { z } from "zod";
import type { DocketConfig } from "../config/config-schema.ts";
import { dossierPath } from "../domain/dossier-layout.ts";
import { ID_PATTERN } from "../domain/dossier-schema.ts";
import type { ReceivedEmail } from "../intake/received-email.ts";
import { addressDomain, InvalidHeaderError, mailboxAddress, renderEml } from "../mail/eml.ts";
import { cutText, oneLine } from "../mail/one-line.ts";
import type { FiledDossier } from "../store/dossier-store.ts";
import { deliveryReport } from "./delivery-report.ts";
import { fileMail, UnknownDossierError } from "./file-mail.ts";
import { matchMail, subjectIds } from "./match-mail.ts";
import { messageIds } from "./read-mail.ts";
import { receiveMail, type ReceiveDeps, type Received } from "./receive-mail.ts";

/**
 * The conversation's part of Resend's webhook: mail to the complaints
 * address (or a plus-address of it) taken in from its raw message, and
 * `email.bounced` / `email.failed` events filed on the dossier of the letter
 * they are about. Outcomes are values; the store's errors are thrown for the
 * webhook to answer 503.
 */

/** The complaints address, or a plus-address of it or of the reply address (`klachten+KL-2026-0001@…`). */
export function isComplaintsRecipient(text: string, config: DocketConfig): boolean {
  const address = mailboxAddress(text);
  if (!address) return false;
  const plain = address.replace(/\+[^@]*@/, "@");
  return [config.organisation.complaints_email, config.mail.reply_to].some(
    (own) => mailboxAddress(own) === plain,
  );
}

/**
 * The dossier a mail the service read belongs to, from what the service
 * gave (headers, recipients): when there is one but no raw message, the
 * mail cannot be filed as received and must wait for the service to give it.
 */
export async function matchFromService(
  deps: ReceiveDeps,
  email: ReceivedEmail,
  recipients: readonly string[],
): Promise<string | undefined> {
  const headers = email.headers ?? {};
  const match = await matchMail(deps.store, deps.config, {
    from: mailboxAddress(email.from.address),
    recipients: recipients.map((r) => mailboxAddress(r)),
    subject: email.subject,
    answers: [
      ...messageIds(headers["references"] ?? ""),
      ...messageIds(headers["in-reply-to"] ?? ""),
    ],
  });
  return match?.id;
}

/** A received mail with its raw message: filed on its dossier, or a new complaint. */
export function receiveFromService(
  deps: ReceiveDeps,
  email: ReceivedEmail & { raw: Uint8Array },
  emailId: string,
): Promise<Received> {
  return receiveMail(deps, { raw: email.raw, email, receivedAt: email.date, emailId });
}

/**
 * What is filed for a mail about a case whose raw message Docket cannot keep
 * (too large, or unreadable): a message written from the service's reading
 * of it (sender, subject, text, Message-ID), saying so at the top and naming
 * the service's id, where the message and its attachments stay. Filed like
 * any received mail, so the handler hears of it; the same mail delivered
 * again is filed once. Undefined when the sender cannot be written as an
 * address (then it is no reply about a case either).
 */
export function standInCopy(
  email: ReceivedEmail,
  emailId: string,
  why: string,
  config: DocketConfig,
  now: Date,
): Uint8Array | undefined {
  const name = oneLine(email.from.name ?? "").replace(/["\\]/g, "");
  const address = mailboxAddress(email.from.address);
  if (!address) return undefined;
  const files = email.attachments.map((a) => oneLine(a.filename) || "?");
  const note = [
    `Docket could not keep this mail as it came: ${oneLine(why)}.`,
    `Resend keeps it as received e-mail ${emailId}${files.length > 0 ? `, with its attachments (${files.join(", ")})` : ""}.`,
    "What follows is Resend's reading of its text.",
  ].join("\n");
  const text = `${note}\n\n${cutText(email.text, 200_000)}`;
  const sent = Number.isNaN(email.date.getTime()) || email.date > now ? now : email.date;
  let eml: string;
  try {
    eml = renderEml({
      idempotencyKey: emailId,
      from: name ? `"${name}" <${address}>` : address,
      to: [config.organisation.complaints_email],
      subject: oneLine(email.subject),
      text,
      html: "",
      messageId: /^<[^<>\s@]+@[^<>\s@]+>$/.test(email.messageId)
        ? email.messageId
        : `<${emailId}@received.invalid>`,
      date: sent,
      timeZone: config.timezone,
    });
  } catch (error) {
    if (error instanceof InvalidHeaderError) return undefined;
    throw error;
  }
  return new TextEncoder().encode(eml);
}

const tagsSchema = z
  .union([
    z.record(z.string(), z.string()),
    z.array(z.object({ name: z.string(), value: z.string() })),
  ])
  .nullish();

const deliverySchema = z.object({
  email_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
  to: z.union([z.array(z.string()), z.string()]).nullish(),
  subject: z.string().nullish(),
  created_at: z.string().nullish(),
  tags: tagsSchema,
  bounce: z
    .object({
      message: z.string().nullish(),
      type: z.string().nullish(),
      subType: z.string().nullish(),
    })
    .nullish(),
  failed: z.object({ reason: z.string().nullish() }).nullish(),
});

export type DeliveryOutcome =
  | { outcome: "filed"; id: string; created: boolean; filed: FiledDossier }
  | { outcome: "ignored"; reason: string }
  | { outcome: "invalid" };

/**
 * `email.bounced` / `email.failed`: one of our letters did not arrive. The
 * dossier comes from the letter's tags (set when it was sent), else from the
 * id in its subject; the report is filed as a delivery status notification,
 * once per event, and the handler's "not delivered" letter follows.
 */
export async function deliveryFailed(
  deps: ReceiveDeps,
  type: "email.bounced" | "email.failed",
  data: unknown,
): Promise<DeliveryOutcome> {
  const parsed = deliverySchema.safeParse(data);
  if (!parsed.success) return { outcome: "invalid" };
  const event = parsed.data;
  const tags = tagMap(event.tags);
  const subject = event.subject ?? "";
  const id = [tags.dossier ?? "", ...subjectIds(subject, deps.config.id_prefix)].find(
    (candidate) => ID_PATTERN.test(candidate) && candidate.startsWith(`${deps.config.id_prefix}-`),
  );
  if (!id) return { outcome: "ignored", reason: "no_dossier" };
  const to = typeof event.to === "string" ? [event.to] : (event.to ?? []);
  const reason =
    type === "email.bounced"
      ? [event.bounce?.type, event.bounce?.subType, event.bounce?.message]
          .filter(Boolean)
          .join(": ")
      : (event.failed?.reason ?? "");
  const at = new Date(event.created_at ?? "");
  const now = deps.clock();
  const raw = deliveryReport({
    emailId: event.email_id,
    type: type === "email.bounced" ? "bounced" : "failed",
    at: Number.isNaN(at.getTime()) || at > now ? now : at,
    to: to.map((t) => mailboxAddress(t) || t),
    subject,
    reason,
    dossierId: id,
    letterKey:
      tags.letter && /^[a-z0-9][a-z0-9_-]{0,99}$/.test(tags.letter) ? tags.letter : undefined,
    domain: addressDomain(deps.config.mail.from),
    timeZone: deps.config.timezone,
  });
  try {
    const filed = await fileMail(deps, id, raw);
    return {
      outcome: "filed",
      id,
      created: filed.created,
      filed: { id, path: dossierPath(id), commit: filed.commit, created: filed.created },
    };
  } catch (error) {
    if (error instanceof UnknownDossierError) return { outcome: "ignored", reason: "no_dossier" };
    throw error;
  }
}

function tagMap(tags: z.output<typeof tagsSchema>): Record<string, string | undefined> {
  if (!tags) return {};
  if (Array.isArray(tags)) return Object.fromEntries(tags.map((t) => [t.name, t.value]));
  return tags;
}
