import { describe, expect, it } from "vitest";
import { classifyMail, senderRole } from "../../automation/conversation/classify-mail.ts";
import { deliveryReport } from "../../automation/conversation/delivery-report.ts";
import { firstLines } from "../../automation/conversation/first-lines.ts";
import {
  headerCandidates,
  returnedIds,
  subjectIds,
} from "../../automation/conversation/match-mail.ts";
import { plusAddress } from "../../automation/mail/reply-address.ts";
import { readMail } from "../../automation/conversation/read-mail.ts";
import { parseReceivedName, receivedName } from "../../automation/domain/received-copy.ts";
import { CONFIG } from "../support/intake-harness.ts";

const envelope = (over: Partial<Parameters<typeof headerCandidates>[0]> = {}) => ({
  from: "eva.jansen@example.nl",
  recipients: ["klachten@interforce.eu"],
  subject: "",
  answers: [],
  ...over,
});

describe("matching a mail to its dossier by its headers", () => {
  it.each([
    [["<KL-2026-0007.information_request@interforce.eu>"], "KL-2026-0007"],
    [["<KL-2026-0007@interforce.eu>"], "KL-2026-0007"],
    [["<kl-2026-0007.judgement@INTERFORCE.EU>"], "KL-2026-0007"],
  ])("takes our Message-ID %j as the thread of %s", (answers, id) => {
    expect(headerCandidates(envelope({ answers }), CONFIG)).toEqual([{ id, by: "thread" }]);
  });

  it("prefers In-Reply-To (last) over older References", () => {
    const answers = ["<KL-2026-0001@interforce.eu>", "<KL-2026-0002.judgement@interforce.eu>"];
    expect(headerCandidates(envelope({ answers }), CONFIG)[0]).toEqual({
      id: "KL-2026-0002",
      by: "thread",
    });
  });

  it.each([
    ["<KL-2026-0007.judgement@interforce.eu.evil.example>"],
    ["<KL-2026-0007.judgement@example.com>"],
    ["<XX-2026-0007@interforce.eu>"],
    ["<CAF=abc@mail.gmail.com>"],
  ])("ignores a Message-ID that is not ours: %s", (id) => {
    expect(headerCandidates(envelope({ answers: [id] }), CONFIG)).toEqual([]);
  });

  it.each([
    ["klachten+KL-2026-0003@interforce.eu", [{ id: "KL-2026-0003", by: "address" }]],
    ["KLACHTEN+kl-2026-0003@Interforce.eu", [{ id: "KL-2026-0003", by: "address" }]],
    ["someone+KL-2026-0003@interforce.eu", []],
    ["klachten+KL-2026-0003@example.com", []],
    ["klachten+note@interforce.eu", []],
  ])("reads the plus-address %s", (recipient, expected) => {
    expect(headerCandidates(envelope({ recipients: [recipient] }), CONFIG)).toEqual(expected);
  });

  it("writes the plus-address letters give as Reply-To", () => {
    expect(plusAddress("klachten@interforce.eu", "KL-2026-0001")).toBe(
      "klachten+KL-2026-0001@interforce.eu",
    );
  });

  it.each([
    ["Aanvulling op KL-2026-0001", ["KL-2026-0001"]],
    ["Re: [kl-2026-0012] en KL-2026-0001", ["KL-2026-0012", "KL-2026-0001"]],
    ["XKL-2026-0001", []],
    ["KL-2026-00012", ["KL-2026-00012"]],
    ["Factuur 2026-0001", []],
  ])("finds the ids in the subject %j", (subject, ids) => {
    expect(subjectIds(subject, "KL")).toEqual(ids);
  });
});

describe("what a mail is", () => {
  const mail = (
    headers: Record<string, string>,
    from = "eva@example.nl",
    types: string[] = [],
  ) => ({
    headers,
    from: { address: from },
    attachments: types.map((mimeType) => ({ mimeType })),
  });
  it.each([
    [mail({}), "reply"],
    [mail({ "auto-submitted": "no" }), "reply"],
    [mail({ "auto-submitted": "auto-replied" }), "automatic"],
    [mail({ precedence: "bulk" }), "automatic"],
    [mail({ "x-autoreply": "yes" }), "automatic"],
    [
      mail({ "content-type": 'multipart/report; report-type="delivery-status"; boundary=x' }),
      "bounce",
    ],
    [mail({}, "MAILER-DAEMON@mx.example.nl"), "bounce"],
    [mail({}, "eva@example.nl", ["message/delivery-status"]), "bounce"],
  ] as const)("%j is a %s", (m, kind) => {
    expect(classifyMail(m)).toBe(kind);
  });

  it("knows the people of the case, in any letter case", () => {
    const people = {
      complainant: "eva@example.nl",
      staff: ["mark@example.nl"],
      handler: "sanne@example.nl",
      insurer: "schade@example.nl",
    };
    expect(senderRole("EVA@example.nl", people)).toEqual({ role: "complainant" });
    expect(senderRole("mark@example.nl", people)).toEqual({ role: "staff", index: 0 });
    expect(senderRole("sanne@example.nl", people)).toEqual({ role: "handler" });
    expect(senderRole("schade@example.nl", people)).toEqual({ role: "insurer" });
    expect(senderRole("eva@example.nl.evil.example", people)).toEqual({ role: "unknown" });
    expect(senderRole("", { staff: [] })).toEqual({ role: "unknown" });
  });
});

describe("the first lines of a reply", () => {
  it.each([
    ["Ja.\n\n> eerder", "Ja."],
    ["Ja.\nOn Tue, 24 Nov 2026 at 14:02, Klachten <k@x.nl> wrote:\n> x", "Ja."],
    ["Ja.\nOn Tue, 24 Nov 2026 at 14:02 Interforce Klachten <k@x.nl>\nwrote:\n> x", "Ja."],
    ["Ja.\n-----Oorspronkelijk bericht-----\nVan: x", "Ja."],
    ["Ja.\n________________________________\nVan: x", "Ja."],
    ["Ja.\n-- \nEva", "Ja."],
    ["a\u202eb\u0007c", "abc"],
  ])("of %j is %j", (text, first) => {
    expect(firstLines(text)).toBe(first);
  });

  it("stops at 12 lines and 1200 characters", () => {
    expect(
      firstLines(Array.from({ length: 30 }, (_, i) => `regel ${i}`).join("\n")).split("\n"),
    ).toHaveLength(12);
    expect(firstLines("x".repeat(5000))).toHaveLength(1200);
  });
});

describe("received copies' names", () => {
  it("round-trips, and no other name reads as received", () => {
    const name = receivedName(4, "bounce", "0123456789abcdef");
    expect(name).toBe("0004-received-bounce-0123456789abcdef.eml");
    expect(parseReceivedName(`dossiers/2026/KL-2026-0001/correspondence/${name}`)).toEqual({
      number: 4,
      kind: "bounce",
      fingerprint: "0123456789abcdef",
    });
    expect(parseReceivedName("0004-mail_received-0123456789abcdef.eml")).toBeUndefined();
    expect(parseReceivedName("0004-received-other-0123456789abcdef.eml")).toBeUndefined();
  });
});

describe("a delivery report written for a service's bounce event", () => {
  it("keeps every value on one line and names the returned letter", async () => {
    const raw = deliveryReport({
      emailId: "abc-123",
      type: "bounced",
      at: new Date("2026-11-24T13:02:10Z"),
      to: ["eva@example.nl\r\nBcc: mallory@example.com"],
      subject: "Ontvangen\r\nX-Evil: 1",
      reason: "Permanent\n\nContent-Type: text/html",
      dossierId: "KL-2026-0001",
      letterKey: "acknowledgement",
      domain: "interforce.eu",
      timeZone: "Europe/Amsterdam",
    });
    const text = new TextDecoder().decode(raw);
    expect(text).not.toMatch(/^(Bcc|X-Evil):/m);
    expect(text.match(/^Content-Type: text\/html/m)).toBeNull();
    expect(returnedIds(raw)).toEqual(["<KL-2026-0001.acknowledgement@interforce.eu>"]);
    const mail = await readMail(raw);
    expect(classifyMail(mail)).toBe("bounce");
  });
});
