import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderEml } from "../../automation/mail/eml.ts";
import { MailRejectedError, MailUnavailableError } from "../../automation/mail/mailer.ts";
import type { OutgoingMessage } from "../../automation/mail/mailer.ts";
import { createResendMailer } from "../../automation/mail/resend-mailer.ts";
import type { ResendMailerOptions } from "../../automation/mail/resend-mailer.ts";
import { createResendFake } from "../support/resend-fake.ts";

const fake = createResendFake();
beforeAll(() => fake.listen());
afterEach(() => fake.reset());
afterAll(() => fake.close());

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: "KL-2026-0001/new_case",
    from: "Interforce Klachten <klachten@interforce.eu>",
    to: ["Eva Jansen <eva.jansen@example.nl>"],
    replyTo: "klachten@interforce.eu",
    subject: "Je klacht KL-2026-0001",
    text: "Beste Eva,\n",
    html: "<p>Beste Eva,</p>",
    messageId: "<KL-2026-0001.new_case@interforce.eu>",
    inReplyTo: "<KL-2026-0001@interforce.eu>",
    references: ["<KL-2026-0001@interforce.eu>"],
    date: new Date("2026-11-24T08:13:05Z"),
    ...overrides,
  };
}

function mailer(options: Partial<ResendMailerOptions> = {}) {
  const waits: number[] = [];
  const sleep = (ms: number) => {
    waits.push(ms);
    return Promise.resolve();
  };
  return { waits, mailer: createResendMailer({ apiKey: "re_test", sleep, ...options }) };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the send to fail");
}

describe("createResendMailer", () => {
  it("sends the letter with threading headers and returns its eml and Resend's id", async () => {
    const { mailer: resend } = mailer();
    expect(resend.kind).toBe("resend");
    const sent = await resend.send(message());
    expect(sent).toEqual({ eml: renderEml(message()), providerId: "fake-0001" });
    expect(fake.sent).toEqual([
      {
        id: "fake-0001",
        idempotencyKey: "KL-2026-0001/new_case",
        from: "Interforce Klachten <klachten@interforce.eu>",
        to: ["Eva Jansen <eva.jansen@example.nl>"],
        reply_to: "klachten@interforce.eu",
        subject: "Je klacht KL-2026-0001",
        text: "Beste Eva,\n",
        html: "<p>Beste Eva,</p>",
        headers: {
          "Message-ID": "<KL-2026-0001.new_case@interforce.eu>",
          "In-Reply-To": "<KL-2026-0001@interforce.eu>",
          References: "<KL-2026-0001@interforce.eu>",
        },
        tags: [
          { name: "dossier", value: "KL-2026-0001" },
          { name: "letter", value: "new_case" },
        ],
      },
    ]);
  });

  it("sends once per idempotency key, even when called twice", async () => {
    const { mailer: resend } = mailer();
    const first = await resend.send(message());
    const second = await resend.send(message());
    expect(second.providerId).toBe(first.providerId);
    expect(fake.requests).toBe(2);
    expect(fake.sent).toHaveLength(1);
  });

  it("rejects other content under a key already used, sending nothing more", async () => {
    const { mailer: resend } = mailer();
    await resend.send(message());
    const error = await failure(resend.send(message({ text: "Iets anders\n" })));
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(error.message).toMatch(/invalid_idempotent_request/);
    expect(fake.sent.map((e) => e.text)).toEqual(["Beste Eva,\n"]);
  });

  it("retries a 429 after retry-after and then sends exactly once", async () => {
    const { mailer: resend, waits } = mailer();
    fake.failNext(2, 429, undefined, { "retry-after": "2" });
    const sent = await resend.send(message());
    expect(waits).toEqual([2000, 2000]);
    expect(fake.requests).toBe(3);
    expect(fake.sent).toHaveLength(1);
    expect(sent.providerId).toBe(fake.sent[0]?.id);
  });

  it("gives up after 3 retries of a persistent 429 with the service's retry-after", async () => {
    const { mailer: resend, waits } = mailer();
    fake.failNext(10, 429, undefined, { "retry-after": "7" });
    const error = await failure(resend.send(message()));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect((error as MailUnavailableError).retryAfterSeconds).toBe(7);
    expect(error.message).toMatch(/rate_limit_exceeded/);
    expect(waits).toEqual([7000, 7000, 7000]);
    expect(fake.requests).toBe(4);
    expect(fake.sent).toEqual([]);
  });

  it("does not sit out a long retry-after, nor a used-up quota", async () => {
    const { mailer: resend, waits } = mailer();
    fake.failNext(1, 429, undefined, { "retry-after": "600" });
    const long = await failure(resend.send(message()));
    expect((long as MailUnavailableError).retryAfterSeconds).toBe(600);
    const quota = { statusCode: 429, name: "daily_quota_exceeded", message: "Daily quota." };
    fake.failNext(1, 429, quota, { "retry-after": "3600" });
    const used = await failure(resend.send(message()));
    expect(used).toBeInstanceOf(MailUnavailableError);
    expect(used.message).toMatch(/quota/);
    expect(waits).toEqual([]);
    expect(fake.requests).toBe(2);
    expect(fake.sent).toEqual([]);
  });

  it("maps a 500 to MailUnavailableError, and the next run sends it", async () => {
    const { mailer: resend } = mailer();
    fake.failNext(1, 500);
    const error = await failure(resend.send(message()));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect(error.message).toMatch(/internal_server_error \(500\)/);
    expect(fake.sent).toEqual([]);
    await resend.send(message());
    expect(fake.sent).toHaveLength(1);
  });

  it("maps a 422 validation error to MailRejectedError", async () => {
    const { mailer: resend, waits } = mailer();
    fake.failNext(1, 422);
    const error = await failure(resend.send(message()));
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(error.message).toMatch(/validation_error \(422\): Invalid `to` field/);
    expect(waits).toEqual([]);
    expect(fake.sent).toEqual([]);
  });

  it("maps refused credentials to MailUnavailableError naming the setting", async () => {
    const { mailer: resend } = mailer();
    fake.failNext(1, 403);
    const error = await failure(resend.send(message()));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect(error.message).toMatch(/RESEND_API_KEY/);
    expect(fake.sent).toEqual([]);
  });

  it("refuses header injection before anything reaches Resend", async () => {
    const { mailer: resend } = mailer();
    const error = await failure(resend.send(message({ to: ["eva@example.nl\r\nBcc: x@y.nl"] })));
    expect(error).toBeInstanceOf(MailRejectedError);
    expect(error.message).toMatch(/To header refused/);
    expect(fake.requests).toBe(0);
  });

  it("maps a timeout to MailUnavailableError; retrying later does not send twice", async () => {
    const { mailer: resend } = mailer({ timeoutMs: 50 });
    fake.delayNext(300);
    const error = await failure(resend.send(message()));
    expect(error).toBeInstanceOf(MailUnavailableError);
    expect(error.message).toMatch(/no answer within 50 ms/);
    await fake.settled();
    // Resend got it and sent it although we stopped waiting.
    expect(fake.sent).toHaveLength(1);
    const again = await resend.send(message());
    expect(again.providerId).toBe(fake.sent[0]?.id);
    expect(fake.sent).toHaveLength(1);
  });

  it("waits out a concurrent request with the same key, then gets its id", async () => {
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms / 10));
    const resend = createResendMailer({ apiKey: "re_test", sleep });
    fake.delayNext(150);
    const [a, b] = await Promise.all([resend.send(message()), resend.send(message())]);
    expect(a.providerId).toBe(b.providerId);
    expect(fake.requests).toBeGreaterThan(2);
    expect(fake.sent).toHaveLength(1);
  });
});
