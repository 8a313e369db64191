import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REDACTED_TOKEN } from "../../automation/case-page/case-link.ts";
import { takeInbox } from "../../automation/conversation/inbox.ts";
import { readMail } from "../../automation/conversation/read-mail.ts";
import { receiveMail, type ReceiveDeps } from "../../automation/conversation/receive-mail.ts";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { createEmailWebhook } from "../../automation/intake/email-webhook.ts";
import { createResendInbound } from "../../automation/intake/resend-inbound.ts";
import { signSvix } from "../../automation/intake/webhook-signature.ts";
import { quotedPrintable } from "../../automation/mail/mime.ts";
import {
  createPageHarness,
  fileComplaint,
  type PageHarness,
} from "../case-page/case-page-support.ts";
import { CONFIG, NOW } from "../support/intake-harness.ts";
import { createResendInboundFake } from "../support/resend-inbound-fake.ts";

/**
 * A complainant's mailed reply quotes our letter, personal link included:
 * whichever way it comes in, the copy filed keeps no working link, in any
 * blob reachable from main, and the link still opens the page.
 */

const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const resend = createResendInboundFake();
beforeAll(() => resend.listen());
afterAll(() => resend.close());

let h: PageHarness;
let id: string;
let link: string;
let token: string;
beforeEach(async () => {
  resend.reset();
  h = await createPageHarness();
  id = await fileComplaint(h);
  link = await h.linkFromAcknowledgement(id);
  token = link.slice(link.lastIndexOf("/") + 1);
});
afterEach(() => h.dispose());

const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: h.repo, encoding: "latin1", maxBuffer: 1 << 28 });
const deps = (): ReceiveDeps => ({
  config: CONFIG,
  calendar: h.dispatchDeps.context.calendar,
  store: h.store,
  clock: () => NOW,
  caseLinks: h.links,
});

/** Every blob reachable from main that holds the token. */
function blobsWithToken(): string[] {
  const objects = git("rev-list", "--objects", "main")
    .split("\n")
    .map((line) => line.split(" ")[0] ?? "")
    .filter(Boolean);
  return objects.filter(
    (object) =>
      git("cat-file", "-t", object).trim() === "blob" &&
      git("cat-file", "blob", object).includes(token),
  );
}

/** A reply as the big clients send one: the link quoted in the text, in the HTML (base64), and in a text file. */
function reply(messageId: string): Uint8Array {
  const boundary = "000000000000a1b2c3d4e5f60718";
  const base64 = (text: string) =>
    (
      Buffer.from(text, "utf8")
        .toString("base64")
        .match(/.{1,76}/g) ?? []
    ).join("\r\n");
  const text = quotedPrintable(
    `Hierbij de urenstaat. Groet, Eva\n\nOp 24 nov schreef Interforce Klachten:\n> Je eigen pagina: ${link} (bewaar hem)\n`,
  );
  return Buffer.from(
    [
      "From: Eva Jansen <eva.jansen@example.nl>",
      `To: klachten+${id}@interforce.eu`,
      `Subject: Re: We hebben je klacht ontvangen (${id})`,
      `Message-ID: ${messageId}`,
      `In-Reply-To: <${id}.acknowledgement@interforce.eu>`,
      "Date: Wed, 25 Nov 2026 10:41:00 +0100",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      text,
      `--${boundary}`,
      "Content-Type: text/html; charset=utf-8",
      "Content-Transfer-Encoding: base64",
      "",
      base64(`<p>Hierbij de urenstaat.</p><blockquote><a href="${link}">${link}</a></blockquote>`),
      `--${boundary}`,
      'Content-Type: text/plain; name="brief.txt"',
      'Content-Disposition: attachment; filename="brief.txt"',
      "Content-Transfer-Encoding: base64",
      "",
      base64(`Uw persoonlijke link: ${link}\n`),
      `--${boundary}--`,
      "",
    ].join("\r\n"),
  );
}

/** The filed copy: the same length, masked in every part, its attachment too. */
async function expectMaskedCopy(raw: Uint8Array) {
  const [copy] = h
    .files(`dossiers/2026/${id}/correspondence/`)
    .filter((p) => p.includes("-received-reply-"));
  const kept = Buffer.from(git("show", `main:${copy}`), "latin1");
  expect(kept.length).toBe(raw.byteLength);
  const mail = await readMail(kept);
  expect(mail.messageId).toBe((await readMail(raw)).messageId);
  for (const part of [
    mail.text,
    mail.html,
    Buffer.from(mail.attachments[0]?.bytes ?? []).toString(),
  ])
    expect(part).toContain(`/zaak/${id}/${REDACTED_TOKEN}`);
  expect(blobsWithToken()).toEqual([]);
  // The mask is all that changed, and the link still opens the page.
  const page = await h.request(new URL(link).pathname);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(link);
}

describe("a reply that quotes the personal link", () => {
  it("is filed from the inbox with the link masked, and the page still opens", async () => {
    const raw = reply("<inbox-1@example.nl>");
    const inbox = join(h.root, "inbox");
    mkdirSync(inbox);
    writeFileSync(join(inbox, "reply.eml"), raw);
    const round = await takeInbox({
      dir: inbox,
      receive: (bytes, emailId, receivedAt) =>
        receiveMail(deps(), { raw: bytes, emailId, receivedAt }),
      deliver: async (path) => {
        await dispatch(h.dispatchDeps, { only: [path] });
      },
    });
    expect(round.processed).toEqual(["reply.eml"]);
    expect(h.outboxFiles().some((f) => f.startsWith(`${id}--mail_received`))).toBe(true);
    await expectMaskedCopy(raw);
  });

  it("is filed from Resend's webhook with the link masked, and the page still opens", async () => {
    const raw = reply("<webhook-1@example.nl>");
    const webhook = createEmailWebhook({
      ...deps(),
      deliver: async (filed) => {
        await dispatch(h.dispatchDeps, { only: [filed.path] });
      },
      fetchReceivedEmail: createResendInbound({ apiKey: "re_test_key", timeoutMs: 2000 }),
      webhookSecret: SECRET,
    });
    const mail = await readMail(raw);
    const body = JSON.stringify(
      resend.receive({
        id: "0f3c2a1b-0000-4000-8000-000000000001",
        from: "Eva Jansen <eva.jansen@example.nl>",
        to: mail.recipients,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        message_id: mail.messageId,
        created_at: "2026-11-25T09:41:05.000000+00:00",
        headers: mail.headers as Record<string, string>,
        raw,
      }),
    );
    const timestamp = Math.floor(NOW.getTime() / 1000);
    const deferred: Promise<unknown>[] = [];
    const response = await webhook(
      new Request("https://klachten.interforce.eu/api/email/received", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "svix-id": "msg_2yZ8aJHqLh1Q6kqVwF0dS3xPr4T",
          "svix-timestamp": String(timestamp),
          "svix-signature": signSvix({
            secret: SECRET,
            id: "msg_2yZ8aJHqLh1Q6kqVwF0dS3xPr4T",
            timestamp,
            rawBody: body,
          }),
        },
        body,
      }),
      { clientAddress: "203.0.113.7", defer: (work) => deferred.push(work) },
    );
    await Promise.all(deferred);
    expect(await response.json()).toEqual({ id, received: "reply" });
    await expectMaskedCopy(raw);
  });

  it("is masked when the complainant pastes it into the page's add-information form", async () => {
    const data = new FormData();
    data.append("text", `Ik kon niet mailen, dus via ${link} stuur ik dit.`);
    data.append("submission_id", "page-link-0001");
    const path = new URL(link).pathname;
    const response = await h.request(`${path}/aanvullen`, { method: "POST", body: data });
    expect(response.status).toBe(303);
    const [copy] = h
      .files(`dossiers/2026/${id}/correspondence/`)
      .filter((p) => p.includes("-received-reply-"));
    expect(h.show(copy ?? "").replace(/=\r\n/g, "")).toContain(`/zaak/${id}/${REDACTED_TOKEN}`);
    expect(blobsWithToken()).toEqual([]);
    expect((await h.request(path)).status).toBe(200);
  });
});
