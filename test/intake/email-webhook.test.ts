import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  onTestFinished,
} from "vitest";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import { createEmailWebhook } from "../../automation/intake/email-webhook.ts";
import { signSvix } from "../../automation/intake/webhook-signature.ts";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";
import { CONTEXT } from "../support/dossiers.ts";
import {
  MESSAGE_ID,
  WEBHOOK_SECRET,
  createEmailHarness,
  readDossier,
  receivedMail as mail,
  type EmailHarness,
} from "../support/email-harness.ts";
import { CONFIG, NOW } from "../support/intake-harness.ts";
import { createResendInboundFake } from "../support/resend-inbound-fake.ts";

/**
 * Complaints by e-mail (§1.1): Resend's `email.received` webhook, signed as
 * Svix signs it, on a real local git repository and the outbox; msw stands
 * in for Resend's Receiving API only. What the mail carries: email-content.test.ts.
 */

const resend = createResendInboundFake();
beforeAll(() => resend.listen());
afterAll(() => resend.close());

let h: EmailHarness;
beforeEach(async () => {
  resend.reset();
  h = await createEmailHarness();
});
afterEach(() => h.dispose());

const ONE = "dossiers/2026/KL-2026-0001/dossier.md";
const ACK = "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml";
const SECONDS = Math.floor(NOW.getTime() / 1000);
const dossiers = () => h.files().filter((f) => f.endsWith("/dossier.md"));

describe("a signed email.received event for the complaints address", () => {
  it("files a dossier with channel email and acknowledges it in the complainant's thread", async () => {
    const response = await h.postEvent(resend.receive(mail()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "KL-2026-0001" });

    const { text, data, words } = readDossier(h);
    const context = { ...CONTEXT, categories: CONFIG.categories.map((c) => c.id) };
    expect(checkDossier(ONE, text, context).violations).toEqual([]);
    expect(data).toMatchObject({
      channel: "email",
      language: "nl",
      status: "received",
      received_at: "2026-11-24T09:12:58+01:00",
      summary: "Factuur bevat uren die niet gewerkt zijn",
      category: "other",
      complainant: { name: "Eva Jansen", email: "eva.jansen@example.nl" },
      thread: MESSAGE_ID,
    });
    expect(words).toBe(
      "Geachte heer, mevrouw,\n\nOp mijn factuur van oktober staan 12 uur die niet gewerkt zijn.\n\nMet vriendelijke groet,\nEva Jansen",
    );

    expect(h.outboxFiles()).toEqual([
      "KL-2026-0001--acknowledgement.eml",
      "KL-2026-0001--new_case.eml",
    ]);
    const ack = h.show(ACK);
    expect(ack).toMatch(/^To: Eva Jansen <eva\.jansen@example\.nl>\r$/m);
    expect(ack).toMatch(/^Subject: We hebben je klacht ontvangen \(KL-2026-0001\)\r$/m);
    expect(ack).toContain(`\r\nIn-Reply-To: ${MESSAGE_ID}\r\n`);
    expect(ack).toContain(`\r\nReferences: ${MESSAGE_ID}\r\n`);
    expect(ack).not.toContain(`Message-ID: ${MESSAGE_ID}`);
  });

  it("files once however often the event or the message arrives", async () => {
    const event = resend.receive(mail());
    const first = await h.postEvent(event);
    const again = await h.postEvent(event);
    // The same message received again under another Resend id (e.g. through an alias).
    const twin = await h.postEvent(resend.receive(mail({ id: "6a1b2c3d-0000-4000-8000-0002" })));
    for (const response of [first, again, twin]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: "KL-2026-0001" });
    }
    expect(dossiers()).toEqual([ONE]);
    expect(h.outboxFiles()).toHaveLength(2);
  });
});

describe("a delivery that is not signed by Resend is refused with 401, and nothing is filed", () => {
  const otherSecret = `whsec_${Buffer.alloc(24, 7).toString("base64")}`;
  it.each([
    ["signed with another secret", { secret: otherSecret }, "no_match"],
    ["a timestamp older than 5 minutes", { timestamp: SECONDS - 6 * 60 }, "stale_timestamp"],
    ["a timestamp 6 minutes ahead", { timestamp: SECONDS + 6 * 60 }, "future_timestamp"],
    ["no svix-signature", { without: ["svix-signature"] }, "missing_headers"],
    ["no svix-id", { without: ["svix-id"] }, "missing_headers"],
    ["no svix-timestamp", { without: ["svix-timestamp"] }, "missing_headers"],
    ["a garbled signature", { headers: { "svix-signature": "v1,AAAA v2,xyz" } }, "no_match"],
    ["a body changed after signing", { sendBody: "{}" }, "no_match"],
  ])("%s", async (_, sign, reason) => {
    const response = await h.postEvent(resend.receive(mail()), sign);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "invalid_signature", reason });
    expect(resend.requests).toEqual([]);
    expect(h.files()).toEqual([]);
  });

  it("accepts a delivery signed during a secret rotation by one of several signatures", async () => {
    const body = JSON.stringify(resend.receive(mail()));
    const sign = (secret: string) =>
      signSvix({ secret, id: "msg_2", timestamp: SECONDS, rawBody: body });
    const both = `${sign(otherSecret)} ${sign(WEBHOOK_SECRET)}`;
    const response = await h.postEvent(body, { id: "msg_2", headers: { "svix-signature": both } });
    expect(response.status).toBe(200);
  });
});

describe("events and mail that open no case are answered 202 and leave no trace", () => {
  it("an event for another address is ignored without fetching the message", async () => {
    const response = await h.postEvent(resend.receive(mail({ to: ["info@interforce.eu"] })));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ignored: "recipient" });
    expect(resend.requests).toEqual([]);
    expect(h.files()).toEqual([]);
  });

  it("another event type is ignored", async () => {
    const delivered = {
      type: "email.delivered",
      created_at: "2026-11-24T08:12:58.894Z",
      data: { email_id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c", to: ["klachten@interforce.eu"] },
    };
    const response = await h.postEvent(delivered);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ignored: "event_type" });
    expect(resend.requests).toEqual([]);
  });

  it.each([
    ["a From with CR/LF", { from: "Eva\r\nBcc: all@example.nl <eva.jansen@example.nl>" }, "sender"],
    ["a From without an address", { from: "Eva Jansen <eva.jansen>" }, "sender"],
    ["our own address", { from: "Interforce Klachten <klachten@interforce.eu>" }, "own_address"],
    ["an out-of-office reply", { headers: { "Auto-Submitted": "auto-replied" } }, "auto_reply"],
    [
      "a reply to one of our letters",
      { headers: { "In-Reply-To": "<KL-2026-0001.acknowledgement@interforce.eu>" } },
      "reply",
    ],
  ] as const)("%s", async (_, overrides, reason) => {
    const response = await h.postEvent(resend.receive(mail(overrides)));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ignored: reason });
    expect(h.files()).toEqual([]);
    expect(h.outboxFiles()).toEqual([]);
    const logged = h.logs.join("\n");
    expect(logged).toMatch(/56761188-7520-42d8-8898-ff6fc54ce618 opens no case/);
    expect(logged).not.toMatch(/\r|Bcc/);
  });
});

describe("when Resend or the store cannot be reached, Resend is asked to deliver again", () => {
  it("Resend answering 500: 503 with Retry-After, nothing filed; the redelivery files it", async () => {
    const event = resend.receive(mail());
    resend.failNext(1, 500);
    const response = await h.postEvent(event);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(h.files()).toEqual([]);
    expect(h.outboxFiles()).toEqual([]);
    expect(h.logs.join("\n")).toMatch(/internal_server_error \(500\)/);

    expect((await h.postEvent(event)).status).toBe(200);
    expect(dossiers()).toEqual([ONE]);
  });

  it("the store unavailable: 503 with its Retry-After", async () => {
    // A real local store whose repository cannot be opened (its path is a file).
    const blocked = join(h.root, "not-a-directory");
    writeFileSync(blocked, "x");
    const earlier = h;
    h = await createEmailHarness({ store: createLocalGitStore({ dir: blocked }) });
    onTestFinished(() => earlier.dispose());
    const response = await h.postEvent(resend.receive(mail()));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(h.outboxFiles()).toEqual([]);
  });
});

describe("the request itself", () => {
  it("answers 405 to other methods and 413 to a body over 1 MiB, before any signature work", async () => {
    const url = "https://klachten.interforce.eu/api/email/received";
    expect((await h.request(new Request(url))).status).toBe(405);
    const big = JSON.stringify({ type: "email.received", pad: "x".repeat(1024 * 1024) });
    expect((await h.postEvent(big)).status).toBe(413);
    expect(resend.requests).toEqual([]);
    expect(h.logs).toEqual([]);
  });

  it("refuses an unusable signing secret when it is built", () => {
    const build = (webhookSecret: string) =>
      createEmailWebhook({
        config: CONFIG,
        calendar: ruleContext(CONFIG).calendar,
        store: h.store,
        clock: () => NOW,
        deliver: async () => undefined,
        fetchReceivedEmail: () => Promise.reject(new Error("not used")),
        webhookSecret,
      });
    expect(() => build("my-secret")).toThrow(/RESEND_WEBHOOK_SECRET/);
    expect(() => build("whsec_")).toThrow(/RESEND_WEBHOOK_SECRET/);
    expect(() => build(WEBHOOK_SECRET)).not.toThrow();
  });
});
