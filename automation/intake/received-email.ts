import { DocketError } from "../errors.ts";

/**
 * The port for complaints by e-mail: a received message by the mail
 * service's id. Adapters: Resend (`resend-inbound.ts`); tests use msw in
 * front of it. Texts are as the sender wrote them: the e-mail intake checks
 * and cleans them, never the adapter.
 */
export type FetchReceivedEmail = (emailId: string) => Promise<ReceivedEmail>;

export interface ReceivedEmail {
  /** The Message-ID header as sent, e.g. `<CAF=abc@mail.gmail.com>`; may be empty. */
  messageId: string;
  /** The From mailbox, split but not cleaned: a line break in it must reach the checks. */
  from: { name?: string | undefined; address: string };
  subject: string;
  /** The text/plain part; empty when the message has none. */
  text: string;
  html?: string | undefined;
  /** When the mail service received it (not the sender's Date header, which anyone can set). */
  date: Date;
  attachments: readonly ReceivedAttachment[];
  /** Header fields by lower-case name, for the auto-reply and reply checks; optional. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** The message exactly as received, when the service gives it: what a reply's dossier keeps. */
  raw?: Uint8Array | undefined;
}

export interface ReceivedAttachment {
  filename: string;
  bytes: Uint8Array;
  /** Shown inside the message (a pasted screenshot, a signature logo) rather than attached. */
  inline?: boolean | undefined;
}

/**
 * The mail service could not give the message now (down, timed out, refused
 * our key, or does not know the id yet). The webhook answers 503 so the
 * service delivers the event again later.
 */
export class ReceivedEmailUnavailableError extends DocketError {
  readonly retryAfterSeconds: number;
  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super("inbound_unavailable", message, options);
    this.retryAfterSeconds = options.retryAfterSeconds ?? 60;
  }
}
