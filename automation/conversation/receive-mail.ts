import type { CaseLinks } from "../case-page/case-link.ts";
import type { DocketConfig } from "../config/config-schema.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import { emailComplaint } from "../intake/email-complaint.ts";
import { fileComplaint } from "../intake/file-complaint.ts";
import type { ReceivedEmail } from "../intake/received-email.ts";
import type { DossierStore, FiledDossier } from "../store/dossier-store.ts";
import { classifyMail } from "./classify-mail.ts";
import { fileMail, type FiledMail } from "./file-mail.ts";
import { matchMail, returnedIds, type Envelope } from "./match-mail.ts";
import { readMail, type ReadMail } from "./read-mail.ts";

export interface ReceiveDeps {
  config: DocketConfig;
  calendar: WorkingCalendar;
  store: DossierStore;
  clock: () => Date;
  /** The personal links to mask in what is filed (see `fileMail`). */
  caseLinks?: CaseLinks | undefined;
}

export type Received =
  /** About a case: filed on its dossier (`created: false` when it had been before). */
  | { outcome: "filed"; filed: FiledMail; by: "thread" | "address" | "subject" }
  /** A new complaint (`created: false` when it had been filed before). */
  | { outcome: "complaint"; filed: FiledDossier }
  /** Neither: an automatic reply or bounce about no case we know, our own mail, an unanswerable sender. */
  | { outcome: "ignored"; reason: string; detail: string };

/**
 * One mail to the complaints address, from any channel (the inbox folder,
 * Resend's webhook): matched to its dossier and filed there, or else taken
 * in as a new complaint as before. `raw` is the message as received;
 * `email` is the mail service's reading of it, used for a new complaint
 * when given (else read from `raw`). Letters are left to the caller, who
 * reconciles the dossier's (`dispatch`). Throws `UnreadableMailError` and
 * the store's errors.
 */
export async function receiveMail(
  deps: ReceiveDeps,
  input: { raw: Uint8Array; email?: ReceivedEmail; receivedAt?: Date; emailId: string },
): Promise<Received> {
  const mail = await readMail(input.raw);
  const kind = classifyMail(mail);
  const envelope: Envelope = {
    from: mail.from.address,
    recipients: mail.recipients,
    subject: mail.subject,
    answers: mail.answers,
    ...(kind === "bounce" ? { returned: returnedIds(input.raw) } : {}),
  };
  const match = await matchMail(deps.store, deps.config, envelope);
  if (match) {
    const filed = await fileMail(deps, match.id, input.raw, {
      ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
    });
    return { outcome: "filed", filed, by: match.by };
  }
  const email = input.email ?? receivedEmailOf(mail, input.receivedAt ?? deps.clock());
  const result = emailComplaint(email, {
    config: deps.config,
    now: deps.clock(),
    emailId: input.emailId,
  });
  if (!result.ok) return { outcome: "ignored", reason: result.reason, detail: result.detail };
  const filed = await fileComplaint(deps, result.complaint, result.submissionId);
  return { outcome: "complaint", filed };
}

/** The raw message as the e-mail intake reads a mail service's answer. */
export function receivedEmailOf(mail: ReadMail, date: Date): ReceivedEmail {
  return {
    messageId: mail.messageId,
    from: mail.from.name ? mail.from : { address: mail.from.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html || undefined,
    date,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      bytes: a.bytes,
      inline: a.inline,
    })),
    headers: mail.headers,
  };
}
