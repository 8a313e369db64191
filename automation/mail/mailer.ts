import { DocketError } from "../errors.ts";

/**
 * The `Mailer` port: how letters leave. Adapters: an outbox folder of `.eml`
 * files (the embedded default) and Resend. Both take the same message and
 * throw the same errors.
 */
export interface Mailer {
  readonly kind: "outbox" | "resend";
  /**
   * Sends once per `idempotencyKey`: sending the same key again does not
   * send a second e-mail. Resolves to the exact RFC 5322 text of what was sent.
   */
  send(message: OutgoingMessage): Promise<SentMessage>;
}

export interface OutgoingMessage {
  /** Stable per letter, e.g. `KL-2026-0001/acknowledgement`. */
  idempotencyKey: string;
  from: string;
  to: readonly string[];
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@domain>`: this letter's id, so replies and copies thread. */
  messageId: string;
  inReplyTo?: string;
  references?: readonly string[];
  date: Date;
  /** The time zone the `Date` header is written in (IANA, e.g. Europe/Amsterdam); default UTC. */
  timeZone?: string;
}

export interface SentMessage {
  /** The message as RFC 5322 text (CRLF line ends): the copy kept in correspondence/. */
  eml: string;
  /** The mail service's id for it, if any. */
  providerId?: string;
}

/** The mail service is down, timed out or rate limited us; the letter can go later. */
export class MailUnavailableError extends DocketError {
  readonly retryAfterSeconds: number;
  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super("mail_unavailable", message, options);
    this.retryAfterSeconds = options.retryAfterSeconds ?? 60;
  }
}

/** The mail service refused this message (bad address, invalid data): retrying will not help. */
export class MailRejectedError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("mail_rejected", message, options);
  }
}
