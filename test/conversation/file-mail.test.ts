import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileMail } from "../../automation/conversation/file-mail.ts";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { UnreadableMailError } from "../../automation/conversation/read-mail.ts";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { hearingRequestKey } from "../../automation/domain/letters-owed.ts";
import { CONFIG, createHarness, json, VALID, type Harness } from "../support/intake-harness.ts";

let h: Harness;
const FOLDER = "dossiers/2026/KL-2026-0001";
const deps = () => ({
  store: h.store,
  config: CONFIG,
  clock: () => new Date("2026-11-25T10:00:00Z"),
});

beforeEach(async () => {
  h = await createHarness();
  await h.post(...json(VALID));
});
afterEach(() => h.dispose());

/** Mark Visser joins the case as a staff member involved; `asked`: his hearing request went out. */
async function addMarkVisser(asked: boolean): Promise<void> {
  const informed = asked ? "    informed_at: 2026-11-24T11:05:00+01:00\n" : "";
  await h.store.commit({
    message: "staff",
    edits: [
      {
        path: `${FOLDER}/dossier.md`,
        edit: (text) =>
          text.replace(
            /^terms:/m,
            `staff_involved:\n  - name: Mark Visser\n    email: mark.visser@example.nl\n${informed}terms:`,
          ),
      },
    ],
  });
}

function reply(
  options: {
    from?: string;
    messageId?: string;
    body?: string;
    attach?: boolean;
    /** Authentication-Results headers, topmost first. */
    authentication?: string[];
  } = {},
) {
  const boundary = "b1";
  const lines = [
    ...(options.authentication ?? []).map((value) => `Authentication-Results: ${value}`),
    `From: Eva Jansen <${options.from ?? "eva.jansen@example.nl"}>`,
    "To: klachten+KL-2026-0001@interforce.eu",
    "Subject: Re: Aanvulling op je klacht (KL-2026-0001)",
    "Date: Wed, 25 Nov 2026 10:41:00 +0100",
    `Message-ID: ${options.messageId ?? "<reply-1@example.nl>"}`,
    "In-Reply-To: <KL-2026-0001.information_request@interforce.eu>",
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    options.body ?? "Hierbij het factuurnummer: 2026-10-0457.",
    ...(options.attach === false
      ? []
      : [
          `--${boundary}`,
          'Content-Type: application/pdf; name="factuur oktober.pdf"',
          'Content-Disposition: attachment; filename="factuur oktober.pdf"',
          "Content-Transfer-Encoding: base64",
          "",
          Buffer.from("%PDF-1.4\n% factuur\n").toString("base64"),
        ]),
    `--${boundary}--`,
    "",
  ];
  return new TextEncoder().encode(lines.join("\r\n"));
}

const git = (...args: string[]) => execFileSync("git", args, { cwd: h.repo, encoding: "utf8" });

describe("fileMail", () => {
  it("commits the exact message and its attachment to the dossier, once", async () => {
    const raw = reply();
    const filed = await fileMail(deps(), "KL-2026-0001", raw);
    expect(filed).toMatchObject({
      created: true,
      kind: "reply",
      sender: { role: "complainant" },
      dossierPath: `${FOLDER}/dossier.md`,
    });
    expect(filed.path).toMatch(
      new RegExp(`^${FOLDER}/correspondence/0003-received-reply-[0-9a-f]{16}\\.eml$`),
    );
    expect(filed.attachments).toEqual([`${FOLDER}/attachments/01-factuur-oktober.pdf`]);
    expect(Buffer.from(git("show", `main:${filed.path}`), "utf8")).toEqual(Buffer.from(raw));
    expect(git("show", "-s", "--format=%B", "main")).toContain("Committed-by: Docket");

    const again = await fileMail(deps(), "KL-2026-0001", raw);
    expect(again).toMatchObject({ created: false, path: filed.path, attachments: [] });
    expect(h.files(`${FOLDER}/correspondence/`).filter((p) => p.includes("received"))).toHaveLength(
      1,
    );
  });

  it("numbers a second mail after the first and its attachments after those there", async () => {
    await fileMail(deps(), "KL-2026-0001", reply());
    const second = await fileMail(
      deps(),
      "KL-2026-0001",
      reply({ messageId: "<reply-2@example.nl>" }),
    );
    expect(second.path).toContain("/0004-received-reply-");
    expect(second.attachments).toEqual([`${FOLDER}/attachments/02-factuur-oktober.pdf`]);
  });

  it("files the same mail arriving twice at once as one", async () => {
    const raw = reply();
    const both = await Promise.all([
      fileMail(deps(), "KL-2026-0001", raw),
      fileMail(deps(), "KL-2026-0001", raw),
    ]);
    expect(both.map((f) => f.created).sort()).toEqual([false, true]);
    expect(h.files(`${FOLDER}/correspondence/`).filter((p) => p.includes("received"))).toHaveLength(
      1,
    );
  });

  it("flags a sender the dossier does not name and takes no field from them", async () => {
    const filed = await fileMail(deps(), "KL-2026-0001", reply({ from: "mallory@example.com" }));
    expect(filed).toMatchObject({
      kind: "untrusted",
      sender: { role: "unknown" },
      attachments: [],
    });
    expect(filed.path).toContain("-received-untrusted-");
    expect(h.files(`${FOLDER}/attachments/`)).toEqual([]);
  });

  it("fills in responded_at for a staff member's reply after their hearing request, and only then", async () => {
    const path = `${FOLDER}/dossier.md`;
    await addMarkVisser(true);
    const filed = await fileMail(deps(), "KL-2026-0001", reply({ from: "Mark.Visser@example.nl" }));
    expect(filed.sender).toEqual({ role: "staff", index: 0 });
    const data = splitDossier(h.show(path)).data as { staff_involved: Record<string, string>[] };
    expect(data.staff_involved[0]?.responded_at).toBe("2026-11-25T11:00:00+01:00");
  });

  it("trusts no sender whose From address the receiving server reports as forged", async () => {
    await addMarkVisser(true);
    const path = `${FOLDER}/dossier.md`;
    const forged = await fileMail(
      deps(),
      "KL-2026-0001",
      reply({
        from: "mark.visser@example.nl",
        messageId: "<forged-1@example.com>",
        // The receiver's verdict on top; the sender's own "pass" below it counts for nothing.
        authentication: [
          "mx.interforce.eu; dmarc=fail (p=reject) header.from=example.nl",
          "mx.interforce.eu; dmarc=pass header.from=example.nl",
        ],
      }),
    );
    expect(forged).toMatchObject({ kind: "untrusted", sender: { role: "unknown" } });
    expect(forged.attachments).toEqual([]);
    expect(forged.path).toMatch(/\/correspondence\/\d{4}-received-untrusted-/);
    let data = splitDossier(h.show(path)).data as { staff_involved: Record<string, string>[] };
    expect(data.staff_involved[0]).not.toHaveProperty("responded_at");

    const signed = await fileMail(
      deps(),
      "KL-2026-0001",
      reply({
        from: "mark.visser@example.nl",
        authentication: [
          "mx.interforce.eu; spf=fail smtp.mailfrom=forwarder.example; dkim=pass header.d=example.nl",
        ],
      }),
    );
    expect(signed).toMatchObject({ kind: "reply", sender: { role: "staff", index: 0 } });
    data = splitDossier(h.show(path)).data as { staff_involved: Record<string, string>[] };
    expect(data.staff_involved[0]?.responded_at).toBe("2026-11-25T11:00:00+01:00");
  });

  it("leaves responded_at alone for a staff member who was not asked yet", async () => {
    const path = `${FOLDER}/dossier.md`;
    await addMarkVisser(false);
    await fileMail(deps(), "KL-2026-0001", reply({ from: "mark.visser@example.nl" }));
    const data = splitDossier(h.show(path)).data as { staff_involved: Record<string, string>[] };
    expect(data.staff_involved[0]).not.toHaveProperty("responded_at");
  });

  it.each([
    ["a new mail to the complaints address", "klachten@interforce.eu", "", false],
    [
      "an answer to a letter not theirs",
      "klachten@interforce.eu",
      "<KL-2026-0001@interforce.eu>",
      false,
    ],
    ["an answer to their hearing request", "klachten@interforce.eu", "HEARING", true],
    ["mail to the dossier's plus-address", "klachten+KL-2026-0001@interforce.eu", "", true],
  ])(
    "from a staff member asked for comment, %s: responded_at %s",
    async (_name, to, inReplyTo, filled) => {
      const path = `${FOLDER}/dossier.md`;
      await addMarkVisser(true);
      const thread =
        inReplyTo === "HEARING"
          ? `<KL-2026-0001.${hearingRequestKey("mark.visser@example.nl")}@interforce.eu>`
          : inReplyTo;
      const raw = [
        "From: Mark Visser <mark.visser@example.nl>",
        `To: ${to}`,
        "Subject: KL-2026-0001",
        "Message-ID: <mark-1@example.nl>",
        ...(thread ? [`In-Reply-To: ${thread}`] : []),
        "",
        "Mijn kant van het verhaal.",
        "",
      ].join("\r\n");
      const filed = await fileMail(deps(), "KL-2026-0001", new TextEncoder().encode(raw));
      expect(filed).toMatchObject({ created: true, kind: "reply", sender: { role: "staff" } });
      const data = splitDossier(h.show(path)).data as { staff_involved: Record<string, string>[] };
      expect(data.staff_involved[0]?.responded_at).toBe(
        filled ? "2026-11-25T11:00:00+01:00" : undefined,
      );
    },
  );

  it.each([
    ["a stranger", "From: Mallory <mallory@example.com>", [], "untrusted"],
    [
      "the staff member's out-of-office",
      "From: Mark Visser <mark.visser@example.nl>",
      ["Auto-Submitted: auto-replied"],
      "automatic",
    ],
  ])(
    "leaves responded_at alone for an answer to the hearing request from %s",
    async (_name, from, more, kind) => {
      const path = `${FOLDER}/dossier.md`;
      await addMarkVisser(true);
      const before = h.show(path);
      const raw = [
        from,
        "To: klachten+KL-2026-0001@interforce.eu",
        "Subject: Re: KL-2026-0001",
        "Message-ID: <answer-1@example.com>",
        `In-Reply-To: <KL-2026-0001.${hearingRequestKey("mark.visser@example.nl")}@interforce.eu>`,
        ...more,
        "",
        "Mark was er niet bij.",
        "",
      ].join("\r\n");
      const filed = await fileMail(deps(), "KL-2026-0001", new TextEncoder().encode(raw));
      expect(filed).toMatchObject({ created: true, kind });
      expect(h.show(path)).toBe(before);
    },
  );

  it("takes an answer to the hearing request dispatch sent as the staff member's response", async () => {
    const path = `${FOLDER}/dossier.md`;
    await addMarkVisser(false);
    await dispatch(
      { ...h.dispatchDeps, now: () => new Date("2026-11-24T10:05:00Z") },
      { only: [path] },
    );
    const request = h.outboxFiles().find((f) => f.includes("hearing_request"));
    const sent = readFileSync(join(h.outbox, request ?? ""), "utf8");
    const messageId = /^Message-ID: (<[^>]+>)/m.exec(sent)?.[1] ?? "";
    expect(messageId).toMatch(/^<KL-2026-0001\.hearing_request-[0-9a-f]{8}@interforce\.eu>$/);
    const raw = [
      "From: Mark Visser <mark.visser@example.nl>",
      "To: klachten@interforce.eu",
      "Subject: Re: KL-2026-0001",
      "Message-ID: <mark-2@example.nl>",
      `In-Reply-To: ${messageId}`,
      "",
      "Zo is het gegaan.",
      "",
    ].join("\r\n");
    await fileMail(deps(), "KL-2026-0001", new TextEncoder().encode(raw));
    const data = splitDossier(h.show(path)).data as { staff_involved: Record<string, string>[] };
    expect(data.staff_involved[0]?.responded_at).toBe("2026-11-25T11:00:00+01:00");
  });

  it("refuses an unknown dossier and bytes that are no message", async () => {
    await expect(fileMail(deps(), "KL-2026-0099", reply())).rejects.toThrow(
      /no dossier KL-2026-0099/,
    );
    await expect(fileMail(deps(), "KL-2026-0001", new Uint8Array())).rejects.toBeInstanceOf(
      UnreadableMailError,
    );
  });
});

describe("the handler hears of mail received", () => {
  const at = () => new Date("2026-11-25T10:00:00Z");

  it("gets one mail_received letter with who wrote and the first lines, without the quoted history", async () => {
    const body = [
      "Hierbij het factuurnummer: 2026-10-0457.",
      "",
      "Groet, Eva",
      "",
      "Op 24 nov. 2026 om 15:02 schreef Interforce Klachten <klachten@interforce.eu>:",
      "> Wat we nog nodig hebben",
    ].join("\r\n");
    await fileMail(deps(), "KL-2026-0001", reply({ body }));
    const first = await dispatch({ ...h.dispatchDeps, now: at });
    expect(first.sent.map((s) => s.letter)).toEqual([expect.stringMatching(/^mail_received-/)]);
    const [letter] = first.sent;
    expect(letter?.to).toEqual(["Sanne de Vries <sanne.devries@example.nl>"]);
    expect(letter?.subject).toContain("KL-2026-0001");
    expect(letter?.text).toContain("Hierbij het factuurnummer: 2026-10-0457.");
    expect(letter?.text).toContain("Groet, Eva");
    expect(letter?.text).not.toContain("Wat we nog nodig hebben");
    expect(letter?.text).toContain("de klager");
    expect(letter?.text).toContain("factuur oktober.pdf");
    expect((await dispatch({ ...h.dispatchDeps, now: at })).sent).toEqual([]);
  });

  it("keeps the handler's own mail and mail from our own address, and writes no letter about it", async () => {
    for (const [n, from] of ["sanne.devries@example.nl", "klachten@interforce.eu"].entries()) {
      const filed = await fileMail(
        deps(),
        "KL-2026-0001",
        reply({ from, messageId: `<own-${n}@x.nl>` }),
      );
      expect(filed.kind).toBe("own");
    }
    expect((await dispatch({ ...h.dispatchDeps, now: at })).sent).toEqual([]);
  });

  it("warns of a sender the dossier does not name", async () => {
    await fileMail(deps(), "KL-2026-0001", reply({ from: "mallory@example.com" }));
    const report = await dispatch({ ...h.dispatchDeps, now: at });
    expect(report.sent[0]?.text).toContain("deze afzender staat niet in het dossier");
  });

  it("warns of a sender address the receiving server reports as forged, in those words", async () => {
    await fileMail(
      deps(),
      "KL-2026-0001",
      reply({ authentication: ["mx.interforce.eu; dmarc=fail header.from=example.nl"] }),
    );
    const [letter] = (await dispatch({ ...h.dispatchDeps, now: at })).sent;
    expect(letter?.text).toContain("de mailserver meldt dat het afzenderadres vervalst is");
    expect(letter?.text).not.toContain("deze afzender staat niet in het dossier");
    // Nothing of it reaches attachments/: the stranger's rule.
    expect(letter?.text).not.toContain("factuur oktober.pdf");
  });
});
