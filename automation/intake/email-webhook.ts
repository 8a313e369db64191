import { z } from "zod";
import type { CaseLinks } from "../case-page/case-link.ts";
import type { DocketConfig } from "../config/config-schema.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import { ConfigError } from "../errors.ts";
import { type DossierStore, type FiledDossier } from "../store/dossier-store.ts";
import { emailComplaint } from "./email-complaint.ts";
import { storeRetryAfter } from "../store/store-retry-after.ts";
import { fileComplaint } from "./file-complaint.ts";
import type { IntakeContext } from "./intake-handler.ts";
import {
  ReceivedEmailUnavailableError,
  type FetchReceivedEmail,
  type ReceivedEmail,
} from "./received-email.ts";
import { isSvixSecret, verifySvixSignature } from "./webhook-signature.ts";
import { readCapped } from "./read-request.ts";
import { json } from "./responses.ts";
import { fileMail, type FiledMail } from "../conversation/file-mail.ts";
import {
  deliveryFailed,
  isComplaintsRecipient,
  matchFromService,
  receiveFromService,
  standInCopy,
} from "../conversation/mail-webhook.ts";
import { UnreadableMailError } from "../conversation/read-mail.ts";

export type { FetchReceivedEmail, ReceivedEmail } from "./received-email.ts";

export const EMAIL_WEBHOOK_PATH = "/api/email/received";

/** An `email.received` event is metadata only (the message is fetched): 1 MiB is plenty. */
export const EMAIL_WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface EmailWebhookDeps {
  config: DocketConfig;
  calendar: WorkingCalendar;
  store: DossierStore;
  clock: () => Date;
  /** Sends the letters a new dossier is owed and commits their copies; failures are left to `docket dispatch`. */
  deliver: (filed: FiledDossier) => Promise<void>;
  /** The message behind an event, from the mail service (`createResendInbound`). */
  fetchReceivedEmail: FetchReceivedEmail;
  /** The webhook's signing secret, `whsec_…` (Resend shows it on the webhook's page). */
  webhookSecret: string;
  /** The personal links to mask in received mail filed on a dossier (see `fileMail`). */
  caseLinks?: CaseLinks | undefined;
  log?: (message: string) => void;
}

/** The part of Resend's `email.received` event used here (https://resend.com/docs/webhooks/emails/received). */
const eventSchema = z.object({ type: z.string(), data: z.unknown() });
const addresses = z.array(z.string()).nullish();
const receivedSchema = z.object({
  email_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, { error: "expected Resend's email id" }),
  to: addresses,
  cc: addresses,
  bcc: addresses,
  received_for: addresses,
});

/**
 * `POST /api/email/received`: Resend's `email.received` webhook as a web
 * `Request → Response` function. The signature is checked on the raw body
 * before anything reads it; mail to the complaints address (or a
 * plus-address of it) is fetched; mail about a case is filed on its dossier
 * from the raw message (200 `{ id, received }`), other mail is filed as a
 * dossier (once, however often the event is delivered) and acknowledged in
 * the complainant's own thread. `email.bounced` and `email.failed` are
 * recorded on the letter's dossier (200 `{ id, recorded }`). Answers: 200 `{ id }`;
 * 202 `{ ignored }` for events and mail that open no case; 401 unsigned;
 * 503 with Retry-After when the message or the store is out of reach, so
 * Resend delivers the event again.
 */
export function createEmailWebhook(deps: EmailWebhookDeps) {
  if (!isSvixSecret(deps.webhookSecret)) {
    throw new ConfigError(
      "The e-mail webhook's signing secret (RESEND_WEBHOOK_SECRET) must be whsec_ followed by " +
        "base64, as Resend shows it on the webhook's page.",
    );
  }
  const { config } = deps;
  const log = deps.log ?? (() => undefined);

  return async function handle(request: Request, context: IntakeContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== EMAIL_WEBHOOK_PATH) return json(404, { error: "not_found" });
    if (request.method !== "POST") return json(405, { error: "method_not_allowed" }, ALLOW);

    const body = await readCappedWithLength(request, EMAIL_WEBHOOK_BODY_LIMIT);
    if (!body) return json(413, { error: "too_large" });
    const now = deps.clock();
    const signed = verifySvixSignature({
      secret: deps.webhookSecret,
      headers: request.headers,
      rawBody: body,
      now,
    });
    if (!signed.valid) {
      log(`email webhook: refused an unsigned delivery (${signed.reason})`);
      return json(401, { error: "invalid_signature", reason: signed.reason });
    }

    const event = eventSchema.safeParse(parseJson(body));
    if (!event.success) return json(400, { error: "not_an_event" });
    if (event.data.type === "email.bounced" || event.data.type === "email.failed") {
      return delivery(event.data.type, event.data.data, context);
    }
    if (event.data.type !== "email.received") return json(202, { ignored: "event_type" });
    const data = receivedSchema.safeParse(event.data.data);
    if (!data.success) return json(400, { error: "not_an_email_received_event" });
    const emailId = data.data.email_id;
    const recipients = [data.data.to, data.data.cc, data.data.bcc, data.data.received_for];
    if (!recipients.flat().some((r) => r && isComplaintsRecipient(r, config))) {
      return json(202, { ignored: "recipient" });
    }

    let email: ReceivedEmail;
    try {
      email = await deps.fetchReceivedEmail(emailId);
    } catch (error) {
      if (!(error instanceof ReceivedEmailUnavailableError)) throw error;
      log(`email webhook: ${emailId} not fetched, Resend will deliver it again: ${error.message}`);
      return unavailable(error.retryAfterSeconds);
    }
    // Mail about a case goes on its dossier, as received; the rest opens a complaint as below.
    const conversation = await conversationOf(email, emailId, recipients.flat(), context);
    if (conversation) return conversation;
    const result = emailComplaint(email, { config, now, emailId });
    if (!result.ok) {
      log(`email webhook: ${emailId} opens no case: ${result.detail}`);
      return json(202, { ignored: result.reason });
    }

    let filed: FiledDossier;
    try {
      filed = await fileComplaint(deps, result.complaint, result.submissionId);
    } catch (error) {
      // Resend retries a delivery that is not answered 2xx: the e-mail waits until the store works again.
      const retryAfter = storeRetryAfter(error);
      if (retryAfter !== undefined) {
        log(`email webhook: ${emailId} not filed yet: ${(error as Error).message}`);
        return unavailable(retryAfter);
      }
      throw error;
    }
    return complaintFiled(filed, emailId, context);
  };

  /** A new complaint filed: its letters go out now, the first time only. */
  function complaintFiled(filed: FiledDossier, emailId: string, context: IntakeContext): Response {
    if (filed.created) {
      log(`email webhook: ${emailId} filed as ${filed.id}`);
      context.defer(
        deps
          .deliver(filed)
          .catch((error: unknown) =>
            log(`email webhook: letters for ${filed.id} left to dispatch: ${String(error)}`),
          ),
      );
    } else {
      log(`email webhook: ${emailId} was filed before as ${filed.id}`);
    }
    return json(200, { id: filed.id });
  }

  /**
   * A received mail's dossier, when it has one: filed there from the raw
   * message (503 while there is none; a stand-in from Resend's reading when
   * the raw message cannot be kept).
   */
  async function conversationOf(
    email: ReceivedEmail,
    emailId: string,
    recipients: readonly (string | null | undefined)[],
    context: IntakeContext,
  ): Promise<Response | undefined> {
    const receive = { ...deps, clock: deps.clock };
    const about = () => matchFromService(receive, email, recipients.filter((r) => !!r) as string[]);
    try {
      if (!email.raw) {
        const id = await about();
        if (!id) return undefined;
        log(`email webhook: ${emailId} is about ${id}, but Resend gave no raw message yet`);
        return unavailable(60);
      }
      let received;
      try {
        // Not about a case: taken in as a new complaint on the service's reading, or refused, as below.
        received = await receiveFromService(receive, { ...email, raw: email.raw }, emailId);
      } catch (error) {
        if (!(error instanceof UnreadableMailError)) throw error;
        log(`email webhook: ${emailId}'s raw message cannot be kept: ${error.message}`);
        // About a case: the handler still hears of it, from Resend's reading. Else a complaint, as below.
        const id = await about();
        const copy = id && standInCopy(email, emailId, error.message, config, deps.clock());
        if (!id || !copy) return undefined;
        return mailFiled(
          await fileMail(receive, id, copy, { receivedAt: email.date }),
          emailId,
          context,
        );
      }
      if (received.outcome === "ignored") {
        log(`email webhook: ${emailId} opens no case: ${received.detail}`);
        return json(202, { ignored: received.reason });
      }
      if (received.outcome === "complaint") return complaintFiled(received.filed, emailId, context);
      return mailFiled(received.filed, emailId, context);
    } catch (error) {
      const retryAfter = storeRetryAfter(error);
      if (retryAfter === undefined) throw error;
      log(`email webhook: ${emailId} not filed yet: ${(error as Error).message}`);
      return unavailable(retryAfter);
    }
  }

  /** Mail filed on its dossier: the handler's letter goes out now, the first time only. */
  function mailFiled(filed: FiledMail, emailId: string, context: IntakeContext): Response {
    log(
      `email webhook: ${emailId} ${filed.created ? "filed" : "was filed before"} on ${filed.dossierId} (${filed.kind})`,
    );
    if (filed.created) {
      const dossier = {
        id: filed.dossierId,
        path: filed.dossierPath,
        commit: filed.commit,
        created: true,
      };
      context.defer(
        deps
          .deliver(dossier)
          .catch((error: unknown) =>
            log(`email webhook: letters for ${filed.dossierId} left to dispatch: ${String(error)}`),
          ),
      );
    }
    return json(200, { id: filed.dossierId, received: filed.kind });
  }

  /** `email.bounced` / `email.failed`: recorded on the letter's dossier; the handler hears of it. */
  async function delivery(
    type: "email.bounced" | "email.failed",
    data: unknown,
    context: IntakeContext,
  ): Promise<Response> {
    let outcome;
    try {
      outcome = await deliveryFailed({ ...deps }, type, data);
    } catch (error) {
      const retryAfter = storeRetryAfter(error);
      if (retryAfter === undefined) throw error;
      log(`email webhook: ${type} not recorded yet: ${(error as Error).message}`);
      return unavailable(retryAfter);
    }
    if (outcome.outcome === "invalid") return json(400, { error: "not_a_delivery_event" });
    if (outcome.outcome === "ignored") return json(202, { ignored: outcome.reason });
    log(`email webhook: ${type} recorded on ${outcome.id}`);
    if (outcome.created) {
      context.defer(
        deps
          .deliver(outcome.filed)
          .catch((error: unknown) =>
            log(`email webhook: letters for ${outcome.id} left to dispatch: ${String(error)}`),
          ),
      );
    }
    return json(200, { id: outcome.id, recorded: type });
  }
}

const ALLOW = { allow: "POST" };

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function unavailable(retryAfterSeconds: number): Response {
  return json(503, { error: "unavailable" }, { "retry-after": String(retryAfterSeconds) });
}

function readCappedWithLength(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return Promise.resolve(undefined);
  return readCapped(request, limit);
}
