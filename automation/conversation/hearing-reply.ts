import type { DocketConfig } from "../config/config-schema.ts";
import { editFrontmatter } from "../domain/dossier-text.ts";
import { hearingRequestKey } from "../domain/letters-owed.ts";
import { addressDomain } from "../mail/eml.ts";
import { plusAddress } from "../mail/reply-address.ts";

export interface HearingReplyContext {
  dossierId: string;
  /** The domain of our letters' Message-IDs (`mail.from`'s). */
  domain: string;
  /** The dossier's plus-address (`klachten+KL-2026-0001@…`), lower case. */
  plusAddress: string;
  /** When the mail arrived. */
  receivedAt: Date;
}

/** The context of `answersHearingRequest` for dossier `id` of an organisation. */
export function hearingContext(config: DocketConfig, id: string, receivedAt: Date) {
  const safely = (read: () => string) => {
    try {
      return read();
    } catch {
      return "";
    }
  };
  return {
    dossierId: id,
    domain: safely(() => addressDomain(config.mail.from)),
    plusAddress: safely(() => plusAddress(config.mail.reply_to, id).toLowerCase()),
    receivedAt,
  } satisfies HearingReplyContext;
}

/**
 * Whether a staff member's mail answers their own hearing request: its
 * In-Reply-To or References name that letter's Message-ID
 * (`<KL-2026-0001.hearing_request-<hash>@…>`), or it was sent to the
 * dossier's plus-address (the request's Reply-To) after the request went
 * out (`informed_at`). Other mail from them (a new message to the complaints
 * address, an answer in another thread) is filed but answers nothing. Pure.
 */
export function answersHearingRequest(
  mail: { answers: readonly string[]; recipients: readonly string[] },
  staff: { email: string; informedAt: string },
  context: HearingReplyContext,
): boolean {
  const ours = `<${context.dossierId}.${hearingRequestKey(staff.email)}@${context.domain}>`;
  if (mail.answers.some((id) => id.toLowerCase() === ours.toLowerCase())) return true;
  const informed = Date.parse(staff.informedAt);
  return (
    mail.recipients.includes(context.plusAddress) &&
    !Number.isNaN(informed) &&
    context.receivedAt.getTime() >= informed
  );
}

/**
 * A staff member's first reply to their hearing request (`answers`, see
 * `answersHearingRequest`): `responded_at`, unless already set.
 */
export function recordResponse(
  text: string,
  address: string,
  stamp: string,
  answers: (staff: { email: string; informedAt: string }) => boolean,
): string {
  return editFrontmatter(text, (doc) => {
    const staff = doc.get("staff_involved");
    const items = (staff as { items?: unknown[] } | undefined)?.items ?? [];
    items.forEach((_, i) => {
      const email = doc.getIn(["staff_involved", i, "email"]);
      if (typeof email !== "string" || email.toLowerCase() !== address.toLowerCase()) return;
      const informed = doc.getIn(["staff_involved", i, "informed_at"]);
      if (informed === undefined || informed === null) return;
      if (doc.hasIn(["staff_involved", i, "responded_at"])) return;
      if (!answers({ email, informedAt: String(informed) })) return;
      doc.setIn(["staff_involved", i, "responded_at"], stamp);
    });
  });
}
