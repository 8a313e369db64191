import { describe, expect, it } from "vitest";
import {
  isSvixSecret,
  signSvix,
  verifySvixSignature,
} from "../../automation/intake/webhook-signature.ts";

/**
 * The published test vector of Svix / Standard Webhooks: if this passes, a
 * delivery Resend signs verifies here (the webhook tests sign with
 * `signSvix`, so they alone could not catch a mistake made on both sides).
 */
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

function check(headers: Record<string, string>, seconds = VECTOR.timestamp, body = VECTOR.body) {
  return verifySvixSignature({
    secret: VECTOR.secret,
    headers: new Headers(headers),
    rawBody: body,
    now: new Date(seconds * 1000),
  });
}

const signed = {
  "svix-id": VECTOR.id,
  "svix-timestamp": String(VECTOR.timestamp),
  "svix-signature": VECTOR.signature,
};

describe("verifySvixSignature", () => {
  it("verifies the published vector, as text or bytes, and signs it the same", () => {
    expect(check(signed)).toEqual({ valid: true });
    expect(check(signed, VECTOR.timestamp, Buffer.from(VECTOR.body) as never)).toEqual({
      valid: true,
    });
    expect(signSvix({ ...VECTOR, rawBody: VECTOR.body })).toBe(VECTOR.signature);
  });

  it("takes any matching v1 signature of several, and ignores other versions", () => {
    const other = "v1,Ag0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1O=";
    const header = `v1a,${VECTOR.signature.slice(3)} ${other} ${VECTOR.signature}`;
    expect(check({ ...signed, "svix-signature": header })).toEqual({ valid: true });
    const onlyOthers = `v1a,${VECTOR.signature.slice(3)} ${other} v2,${VECTOR.signature.slice(3)}`;
    expect(check({ ...signed, "svix-signature": onlyOthers })).toEqual({
      valid: false,
      reason: "no_match",
    });
  });

  it("keeps to 5 minutes either way", () => {
    expect(check(signed, VECTOR.timestamp + 300)).toEqual({ valid: true });
    expect(check(signed, VECTOR.timestamp + 301)).toMatchObject({ reason: "stale_timestamp" });
    expect(check(signed, VECTOR.timestamp - 300)).toEqual({ valid: true });
    expect(check(signed, VECTOR.timestamp - 301)).toMatchObject({ reason: "future_timestamp" });
    expect(check({ ...signed, "svix-timestamp": "1614265330.5" })).toMatchObject({
      reason: "bad_timestamp",
    });
  });

  it("refuses a changed body, id or timestamp", () => {
    expect(check(signed, VECTOR.timestamp, '{"test": 2432232315}')).toMatchObject({
      reason: "no_match",
    });
    expect(check({ ...signed, "svix-id": "msg_other" })).toMatchObject({ reason: "no_match" });
    expect(check({ ...signed, "svix-timestamp": "1614265331" })).toMatchObject({
      reason: "no_match",
    });
  });

  it("reads the white-labelled webhook-* headers too", () => {
    const headers = Object.fromEntries(
      Object.entries(signed).map(([k, v]) => [k.replace("svix-", "webhook-"), v]),
    );
    expect(check(headers)).toEqual({ valid: true });
  });

  it("tells a usable secret", () => {
    expect(isSvixSecret(VECTOR.secret)).toBe(true);
    expect(isSvixSecret("whsec_")).toBe(false);
    expect(isSvixSecret("whsec_short")).toBe(false);
    expect(isSvixSecret("whsec_not base64 at all!")).toBe(false);
  });
});
