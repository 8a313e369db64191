import { Resend } from "resend";
import type { ErrorResponse } from "resend";
import { ATTACHMENT_LIMITS } from "./attachments.ts";
import { MAIL_SIZE_LIMIT } from "../conversation/read-mail.ts";
import {
  ReceivedEmailUnavailableError,
  type FetchReceivedEmail,
  type ReceivedAttachment,
  type ReceivedEmail,
} from "./received-email.ts";

/**
 * `FetchReceivedEmail` for Resend's Receiving API: the message by id
 * (`GET /emails/receiving/{id}`), the list of its attachments with their
 * signed download URLs (`GET /emails/receiving/{id}/attachments`), and each
 * attachment's bytes from that URL (valid for an hour, no API key: it is
 * never sent there). The SDK answers `{ data, error }`: every answer is
 * checked, and every failure becomes a `ReceivedEmailUnavailableError`.
 */
export interface ResendInboundOptions {
  apiKey: string;
  /** A ready client (tests); by default one is made from `apiKey`. */
  client?: Resend;
  /** Time allowed for each request, in milliseconds; default 15 000. */
  timeoutMs?: number;
}

export function createResendInbound(options: ResendInboundOptions): FetchReceivedEmail {
  const client = options.client ?? new Resend(options.apiKey);
  const timeoutMs = options.timeoutMs ?? 15_000;

  return async function fetchReceivedEmail(emailId: string): Promise<ReceivedEmail> {
    const got = await call(`received email ${emailId}`, () =>
      client.emails.receiving.get(
        emailId,
        { html_format: "cid" },
        { signal: AbortSignal.timeout(timeoutMs) },
      ),
    );
    const attachments: ReceivedAttachment[] = [];
    if ((got.attachments ?? []).length > 0) {
      let after: string | undefined;
      for (let page = 0; page < 20; page++) {
        const list = await call(`the attachments of received email ${emailId}`, () =>
          client.emails.receiving.attachments.list(
            { emailId, ...(after ? { after, limit: 100 } : {}) },
            { signal: AbortSignal.timeout(timeoutMs) },
          ),
        );
        for (const item of list.data) {
          attachments.push({
            filename: item.filename ?? "",
            bytes: await download(
              item.download_url,
              emailId,
              timeoutMs,
              ATTACHMENT_LIMITS.fileBytes + 1,
              "an attachment",
            ),
            inline: item.content_disposition === "inline",
          });
        }
        after = list.data.at(-1)?.id;
        if (!list.has_more || !after) break;
      }
    }
    // The message as received, for filing a reply on its dossier exactly as it came.
    const raw = got.raw?.download_url
      ? await download(
          got.raw.download_url,
          emailId,
          timeoutMs,
          MAIL_SIZE_LIMIT + 1,
          "the raw message",
        )
      : undefined;
    return {
      ...(raw ? { raw } : {}),
      messageId: got.message_id ?? "",
      from: splitMailbox(got.from ?? ""),
      subject: got.subject ?? "",
      text: got.text ?? "",
      html: got.html ?? undefined,
      date: new Date(got.created_at),
      attachments,
      headers: Object.fromEntries(
        Object.entries(got.headers ?? {}).map(([name, value]: [string, unknown]) => [
          name.toLowerCase(),
          Array.isArray(value) ? value.join(" ") : String(value),
        ]),
      ),
    };
  };
}

/**
 * `Name <local@domain>` split into name and address, unchecked: a line break
 * or a bad address is left in for the e-mail intake to refuse.
 */
export function splitMailbox(text: string): { name?: string; address: string } {
  const angled = /^([\s\S]*?)<([^<>]*)>\s*$/.exec(text.trim());
  if (!angled) return { address: text.trim() };
  let name = (angled[1] ?? "").trim();
  if (/^"[\s\S]*"$/.test(name)) name = name.slice(1, -1).replace(/\\([\s\S])/g, "$1");
  return name ? { name, address: (angled[2] ?? "").trim() } : { address: (angled[2] ?? "").trim() };
}

type Answer<T> = { data: T; error: null } | { data: null; error: ErrorResponse };

async function call<T>(what: string, request: () => Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request();
  } catch (error) {
    throw new ReceivedEmailUnavailableError(`Resend could not be reached for ${what}.`, {
      cause: error,
    });
  }
  if (answer.error === null) return answer.data;
  const { name, statusCode, message } = answer.error;
  const said = `${name}${statusCode ? ` (${statusCode})` : ""}: ${message}`;
  const hint =
    statusCode === 401 || statusCode === 403
      ? " Check RESEND_API_KEY: it needs full access to read received e-mail."
      : "";
  throw new ReceivedEmailUnavailableError(`Resend did not give ${what}: ${said}.${hint}`, {
    cause: answer.error,
    retryAfterSeconds: statusCode === 429 ? 5 : 60,
  });
}

/** A file's bytes, at most `limit` (one byte over what is accepted: enough to refuse it). */
async function download(
  url: string,
  emailId: string,
  timeoutMs: number,
  limit: number,
  part: string,
): Promise<Uint8Array> {
  const what = `${part} of received email ${emailId}`;
  if (!url.startsWith("https://")) {
    throw new ReceivedEmailUnavailableError(
      `Resend gave ${what} a download URL that is not https.`,
    );
  }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs * 4) });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new ReceivedEmailUnavailableError(
        `Downloading ${what} failed with HTTP ${response.status}.`,
      );
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = value.subarray(0, limit - size);
      chunks.push(part);
      size += part.byteLength;
    }
    if (size >= limit) await reader.cancel().catch(() => undefined);
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof ReceivedEmailUnavailableError) throw error;
    throw new ReceivedEmailUnavailableError(`Could not download ${what}.`, { cause: error });
  }
}
