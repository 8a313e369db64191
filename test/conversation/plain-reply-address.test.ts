import { readFileSync } from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { receiveMail } from "../../automation/conversation/receive-mail.ts";
import {
  createPageHarness,
  fileComplaint,
  type PageHarness,
} from "../case-page/case-page-support.ts";
import { CONFIG, NOW } from "../support/intake-harness.ts";

/**
 * `mail.plus_addressing: false`, for a mail server that does not deliver
 * klachten+KL-2026-0001@…: letters ask for replies at the complaints
 * address itself, and replies still find their dossier by the thread or by
 * the id in the subject; the page's add information goes there too.
 */

const PLAIN = { ...CONFIG, mail: { ...CONFIG.mail, plus_addressing: false } };

let h: PageHarness;
let id: string;
beforeEach(async () => {
  h = await createPageHarness({ config: PLAIN });
  id = await fileComplaint(h);
});
afterEach(() => h.dispose());

const receive = (raw: string, config = PLAIN) =>
  receiveMail(
    { config, calendar: h.dispatchDeps.context.calendar, store: h.store, clock: () => NOW },
    { raw: new TextEncoder().encode(raw), emailId: "test" },
  );
const received = () =>
  h.files(`dossiers/2026/${id}/correspondence/`).filter((p) => p.includes("-received-"));

describe("without plus-addressing", () => {
  it("gives the complaints address itself as Reply-To", async () => {
    const letter = await PostalMime.parse(
      readFileSync(join(h.outbox, `${id}--acknowledgement.eml`)),
    );
    expect(letter.replyTo?.map((a) => a.address)).toEqual(["klachten@interforce.eu"]);
  });

  it("files a reply by its thread, and a new mail by the id in its subject", async () => {
    const letter = await PostalMime.parse(
      readFileSync(join(h.outbox, `${id}--acknowledgement.eml`)),
    );
    const reply = await receive(
      [
        "From: Eva Jansen <eva.jansen@example.nl>",
        "To: klachten@interforce.eu",
        `Subject: Re: ${letter.subject ?? ""}`,
        "Message-ID: <plain-1@example.nl>",
        `In-Reply-To: ${letter.messageId ?? ""}`,
        "",
        "Dank je wel.",
        "",
      ].join("\r\n"),
    );
    expect(reply).toMatchObject({ outcome: "filed", by: "thread", filed: { dossierId: id } });
    const fresh = await receive(
      [
        "From: eva.jansen@example.nl",
        "To: klachten@interforce.eu",
        `Subject: Nog een vraag over ${id}`,
        "Message-ID: <plain-2@example.nl>",
        "",
        "Wanneer hoor ik meer?",
        "",
      ].join("\r\n"),
    );
    expect(fresh).toMatchObject({ outcome: "filed", by: "subject", filed: { dossierId: id } });
    expect(received()).toHaveLength(2);
  });

  it("files what the complainant adds on the page, addressed to the complaints address", async () => {
    const link = new URL(await h.linkFromAcknowledgement(id)).pathname;
    const data = new FormData();
    data.append("text", "De urenstaat volgt per post.");
    data.append("submission_id", "plain-page-0001");
    expect((await h.request(`${link}/aanvullen`, { method: "POST", body: data })).status).toBe(303);
    const [copy] = received();
    expect(h.show(copy ?? "")).toMatch(/^To: klachten@interforce\.eu$/m);
  });
});

describe("with plus-addressing (the default)", () => {
  it("gives the dossier's plus-address as Reply-To, and files mail sent to it", async () => {
    const other = await createPageHarness();
    try {
      const otherId = await fileComplaint(other);
      const letter = await PostalMime.parse(
        readFileSync(join(other.outbox, `${otherId}--acknowledgement.eml`)),
      );
      expect(letter.replyTo?.map((a) => a.address)).toEqual([`klachten+${otherId}@interforce.eu`]);
    } finally {
      other.dispose();
    }
    const byAddress = await receive(
      [
        "From: Eva Jansen <eva.jansen@example.nl>",
        `To: klachten+${id}@interforce.eu`,
        "Subject: Hierbij",
        "Message-ID: <plus-1@example.nl>",
        "",
        "De urenstaat.",
        "",
      ].join("\r\n"),
      CONFIG,
    );
    expect(byAddress).toMatchObject({ outcome: "filed", by: "address" });
  });
});
