import { ruleContext } from "../../automation/config/rule-context.ts";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { createEmailWebhook } from "../../automation/intake/email-webhook.ts";
import type { FetchReceivedEmail } from "../../automation/intake/received-email.ts";
import { createResendInbound } from "../../automation/intake/resend-inbound.ts";
import { signSvix } from "../../automation/intake/webhook-signature.ts";
import type { DossierStore } from "../../automation/store/dossier-store.ts";
import { extractComplaint } from "../../automation/domain/complaint-section.ts";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { CONFIG, NOW, createHarness, type Harness } from "./intake-harness.ts";
import type { FakeInboundEmail } from "./resend-inbound-fake.ts";

/** A signing secret as Resend issues them (`whsec_` and 24 random bytes in base64). */
export const WEBHOOK_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

export interface SignOptions {
  /** `svix-id`; Svix keeps it when it delivers the same message again. */
  id?: string;
  /** Seconds since the epoch; default the harness's now. */
  timestamp?: number;
  secret?: string;
  /** Headers to send instead of the signed ones (or to add). */
  headers?: Record<string, string>;
  /** Drop these headers. */
  without?: string[];
  /** Send this body instead of the one signed. */
  sendBody?: string;
}

export interface EmailHarness extends Harness {
  /** What the webhook logged. */
  logs: string[];
  /** Posts an event to the e-mail webhook, signed as Resend would, and waits for deferred work. */
  postEvent(event: object | string, options?: SignOptions): Promise<Response>;
  /** Posts any request to the e-mail webhook and waits for deferred work. */
  request(request: Request): Promise<Response>;
}

/**
 * The e-mail webhook on the intake harness's real parts (a local git
 * repository and the outbox), with the real Resend adapter for the message:
 * put msw in front of Resend's Receiving API.
 */
export async function createEmailHarness(
  options: { fetchReceivedEmail?: FetchReceivedEmail; store?: DossierStore } = {},
): Promise<EmailHarness> {
  const h = await createHarness(options.store ? { store: options.store } : {});
  const logs: string[] = [];
  const webhook = createEmailWebhook({
    config: CONFIG,
    calendar: ruleContext(CONFIG).calendar,
    store: h.store,
    clock: () => NOW,
    deliver: async (filed) => {
      const report = await dispatch(h.dispatchDeps, { only: [filed.path] });
      if (report.failed.length > 0) throw new Error(report.failed.map((f) => f.reason).join("; "));
    },
    fetchReceivedEmail:
      options.fetchReceivedEmail ?? createResendInbound({ apiKey: "re_test_key", timeoutMs: 2000 }),
    webhookSecret: WEBHOOK_SECRET,
    log: (message) => logs.push(message),
  });

  async function request(request: Request): Promise<Response> {
    const deferred: Promise<unknown>[] = [];
    const response = await webhook(request, {
      clientAddress: "203.0.113.7",
      defer: (work) => deferred.push(work),
    });
    await Promise.all(deferred);
    return response;
  }

  return Object.assign(h, {
    logs,
    request,
    postEvent(event: object | string, sign: SignOptions = {}) {
      const body = typeof event === "string" ? event : JSON.stringify(event);
      const id = sign.id ?? "msg_2yZ8aJHqLh1Q6kqVwF0dS3xPr4T";
      const timestamp = sign.timestamp ?? Math.floor(NOW.getTime() / 1000);
      const signature = signSvix({
        secret: sign.secret ?? WEBHOOK_SECRET,
        id,
        timestamp,
        rawBody: body,
      });
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(timestamp),
        "svix-signature": signature,
        ...sign.headers,
      };
      for (const name of sign.without ?? []) delete headers[name];
      return request(
        new Request("https://klachten.interforce.eu/api/email/received", {
          method: "POST",
          headers,
          body: sign.sendBody ?? body,
        }),
      );
    },
  });
}

export const MESSAGE_ID = "<CAGx3Vb1kT9q+Hc2pQ=7wK@mail.gmail.com>";

/** A received message as Resend's docs show one, from a Dutch complainant. */
export function receivedMail(overrides: Partial<FakeInboundEmail> = {}): FakeInboundEmail {
  return {
    id: "56761188-7520-42d8-8898-ff6fc54ce618",
    from: "Eva Jansen <eva.jansen@example.nl>",
    to: ["klachten@interforce.eu"],
    subject: "Factuur bevat uren die niet gewerkt zijn",
    text: "Geachte heer, mevrouw,\r\n\r\nOp mijn factuur van oktober staan 12 uur die niet gewerkt zijn.\r\n\r\nMet vriendelijke groet,\r\nEva Jansen\r\n",
    html: "<p>Geachte heer, mevrouw,</p><p>Op mijn factuur van oktober staan 12 uur…</p>",
    message_id: MESSAGE_ID,
    created_at: "2026-11-24T08:12:58.894719+00:00",
    ...overrides,
  };
}

/** A committed dossier: its text, frontmatter, body and the complainant's words. */
export function readDossier(h: Harness, path = "dossiers/2026/KL-2026-0001/dossier.md") {
  const text = h.show(path);
  const split = splitDossier(text);
  return {
    text,
    data: split.data as Record<string, unknown>,
    body: split.body,
    words: extractComplaint(split.body)?.text,
  };
}

/** The decoded text/html part of an .eml. */
export function htmlPart(eml: string): string {
  const part = eml.slice(eml.indexOf("Content-Type: text/html"));
  const body = part.slice(part.indexOf("\r\n\r\n") + 4, part.indexOf("\r\n--=_docket"));
  const bytes = body
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}
