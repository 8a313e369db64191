import { z } from "zod";
import type { DocketConfig } from "../config/config-schema.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import { ConfigError } from "../errors.ts";
import { parseAddress } from "../mail/eml.ts";
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
 * before anything reads it; mail to the complaints address is fetched,
 * filed as a dossier (once, however often the event is delivered) and
 * acknowledged in the complainant's own thread. Answers: 200 `{ id }`;
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
  const complaintsAddress = config.organisation.complaints_email.toLowerCase();

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
    if (event.data.type !== "email.received") return json(202, { ignored: "event_type" });
    const data = receivedSchema.safeParse(event.data.data);
    if (!data.success) return json(400, { error: "not_an_email_received_event" });
    const emailId = data.data.email_id;
    const recipients = [data.data.to, data.data.cc, data.data.bcc, data.data.received_for];
    if (!recipients.flat().some((r) => r && addressOf(r) === complaintsAddress)) {
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
  };
}

const ALLOW = { allow: "POST" };

/** The address of `Name <local@domain>` or `local@domain`, lower case; "" if there is none. */
function addressOf(text: string): string {
  try {
    return parseAddress(text).address.toLowerCase();
  } catch {
    return "";
  }
}

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
