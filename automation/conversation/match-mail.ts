import type { DocketConfig } from "../config/config-schema.ts";
import { dossierPath } from "../domain/dossier-layout.ts";
import { splitDossier } from "../domain/dossier-text.ts";
import { addressDomain, parseAddress } from "../mail/eml.ts";
import type { DossierStore } from "../store/dossier-store.ts";

/** What matching reads of a mail: nothing of its body, so spoofed text cannot steer it past the sender check. */
export interface Envelope {
  /** The From address, lower case. */
  from: string;
  /** To, Cc, Delivered-To and the service's received-for, lower case. */
  recipients: readonly string[];
  subject: string;
  /** Message-IDs in References and In-Reply-To, In-Reply-To last. */
  answers: readonly string[];
  /** For a bounce: the Message-IDs of the letters it returns (see `returnedIds`). */
  returned?: readonly string[];
}

export interface MailMatch {
  id: string;
  /** How it was matched: a letter it answers, the plus-address it was sent to, or the id in its subject. */
  by: "thread" | "address" | "subject";
}

/**
 * The dossier a received mail is about, in this order: In-Reply-To and
 * References (or, for a bounce, the returned letter) naming a letter Docket
 * sent (`<KL-2026-0001.information_request@our.domain>`); a plus-address
 * (`klachten+KL-2026-0001@…`, which our letters use as Reply-To); the
 * dossier id in the subject when the mail comes from that case's
 * complainant. Only dossiers that exist match. Undefined: a new complaint.
 */
export async function matchMail(
  store: Pick<DossierStore, "read">,
  config: DocketConfig,
  envelope: Envelope,
): Promise<MailMatch | undefined> {
  const candidates = headerCandidates(envelope, config);
  if (candidates.length > 0) {
    const texts = await store.read([...new Set(candidates.map((c) => dossierPath(c.id)))]);
    const found = candidates.find((c) => texts.get(dossierPath(c.id)) !== undefined);
    if (found) return found;
  }
  const inSubject = subjectIds(envelope.subject, config.id_prefix);
  if (inSubject.length === 0 || !envelope.from) return undefined;
  const texts = await store.read(inSubject.map(dossierPath));
  for (const id of inSubject) {
    const text = texts.get(dossierPath(id));
    if (text !== undefined && complainantOf(text) === envelope.from) return { id, by: "subject" };
  }
  return undefined;
}

/** Candidates from the headers alone, best first. Pure. */
export function headerCandidates(envelope: Envelope, config: DocketConfig): MailMatch[] {
  const prefix = escape(config.id_prefix);
  const domain = escape(addressDomain(config.mail.from));
  const ours = new RegExp(`^<(${prefix}-\\d{4}-\\d{4,})(?:\\.[a-z0-9_-]+)?@${domain}>$`, "i");
  const out: MailMatch[] = [];
  for (const id of [...(envelope.returned ?? []), ...[...envelope.answers].reverse()]) {
    const match = ours.exec(id);
    if (match?.[1]) out.push({ id: match[1].toUpperCase(), by: "thread" });
  }
  const locals = new Set(
    [config.mail.reply_to, config.organisation.complaints_email].map((a) => localPart(a)),
  );
  const plus = new RegExp(`^([^@+]+)\\+(${prefix}-\\d{4}-\\d{4,})@${domain}$`, "i");
  for (const recipient of envelope.recipients) {
    const match = plus.exec(recipient.trim());
    if (match?.[1] && match[2] && locals.has(match[1].toLowerCase()))
      out.push({ id: match[2].toUpperCase(), by: "address" });
  }
  return out;
}

/** Dossier ids in a subject, upper case, in order. */
export function subjectIds(subject: string, prefix: string): string[] {
  const pattern = new RegExp(`(?<![A-Za-z0-9])(${escape(prefix)}-\\d{4}-\\d{4,})(?![0-9])`, "gi");
  return [...new Set([...subject.matchAll(pattern)].map((m) => (m[1] ?? "").toUpperCase()))];
}

/**
 * The Message-IDs of the returned message in a bounce: the `Message-ID:`
 * lines after the report's own headers (in its message/rfc822 or
 * text/rfc822-headers part).
 */
export function returnedIds(raw: Uint8Array): string[] {
  const text = new TextDecoder("latin1").decode(raw.subarray(0, 512 * 1024));
  const body = text.slice(Math.max(0, text.search(/\r?\n\r?\n/)));
  return [...body.matchAll(/^Message-ID:\s*(<[^<>\s]+@[^<>\s]+>)/gim)].map((m) => m[1] ?? "");
}

function complainantOf(text: string): string | undefined {
  try {
    const data = splitDossier(text).data as { complainant?: { email?: unknown } } | undefined;
    const email = data?.complainant?.email;
    return typeof email === "string" ? email.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

function localPart(mailbox: string): string {
  try {
    const { address } = parseAddress(mailbox);
    return address.slice(0, address.lastIndexOf("@")).toLowerCase();
  } catch {
    return "";
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
