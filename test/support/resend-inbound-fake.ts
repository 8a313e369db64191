import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

/**
 * A fake of Resend's Receiving API for msw, answering as its docs show
 * (https://resend.com/docs/api-reference/emails/retrieve-received-email):
 * `GET /emails/receiving/{id}`, `GET /emails/receiving/{id}/attachments`
 * (signed `download_url`s on the inbound CDN) and the downloads themselves.
 * `receive()` stores a message and returns the `email.received` event
 * Resend would post for it. Unhandled requests are errors.
 */

export const RESEND_API = "https://api.resend.com";
export const INBOUND_CDN = "https://inbound-cdn.resend.com";

export interface FakeInboundEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  message_id: string;
  created_at: string;
  headers?: Record<string, string>;
  attachments?: FakeInboundAttachment[];
  /** The message as received: given as `raw.download_url` when set. */
  raw?: Uint8Array;
}

export interface FakeInboundAttachment {
  filename: string | null;
  content_type: string;
  content_disposition?: "inline" | "attachment";
  bytes: Uint8Array;
}

export function createResendInboundFake() {
  const emails = new Map<string, FakeInboundEmail>();
  const failures: { status: number; name: string; message: string }[] = [];
  /** Method and URL path of every request, in order. */
  const requests: string[] = [];
  /** The Authorization header of each download (the API key must never go there). */
  const downloadAuthorization: (string | null)[] = [];

  const metadata = (email: FakeInboundEmail) =>
    (email.attachments ?? []).map((a, i) => ({
      id: attachmentId(email.id, i),
      filename: a.filename,
      size: a.bytes.byteLength,
      content_type: a.content_type,
      content_disposition: a.content_disposition ?? "attachment",
      content_id: null,
    }));

  function api(request: Request, id: string, answer: (email: FakeInboundEmail) => object) {
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    const failure = failures.shift();
    if (failure) return HttpResponse.json({ statusCode: failure.status, ...failure }, failure);
    if (!request.headers.get("authorization")?.startsWith("Bearer re_")) {
      const message = "Missing API key in the authorization header.";
      return HttpResponse.json(
        { statusCode: 401, name: "missing_api_key", message },
        { status: 401 },
      );
    }
    const email = emails.get(id);
    if (!email) {
      const message = "Email not found";
      return HttpResponse.json({ statusCode: 404, name: "not_found", message }, { status: 404 });
    }
    return HttpResponse.json(answer(email));
  }

  const handlers = [
    http.get(`${RESEND_API}/emails/receiving/:id`, ({ request, params }) =>
      api(request, String(params.id), (email) => ({
        object: "email",
        id: email.id,
        to: email.to,
        from: email.from,
        created_at: email.created_at,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers ?? {},
        bcc: [],
        cc: [],
        reply_to: [],
        received_for: email.to,
        message_id: email.message_id,
        raw: email.raw
          ? {
              download_url: `${INBOUND_CDN}/${email.id}/raw?signature=sig-123`,
              expires_at: "2026-11-24T09:13:05.000Z",
            }
          : null,
        attachments: metadata(email),
      })),
    ),
    http.get(`${RESEND_API}/emails/receiving/:id/attachments`, ({ request, params }) =>
      api(request, String(params.id), (email) => ({
        object: "list",
        has_more: false,
        data: metadata(email).map((a) => ({
          ...a,
          download_url: `${INBOUND_CDN}/${email.id}/attachments/${a.id}?signature=sig-123`,
          expires_at: "2026-11-24T09:13:05.000Z",
        })),
      })),
    ),
    http.get(`${INBOUND_CDN}/:emailId/raw`, ({ request, params }) => {
      requests.push(`GET ${new URL(request.url).pathname}`);
      downloadAuthorization.push(request.headers.get("authorization"));
      const raw = emails.get(String(params.emailId))?.raw;
      if (!raw || new URL(request.url).searchParams.get("signature") !== "sig-123")
        return new HttpResponse("AccessDenied", { status: 403 });
      return new HttpResponse(raw, { headers: { "content-type": "message/rfc822" } });
    }),
    http.get(`${INBOUND_CDN}/:emailId/attachments/:id`, ({ request, params }) => {
      requests.push(`GET ${new URL(request.url).pathname}`);
      downloadAuthorization.push(request.headers.get("authorization"));
      const email = emails.get(String(params.emailId));
      const index = (email?.attachments ?? []).findIndex(
        (_, i) => attachmentId(email?.id ?? "", i) === params.id,
      );
      const file = email?.attachments?.[index];
      if (!file || new URL(request.url).searchParams.get("signature") !== "sig-123")
        return new HttpResponse("AccessDenied", { status: 403 });
      return new HttpResponse(file.bytes, { headers: { "content-type": file.content_type } });
    }),
  ];
  const server = setupServer(...handlers);

  return {
    server,
    handlers,
    requests,
    downloadAuthorization,
    listen: () => server.listen({ onUnhandledRequest: "error" }),
    close: () => server.close(),
    reset() {
      emails.clear();
      failures.length = 0;
      requests.length = 0;
      downloadAuthorization.length = 0;
    },
    /** Keeps a received message and returns the `email.received` event Resend posts for it. */
    receive(email: FakeInboundEmail) {
      emails.set(email.id, email);
      return {
        type: "email.received",
        created_at: email.created_at,
        data: {
          email_id: email.id,
          created_at: email.created_at,
          from: email.from,
          to: email.to,
          bcc: [],
          cc: [],
          received_for: email.to,
          message_id: email.message_id,
          subject: email.subject,
          attachments: metadata(email).map(({ size: _size, ...rest }) => rest),
        },
      };
    },
    /** The next `n` API requests fail with `status` and Resend's error object. */
    failNext(n: number, status: number) {
      const name = status >= 500 ? "internal_server_error" : "application_error";
      for (let i = 0; i < n; i++)
        failures.push({ status, name, message: "An unexpected error occurred." });
    },
  };
}

function attachmentId(emailId: string, index: number): string {
  return `${emailId.slice(0, 8)}-a${index + 1}`;
}

export type ResendInboundFake = ReturnType<typeof createResendInboundFake>;
