import { randomBytes } from "node:crypto";

/**
 * What every answer of the complainant's page carries: never cached, never
 * indexed, no `Referer` to anywhere, nothing from other sites.
 */
export const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...PAGE_HEADERS, ...headers } });
}

export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { ...PAGE_HEADERS, location } });
}

export function methodNotAllowed(): Response {
  return new Response("Method not allowed", {
    status: 405,
    headers: {
      ...PAGE_HEADERS,
      "content-type": "text/plain; charset=utf-8",
      allow: "GET, HEAD, POST",
    },
  });
}

/** A one-time id for the add-information form: the same post files once. */
export function newSubmissionId(): string {
  return randomBytes(18).toString("base64url");
}
