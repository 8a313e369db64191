import { createHmac, timingSafeEqual } from "node:crypto";
import { ConfigError } from "../errors.ts";

/**
 * Svix webhook signatures, as Resend signs its webhooks
 * (https://docs.svix.com/receiving/verifying-payloads/how-manual): an
 * HMAC-SHA256 over `${svix-id}.${svix-timestamp}.${raw body}`, keyed with the
 * base64 secret after `whsec_`, sent base64 in `svix-signature` as a
 * space-separated list of `v1,<signature>` (several while a secret is being
 * rotated: one match is enough). Pure apart from `node:crypto`.
 */

/** How far the signed timestamp may be from now, either way: Svix's own tolerance. */
export const SVIX_TOLERANCE_SECONDS = 5 * 60;

export type SvixRejection =
  /** `svix-id`, `svix-timestamp` or `svix-signature` is absent or empty. */
  | "missing_headers"
  /** The timestamp is not whole seconds since the epoch. */
  | "bad_timestamp"
  /** Signed more than the tolerance before now: a replay, or a delivery held up too long. */
  | "stale_timestamp"
  /** Signed more than the tolerance after now. */
  | "future_timestamp"
  /** No `v1` signature in the header matches the body. */
  | "no_match";

export type SvixCheck = { valid: true } | { valid: false; reason: SvixRejection };

export interface SvixInput {
  /** The endpoint's signing secret, `whsec_<base64>`. */
  secret: string;
  /** The request's headers (a web `Headers` will do). */
  headers: { get(name: string): string | null };
  /** The body exactly as received, before any parsing. */
  rawBody: Uint8Array | string;
  now: Date;
  toleranceSeconds?: number;
}

/**
 * Whether a delivery is signed with `secret`, or why not. Returns an object,
 * not a boolean-or-reason, so a rejection can never pass for truthy.
 * Throws only when the secret itself is unusable (a configuration error).
 */
export function verifySvixSignature(input: SvixInput): SvixCheck {
  const key = svixKey(input.secret);
  const id = header(input.headers, "id");
  const timestamp = header(input.headers, "timestamp");
  const signatures = header(input.headers, "signature");
  if (!id || !timestamp || !signatures) return { valid: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: "bad_timestamp" };
  const tolerance = input.toleranceSeconds ?? SVIX_TOLERANCE_SECONDS;
  const age = Math.floor(input.now.getTime() / 1000) - Number(timestamp);
  if (age > tolerance) return { valid: false, reason: "stale_timestamp" };
  if (age < -tolerance) return { valid: false, reason: "future_timestamp" };

  const expected = digest(key, id, timestamp, input.rawBody);
  let matched = false;
  for (const entry of signatures.split(" ")) {
    const comma = entry.indexOf(",");
    if (comma < 0 || entry.slice(0, comma) !== "v1") continue;
    const given = Buffer.from(entry.slice(comma + 1), "base64");
    // Every candidate is compared, so the time taken does not tell which one matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched ? { valid: true } : { valid: false, reason: "no_match" };
}

/** The `svix-signature` value for a body: what Resend sends; for tests and local tools. */
export function signSvix(input: {
  secret: string;
  id: string;
  timestamp: number;
  rawBody: Uint8Array | string;
}): string {
  const mac = digest(svixKey(input.secret), input.id, String(input.timestamp), input.rawBody);
  return `v1,${mac.toString("base64")}`;
}

/** Whether a text is a usable signing secret: `whsec_` and base64 of at least 16 bytes. */
export function isSvixSecret(secret: string): boolean {
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  return (
    /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) &&
    encoded.length % 4 === 0 &&
    Buffer.from(encoded, "base64").length >= 16
  );
}

function svixKey(secret: string): Buffer {
  if (!isSvixSecret(secret)) {
    throw new ConfigError(
      "The webhook signing secret is not usable: expected whsec_ followed by base64, " +
        "as Resend shows it on the webhook's page (e.g. whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw).",
    );
  }
  return Buffer.from(secret.replace(/^whsec_/, ""), "base64");
}

function digest(key: Buffer, id: string, timestamp: string, body: Uint8Array | string): Buffer {
  return createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** `svix-*`, or the `webhook-*` names Svix uses when the headers are white-labelled. */
function header(headers: SvixInput["headers"], name: string): string | undefined {
  const value = headers.get(`svix-${name}`) ?? headers.get(`webhook-${name}`);
  return value?.trim() || undefined;
}
