import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readMail } from "../../automation/conversation/read-mail.ts";
import { StoreUnavailableError } from "../../automation/store/dossier-store.ts";
import { createEmailHarness, type EmailHarness } from "../support/email-harness.ts";
import { json, VALID } from "../support/intake-harness.ts";
import { createResendInboundFake, type FakeInboundEmail } from "../support/resend-inbound-fake.ts";

/**
 * The conversation through Resend's webhook: msw stands in for Resend's
 * Receiving API (the message, its raw bytes); the dossiers are a real local
 * repository, the letters go to the outbox.
 */

const FIXTURES = join(import.meta.dirname, "fixtures");
const FOLDER = "dossiers/2026/KL-2026-0001";
const resend = createResendInboundFake();
beforeAll(() => resend.listen());
afterAll(() => resend.close());

let h: EmailHarness;
beforeEach(async () => {
  resend.reset();
  h = await createEmailHarness();
  await h.post(...json(VALID));
});
afterEach(() => h.dispose());

let count = 0;
/** A fixture as Resend gives it: its reading of the message, and the raw bytes. */
async function inbound(raw: Uint8Array, overrides: Partial<FakeInboundEmail> = {}) {
  const mail = await readMail(raw);
  count += 1;
  return {
    id: `0f3c2a1b-0000-4000-8000-${String(count).padStart(12, "0")}`,
    from: mail.from.name ? `${mail.from.name} <${mail.from.address}>` : mail.from.address,
    to: mail.recipients.length > 0 ? mail.recipients : ["klachten@interforce.eu"],
    subject: mail.subject,
    text: mail.text || null,
    html: mail.html || null,
    message_id: mail.messageId,
    created_at: "2026-11-25T09:41:05.000000+00:00",
    headers: mail.headers as Record<string, string>,
    raw,
    ...overrides,
  } satisfies FakeInboundEmail;
}
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const received = () => h.files(`${FOLDER}/correspondence/`).filter((p) => p.includes("-received-"));
const handlerLetters = (kind: string) =>
  h.files(`${FOLDER}/correspondence/`).filter((p) => p.includes(`-${kind}-`));

describe("email.received about a case", () => {
  it.each([
    ["outlook-reply.eml", "reply"],
    ["gmail-reply.eml", "reply"],
    ["apple-mail.eml", "reply"],
    ["forwarded.eml", "reply"],
    ["base64-body.eml", "reply"],
    ["out-of-office.eml", "automatic"],
    ["dsn-bounce.eml", "bounce"],
    ["spoofed-reply.eml", "untrusted"],
  ])("files %s on its dossier as received (%s)", async (name, kind) => {
    const raw = fixture(name);
    const response = await h.postEvent(resend.receive(await inbound(raw)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "KL-2026-0001", received: kind });
    const [copy] = received();
    expect(copy).toContain(`-received-${kind}-`);
    expect(Buffer.from(h.show(copy ?? ""), "utf8").equals(Buffer.from(raw))).toBe(true);
    const owed = kind === "bounce" ? 1 : kind === "automatic" ? 0 : 1;
    expect(handlerLetters(kind === "bounce" ? "not_delivered" : "mail_received")).toHaveLength(
      owed,
    );
  });

  it("files a reply once, however often Resend delivers the event", async () => {
    const event = resend.receive(await inbound(fixture("gmail-reply.eml")));
    for (let i = 0; i < 3; i++) expect((await h.postEvent(event)).status).toBe(200);
    expect(received()).toHaveLength(1);
    expect(handlerLetters("mail_received")).toHaveLength(1);
  });

  it("takes a plus-address as the complaints address", async () => {
    const email = await inbound(fixture("apple-mail.eml"));
    expect(email.to).toEqual(["klachten+kl-2026-0001@interforce.eu"]);
    expect((await h.postEvent(resend.receive(email))).status).toBe(200);
    expect(received()).toHaveLength(1);
  });

  it("answers 503 for a reply whose raw message Resend does not give yet, and files it when it does", async () => {
    const { raw, ...withoutRaw } = await inbound(fixture("outlook-reply.eml"));
    const first = await h.postEvent(resend.receive(withoutRaw));
    expect(first.status).toBe(503);
    expect(received()).toEqual([]);
    const again = await h.postEvent(resend.receive({ ...withoutRaw, raw }));
    expect(again.status).toBe(200);
    expect(received()).toHaveLength(1);
  });

  it("files a stand-in from Resend's reading for a reply whose raw message cannot be kept, once", async () => {
    const unreadable = new TextEncoder().encode("\r\n\r\nno headers at all\r\n");
    const email = await inbound(fixture("gmail-reply.eml"), { raw: unreadable });
    const event = resend.receive(email);
    for (let i = 0; i < 2; i++) {
      const response = await h.postEvent(event);
      expect(await response.json()).toEqual({ id: "KL-2026-0001", received: "reply" });
    }
    const [copy] = received();
    expect(received()).toHaveLength(1);
    const kept = await readMail(new TextEncoder().encode(h.show(copy ?? "")));
    expect(kept.from).toEqual({ name: "Eva Jansen", address: "eva.jansen@example.nl" });
    expect(kept.messageId).toBe(email.message_id);
    expect(kept.text).toContain(`Resend keeps it as received e-mail ${email.id}`);
    expect(kept.text).toContain("Hierbij de afgetekende urenstaat van week 41.");
    const [letter] = handlerLetters("mail_received");
    expect(handlerLetters("mail_received")).toHaveLength(1);
    expect(h.show(letter ?? "")).toContain("Docket could not keep this mail as it came");
    expect(h.files("dossiers/2026/").filter((p) => !p.includes("/KL-2026-0001/"))).toEqual([]);
  });

  it("opens a new complaint for mail about no case, and acknowledges it at once", async () => {
    const response = await h.postEvent(
      resend.receive(await inbound(fixture("stranger-subject.eml"))),
    );
    expect(await response.json()).toEqual({ id: "KL-2026-0002" });
    expect(received()).toEqual([]);
    expect(h.files("dossiers/2026/KL-2026-0002/correspondence/")).toEqual([
      expect.stringMatching(/\/0001-acknowledgement\.eml$/),
      expect.stringMatching(/\/0002-new_case\.eml$/),
    ]);
    expect(h.logs.join("\n")).toContain("filed as KL-2026-0002");
  });

  it("refuses an automatic reply about no case, and files nothing", async () => {
    const raw = new TextEncoder().encode(
      (await readFile(join(FIXTURES, "out-of-office.eml"), "latin1"))
        .replace(/^(In-Reply-To|References): .*\r?\n/gm, "")
        .replaceAll("KL-2026-0001", "KL-2026-0099"),
    );
    const response = await h.postEvent(resend.receive(await inbound(raw)));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ignored: "auto_reply" });
    expect(h.files("dossiers/2026/").filter((p) => !p.includes("/KL-2026-0001/"))).toEqual([]);
    expect(received()).toEqual([]);
  });

  it("answers 503 for a reply while the store is down, and files it once when Resend delivers it again", async () => {
    const event = resend.receive(await inbound(fixture("gmail-reply.eml")));
    const { read } = h.store;
    Object.assign(h.store, {
      read: () => Promise.reject(new StoreUnavailableError("the repository is down")),
    });
    const first = await h.postEvent(event);
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(received()).toEqual([]);
    Object.assign(h.store, { read });
    expect((await h.postEvent(event)).status).toBe(200);
    expect(received()).toHaveLength(1);
    expect(handlerLetters("mail_received")).toHaveLength(1);
  });
});

describe("email.bounced and email.failed", () => {
  const bounced = (overrides: object = {}) => ({
    type: "email.bounced",
    created_at: "2026-11-24T13:02:10.000Z",
    data: {
      email_id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
      created_at: "2026-11-24T13:02:08.000Z",
      from: "Interforce Klachten <klachten@interforce.eu>",
      to: ["eva.jansen@example.nl"],
      subject: "We hebben je klacht ontvangen (KL-2026-0001)",
      bounce: {
        message: "The recipient's mail server permanently rejected the email.",
        subType: "General",
        type: "Permanent",
      },
      tags: { dossier: "KL-2026-0001", letter: "acknowledgement" },
      ...overrides,
    },
  });

  it("records a bounce on the letter's dossier and tells the handler, once", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await h.postEvent(bounced());
      expect(await response.json()).toEqual({ id: "KL-2026-0001", recorded: "email.bounced" });
    }
    expect(received()).toEqual([expect.stringContaining("-received-bounce-")]);
    const [letter] = handlerLetters("not_delivered");
    const text = h.show(letter ?? "");
    expect(text).toContain("ontvangstbevestiging");
    expect(text).toContain("Permanent: General");
  });

  it("finds the dossier in the subject when the letter has no tags, and refuses a forged header in the reason", async () => {
    const response = await h.postEvent({
      type: "email.failed",
      created_at: "2026-11-24T13:02:10.000Z",
      data: {
        email_id: "5af9a417-02e9-4d39-ad75-9611e0fcc33c",
        to: ["eva.jansen@example.nl"],
        subject: "We hebben je klacht ontvangen (KL-2026-0001)",
        failed: { reason: "reached_daily_quota\r\nBcc: mallory@example.com" },
      },
    });
    expect(await response.json()).toEqual({ id: "KL-2026-0001", recorded: "email.failed" });
    const [copy] = received();
    expect(h.show(copy ?? "")).not.toMatch(/^Bcc:/m);
  });

  it("keeps a bounce of the handler's own notice without another notice, so nothing loops", async () => {
    await h.postEvent(bounced());
    const [notice] = handlerLetters("not_delivered");
    const key = /not_delivered-[0-9a-f]{16}/.exec(notice ?? "")?.[0];
    expect(key).toBeDefined();
    const response = await h.postEvent(
      bounced({
        email_id: "6bf9a417-02e9-4d39-ad75-9611e0fcc33c",
        to: ["sanne.devries@example.nl"],
        subject: "Niet bezorgd: KL-2026-0001",
        tags: { dossier: "KL-2026-0001", letter: key },
      }),
    );
    expect(await response.json()).toEqual({ id: "KL-2026-0001", recorded: "email.bounced" });
    expect(received()).toEqual([
      expect.stringContaining("-received-bounce-"),
      expect.stringContaining("-received-automatic-"),
    ]);
    expect(handlerLetters("not_delivered")).toHaveLength(1);
  });

  it("ignores a report about no dossier", async () => {
    const response = await h.postEvent(bounced({ tags: {}, subject: "Newsletter" }));
    expect(response.status).toBe(202);
  });
});

describe("many replies at once", () => {
  it("files 50 replies to 5 dossiers, each once and on its own dossier", async () => {
    for (let i = 2; i <= 5; i++)
      await h.post(...json({ ...VALID, email: `klager${i}@example.nl` }));
    const events = [];
    for (let n = 0; n < 50; n++) {
      const dossier = `KL-2026-000${(n % 5) + 1}`;
      const from = n % 5 === 0 ? "eva.jansen@example.nl" : `klager${(n % 5) + 1}@example.nl`;
      const raw = new TextEncoder().encode(
        [
          `From: <${from}>`,
          `To: klachten+${dossier}@interforce.eu`,
          `Subject: Re: ${dossier}`,
          `Message-ID: <reply-${n}@example.nl>`,
          `In-Reply-To: <${dossier}.acknowledgement@interforce.eu>`,
          "Content-Type: text/plain; charset=utf-8",
          "",
          `Antwoord ${n} over ${dossier}.`,
          "",
        ].join("\r\n"),
      );
      events.push(resend.receive(await inbound(raw)));
    }
    // Every event twice, all at once.
    const responses = await Promise.all([...events, ...events].map((e) => h.postEvent(e)));
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    for (let d = 1; d <= 5; d++) {
      const id = `KL-2026-000${d}`;
      const copies = h
        .files(`dossiers/2026/${id}/correspondence/`)
        .filter((p) => p.includes("-received-"));
      expect(copies).toHaveLength(10);
      for (const copy of copies) expect(h.show(copy)).toContain(`over ${id}.`);
      const numbers = copies.map((c) => c.split("/").pop()?.slice(0, 4));
      expect(new Set(numbers).size).toBe(10);
    }
  }, 60_000);
});
