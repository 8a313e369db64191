import { createHash } from "node:crypto";
import { delay, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

/**
 * A stateful fake of Resend's `POST /emails` for msw: it keeps the e-mails
 * it "sent", honours `Idempotency-Key` as Resend documents it (same key and
 * body → the same id and no second e-mail; same key, other body → 409
 * `invalid_idempotent_request`; same key while the first is in flight → 409
 * `concurrent_idempotent_requests`) and answers with Resend's error object
 * `{ statusCode, name, message }`. Unhandled requests are errors.
 */

export const RESEND_EMAILS_URL = "https://api.resend.com/emails";

export interface FakeEmail {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  reply_to?: string | string[];
  subject: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
}

interface Failure {
  status: number;
  body: object;
  headers: Record<string, string>;
}

const DEFAULT_FAILURES: Record<number, { name: string; message: string }> = {
  400: {
    name: "validation_error",
    message: "We found an error with one or more fields in the request.",
  },
  401: { name: "missing_api_key", message: "Missing API key in the authorization header." },
  403: { name: "invalid_api_key", message: "API key is invalid." },
  422: {
    name: "validation_error",
    message:
      "Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
  },
  429: {
    name: "rate_limit_exceeded",
    message:
      "Too many requests. You can only make 2 requests per second. See rate limit response headers for more information. Or contact support to increase rate limit.",
  },
  500: { name: "internal_server_error", message: "An unexpected error occurred." },
};

const ADDRESS = /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/;

export function createResendFake() {
  const sent: FakeEmail[] = [];
  const keys = new Map<string, { bodyHash: string; id: string } | "in_progress">();
  const failures: Failure[] = [];
  const delays: number[] = [];
  const pending = new Set<Promise<unknown>>();
  let requests = 0;
  let counter = 0;

  const errorResponse = (status: number, name: string, message: string, headers = {}) =>
    HttpResponse.json({ statusCode: status, name, message }, { status, headers });

  async function handle(request: Request): Promise<Response> {
    requests += 1;
    const wait = delays.shift() ?? 0;
    const answer = async (response: Response) => {
      if (wait > 0) await delay(wait);
      return response;
    };
    const failure = failures.shift();
    if (failure) return answer(HttpResponse.json(failure.body, failure));
    if (!request.headers.get("authorization")?.startsWith("Bearer ")) {
      const message = "Missing API key in the authorization header.";
      return answer(errorResponse(401, "missing_api_key", message));
    }
    const raw = await request.text();
    const body = JSON.parse(raw) as Partial<FakeEmail> & { to?: string | string[] };
    const to = typeof body.to === "string" ? [body.to] : (body.to ?? []);
    if (!body.from || !body.subject || to.length === 0 || (!body.html && !body.text)) {
      const message = "Missing `to`, `from`, `subject` or a body.";
      return answer(errorResponse(422, "missing_required_field", message));
    }
    if (!to.every((address) => ADDRESS.test(address))) {
      const { name, message } = DEFAULT_FAILURES[422]!;
      return answer(errorResponse(422, name, message));
    }

    const key = request.headers.get("idempotency-key");
    const bodyHash = createHash("sha256").update(raw).digest("hex");
    const known = key === null ? undefined : keys.get(key);
    if (known === "in_progress") {
      const message = "Same idempotency key used while original request is still in progress.";
      return answer(errorResponse(409, "concurrent_idempotent_requests", message));
    }
    if (known && known.bodyHash !== bodyHash) {
      const message = "Same idempotency key used with a different request payload.";
      return answer(errorResponse(409, "invalid_idempotent_request", message));
    }
    if (known) return answer(HttpResponse.json({ id: known.id }));

    // Sending takes `wait`; meanwhile the key is in progress. The e-mail goes
    // out even if the caller stopped waiting, as a real service would.
    if (key !== null) keys.set(key, "in_progress");
    try {
      if (wait > 0) await delay(wait);
      counter += 1;
      const id = `fake-${String(counter).padStart(4, "0")}`;
      sent.push({ ...body, id, idempotencyKey: key, to } as FakeEmail);
      if (key !== null) keys.set(key, { bodyHash, id });
      return HttpResponse.json({ id });
    } finally {
      if (key !== null && keys.get(key) === "in_progress") keys.delete(key);
    }
  }

  const handlers = [
    http.post(RESEND_EMAILS_URL, ({ request }) => {
      const work = handle(request);
      pending.add(work);
      const done = () => pending.delete(work);
      work.then(done, done);
      return work;
    }),
  ];
  const server = setupServer(...handlers);

  return {
    server,
    /** The msw handlers, to combine with other fakes in one server. */
    handlers,
    /** The e-mails Resend would have delivered, in order. */
    sent,
    /** How many requests reached the fake. */
    get requests() {
      return requests;
    },
    listen: () => server.listen({ onUnhandledRequest: "error" }),
    close: () => server.close(),
    /** Forgets every e-mail, key, failure and delay. */
    reset() {
      sent.length = 0;
      keys.clear();
      failures.length = 0;
      delays.length = 0;
      requests = 0;
    },
    /** The next `n` requests fail with `status` and Resend's error object for it (or `body`). */
    failNext(n: number, status: number, body?: object, headers: Record<string, string> = {}) {
      const known = DEFAULT_FAILURES[status] ?? { name: "application_error", message: "Failed." };
      const extra: Record<string, string> =
        status === 429 && !("retry-after" in headers)
          ? {
              "retry-after": "1",
              "ratelimit-limit": "2",
              "ratelimit-remaining": "0",
              "ratelimit-reset": "1",
            }
          : {};
      for (let i = 0; i < n; i += 1) {
        failures.push({
          status,
          body: body ?? { statusCode: status, ...known },
          headers: { ...extra, ...headers },
        });
      }
    },
    /** The next request is answered only after `ms` milliseconds (and then handled normally). */
    delayNext(ms: number) {
      delays.push(ms);
    },
    /** Resolves once every request under way has been answered. */
    async settled() {
      await Promise.allSettled([...pending]);
    },
  };
}

export type ResendFake = ReturnType<typeof createResendFake>;
