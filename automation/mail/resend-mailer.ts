import { Resend } from "resend";
import type { CreateEmailOptions, ErrorResponse } from "resend";
import { renderEml } from "./eml.ts";
import { MailRejectedError, MailUnavailableError } from "./mailer.ts";
import type { Mailer, OutgoingMessage, SentMessage } from "./mailer.ts";

/**
 * The `Mailer` for Resend. Each letter is sent with its idempotency key, so
 * Resend sends it once however often it is asked (within its 24-hour
 * window). The SDK answers `{ data, error }` instead of throwing: every
 * answer is checked and mapped onto the port's two errors.
 */
export interface ResendMailerOptions {
  apiKey: string;
  /** A ready client (tests); by default one is made from `apiKey`. */
  client?: Resend;
  /** Time allowed for one request, in milliseconds; default 15 000. */
  timeoutMs?: number;
  /** How often a rate-limited send is tried again here; default 3. */
  maxRetries?: number;
  /** A `retry-after` longer than this (seconds) is not waited for here; default 60. */
  maxWaitSeconds?: number;
  /** How to wait between attempts; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

type Outcome = { retryAfterSeconds: number; error: Error; retry: boolean };

export function createResendMailer(options: ResendMailerOptions): Mailer {
  const client = options.client ?? new Resend(options.apiKey);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRetries = options.maxRetries ?? 3;
  const maxWaitSeconds = options.maxWaitSeconds ?? 60;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  return {
    kind: "resend",
    async send(message: OutgoingMessage): Promise<SentMessage> {
      const key = message.idempotencyKey;
      let eml: string;
      try {
        eml = renderEml(message);
      } catch (error) {
        throw new MailRejectedError(`Letter ${key} refused: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const payload = toResend(message);
      for (let attempt = 0; ; attempt += 1) {
        const signal = AbortSignal.timeout(timeoutMs);
        let result: Awaited<ReturnType<Resend["emails"]["send"]>>;
        try {
          result = await client.emails.send(payload, { idempotencyKey: key, signal });
        } catch (error) {
          const text = `Resend could not be reached for ${key}: ${String(error)}`;
          throw new MailUnavailableError(text, { cause: error });
        }
        if (result.error === null) {
          const id = result.data?.id;
          if (!id) throw new MailUnavailableError(`Resend answered ${key} without an email id.`);
          return { eml, providerId: id };
        }
        const outcome = classify(key, result.error, result.headers, signal.aborted, timeoutMs);
        if (outcome.retry && attempt < maxRetries && outcome.retryAfterSeconds <= maxWaitSeconds) {
          await sleep(outcome.retryAfterSeconds * 1000);
          continue;
        }
        throw outcome.error;
      }
    },
  };
}

/** The request body: In-Reply-To and References go as custom headers, so letters thread. */
function toResend(message: OutgoingMessage): CreateEmailOptions {
  const headers: Record<string, string> = { "Message-ID": message.messageId };
  if (message.inReplyTo !== undefined) headers["In-Reply-To"] = message.inReplyTo;
  if (message.references !== undefined && message.references.length > 0) {
    headers.References = message.references.join(" ");
  }
  return {
    from: message.from,
    to: [...message.to],
    ...(message.replyTo !== undefined ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers,
    ...(tags(message.idempotencyKey) ? { tags: tags(message.idempotencyKey) } : {}),
  };
}

/**
 * The dossier and letter as Resend tags (`KL-2026-0001/information_request`):
 * Resend's `email.bounced` and `email.failed` events carry them back, so a
 * failed delivery is recorded on its dossier.
 */
function tags(key: string): { name: string; value: string }[] | undefined {
  const match = /^([A-Za-z0-9_-]{1,256})\/([A-Za-z0-9_-]{1,256})$/.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  return [
    { name: "dossier", value: match[1] },
    { name: "letter", value: match[2] },
  ];
}

/** Resend's error object (https://resend.com/docs/api-reference/errors) → what the port promises. */
function classify(
  key: string,
  error: ErrorResponse,
  headers: Record<string, string> | null,
  timedOut: boolean,
  timeoutMs: number,
): Outcome {
  const status = error.statusCode;
  const said = `${error.name}${status ? ` (${status})` : ""}: ${error.message}`;
  const retryAfter = retryAfterSeconds(headers);
  const unavailable = (text: string, seconds: number, retry = false): Outcome => ({
    retry,
    retryAfterSeconds: seconds,
    error: new MailUnavailableError(text, { cause: error, retryAfterSeconds: seconds }),
  });
  const rejected = (text: string): Outcome => ({
    retry: false,
    retryAfterSeconds: 0,
    error: new MailRejectedError(text, { cause: error }),
  });

  if (status === null) {
    const why = timedOut ? `no answer within ${timeoutMs} ms` : "the request did not complete";
    return unavailable(`Resend could not be reached for ${key}: ${why}.`, 60);
  }
  switch (error.name) {
    case "rate_limit_exceeded":
      return unavailable(`Resend rate limit for ${key}: ${said}`, retryAfter ?? 1, true);
    case "daily_quota_exceeded":
    case "monthly_quota_exceeded":
      return unavailable(`Resend sending quota used up for ${key}: ${said}`, retryAfter ?? 3600);
    case "concurrent_idempotent_requests":
      return unavailable(
        `Letter ${key} is being sent by another run: ${said}`,
        retryAfter ?? 1,
        true,
      );
    case "invalid_idempotent_request":
      return rejected(
        `Resend already sent a different letter under ${key} (its text changed since): ${said}. ` +
          "Check the copy in correspondence/; send a correction under a new key if needed.",
      );
  }
  if (status === 429)
    return unavailable(`Resend refused ${key} for now: ${said}`, retryAfter ?? 1, true);
  if (status >= 500) return unavailable(`Resend failed on ${key}: ${said}`, retryAfter ?? 60);
  if (status === 401 || status === 403) {
    return unavailable(
      `Resend refused our credentials or sender for ${key}: ${said}. ` +
        "Check RESEND_API_KEY and that the domain of mail.from is verified.",
      retryAfter ?? 3600,
    );
  }
  return rejected(`Resend rejected ${key}: ${said}`);
}

/** `retry-after` in seconds (an integer or an HTTP date), else `ratelimit-reset`. */
function retryAfterSeconds(headers: Record<string, string> | null): number | undefined {
  const value = headers?.["retry-after"] ?? headers?.["ratelimit-reset"];
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
