import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { takeInbox } from "../../automation/conversation/inbox.ts";
import { receiveMail } from "../../automation/conversation/receive-mail.ts";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { StoreUnavailableError } from "../../automation/store/dossier-store.ts";
import { CONFIG, createHarness, json, VALID, type Harness } from "../support/intake-harness.ts";

/**
 * Mail in through the embedded default's inbox folder, with messages in the
 * shapes the big mail clients send: each is filed on its dossier (or opens a
 * complaint, or is refused) and the file moves on, once.
 */

const FIXTURES = join(import.meta.dirname, "fixtures");
const FOLDER = "dossiers/2026/KL-2026-0001";
const AT = new Date("2026-11-25T12:00:00Z");
let h: Harness;
let inbox: string;
let sent: { letter: string; text: string; subject: string }[];

beforeEach(async () => {
  h = await createHarness();
  await h.post(...json(VALID));
  inbox = join(h.root, "inbox");
  mkdirSync(inbox);
  sent = [];
});
afterEach(() => h.dispose());

const deps = () => ({
  config: CONFIG,
  calendar: h.dispatchDeps.context.calendar,
  store: h.store,
  clock: () => AT,
});

function round(store = h.store) {
  return takeInbox({
    dir: inbox,
    receive: (raw, emailId, receivedAt) =>
      receiveMail({ ...deps(), store }, { raw, emailId, receivedAt }),
    deliver: async (path) => {
      const report = await dispatch({ ...h.dispatchDeps, now: () => AT }, { only: [path] });
      sent.push(...report.sent);
    },
  });
}

const drop = (fixture: string, name = fixture) =>
  copyFileSync(join(FIXTURES, fixture), join(inbox, name));
const received = () => h.files(`${FOLDER}/correspondence/`).filter((p) => p.includes("-received-"));

describe("the inbox", () => {
  it.each([
    [
      "outlook-reply.eml",
      "reply",
      "Het factuurnummer is 2026-10-0457",
      ["Verzonden:", "We hebben je klacht"],
    ],
    [
      "gmail-reply.eml",
      "reply",
      "Hierbij de afgetekende urenstaat van week 41.",
      ["On Tue", "Beste Eva"],
    ],
    [
      "apple-mail.eml",
      "reply",
      "Hierbij nog een foto van de meter",
      ["het volgende geschreven", "Beste Eva"],
    ],
    ["forwarded.eml", "reply", "Zie hieronder wat de monteur mij schreef.", ["28 uur gewerkt"]],
    ["base64-body.eml", "reply", "Mijn collega Zoë Çelik heeft de urenstaat gecontroleerd", []],
  ])(
    "files %s on its dossier and tells the handler its first lines",
    async (fixture, kind, first, left) => {
      drop(fixture);
      const result = await round();
      expect(result).toEqual({ processed: [fixture], failed: [], waiting: [] });
      expect(readdirSync(join(inbox, "processed"))).toEqual([fixture]);
      const [copy] = received();
      expect(copy).toMatch(new RegExp(`/0003-received-${kind}-[0-9a-f]{16}\\.eml$`));
      expect(
        Buffer.from(h.show(copy ?? ""), "utf8").equals(readFileSync(join(FIXTURES, fixture))),
      ).toBe(true);
      expect(sent.map((s) => s.letter)).toEqual([expect.stringMatching(/^mail_received-/)]);
      expect(sent[0]?.text).toContain(first);
      for (const text of left) expect(sent[0]?.text).not.toContain(text);
    },
  );

  it("keeps a reply's attachments under attachments/, checked as at intake", async () => {
    drop("gmail-reply.eml");
    drop("apple-mail.eml");
    await round();
    expect(h.files(`${FOLDER}/attachments/`)).toEqual([
      `${FOLDER}/attachments/01-meter.png`,
      `${FOLDER}/attachments/02-urenstaat-week-41.pdf`,
    ]);
  });

  it("shows non-ASCII names and subjects as sent", async () => {
    drop("apple-mail.eml");
    await round();
    expect(sent[0]?.subject).toContain("Eva Jänsen");
    expect(sent[0]?.text).toContain("Foto van de geïnstalleerde meter");
  });

  it("stores an out-of-office reply and sends nothing for it", async () => {
    drop("out-of-office.eml");
    await round();
    expect(received()).toEqual([expect.stringMatching(/-received-automatic-/)]);
    expect(sent).toEqual([]);
  });

  it("records a bounce of our letter and tells the handler which, to whom and why", async () => {
    drop("dsn-bounce.eml");
    await round();
    expect(received()).toEqual([expect.stringMatching(/-received-bounce-/)]);
    expect(sent.map((s) => s.letter)).toEqual([expect.stringMatching(/^not_delivered-/)]);
    expect(sent[0]?.subject).toContain("het verzoek om informatie");
    expect(sent[0]?.text).toContain("eva.jansen@example.nl");
    expect(sent[0]?.text).toContain("5.1.1");
    expect(sent[0]?.text).toContain("Neem vandaag contact op");
  });

  it("keeps a bounce of the handler's own notice and sends no notice about it, so nothing loops", async () => {
    drop("dsn-bounce.eml");
    await round();
    const [notice] = h
      .files(`${FOLDER}/correspondence/`)
      .filter((p) => p.includes("not_delivered"));
    const noticeId = /^Message-ID: (<[^>]+>)/im.exec(h.show(notice ?? ""))?.[1] ?? "";
    expect(noticeId).toMatch(/^<KL-2026-0001\.not_delivered-[0-9a-f]{16}@interforce\.eu>$/);
    // The handler's mailbox refuses the notice, as it refused the first letter.
    const refused = readFileSync(join(FIXTURES, "dsn-bounce.eml"), "latin1")
      .replace("<20261124130209.4F2C31E0A1@", "<20261124130310.5A3D42F1B2@")
      .replaceAll("eva.jansen@example.nl", "sanne.devries@example.nl")
      .replace("<KL-2026-0001.information_request@interforce.eu>", noticeId);
    writeFileSync(join(inbox, "notice-bounce.eml"), refused, "latin1");
    expect((await round()).processed).toEqual(["notice-bounce.eml"]);
    expect(received()).toEqual([
      expect.stringMatching(/-received-bounce-/),
      expect.stringMatching(/-received-automatic-/),
    ]);
    expect(sent.map((s) => s.letter)).toEqual([expect.stringMatching(/^not_delivered-/)]);
    const later = await dispatch({ ...h.dispatchDeps, now: () => AT });
    expect(later.sent).toEqual([]);
  });

  it("stores a reply from a stranger flagged, and takes nothing from it", async () => {
    const before = h.show(`${FOLDER}/dossier.md`);
    drop("spoofed-reply.eml");
    await round();
    expect(received()).toEqual([expect.stringMatching(/-received-untrusted-/)]);
    expect(h.show(`${FOLDER}/dossier.md`)).toBe(before);
    expect(sent[0]?.text).toContain("deze afzender staat niet in het dossier");
  });

  it("opens a new complaint for a dossier id in the subject from someone else", async () => {
    drop("stranger-subject.eml");
    await round();
    expect(received()).toEqual([]);
    const data = splitDossier(h.show("dossiers/2026/KL-2026-0002/dossier.md")).data as {
      complainant: { email: string };
    };
    expect(data.complainant.email).toBe("someone@example.org");
  });

  it("moves what is no message to failed/ with the reason beside it", async () => {
    writeFileSync(join(inbox, "empty.eml"), "");
    const result = await round();
    expect(result.failed).toEqual(["empty.eml"]);
    expect(readFileSync(join(inbox, "failed", "empty.eml.txt"), "utf8")).toContain("empty");
  });

  it("leaves mail in the inbox while the store cannot be reached", async () => {
    drop("outlook-reply.eml");
    const down = {
      ...h.store,
      read: () => Promise.reject(new StoreUnavailableError("the repository is down")),
    };
    expect(await round(down)).toEqual({
      processed: [],
      failed: [],
      waiting: ["outlook-reply.eml"],
    });
    expect(existsSync(join(inbox, "outlook-reply.eml"))).toBe(true);
    expect((await round()).processed).toEqual(["outlook-reply.eml"]);
    expect(received()).toHaveLength(1);
  });

  it("files a message once when it comes back after a crash between commit and move", async () => {
    drop("gmail-reply.eml");
    await round();
    drop("gmail-reply.eml");
    const again = await round();
    expect(again.processed).toEqual(["gmail-reply.eml"]);
    expect(readdirSync(join(inbox, "processed")).sort()).toEqual([
      "gmail-reply-2.eml",
      "gmail-reply.eml",
    ]);
    expect(received()).toHaveLength(1);
    expect(h.files(`${FOLDER}/attachments/`)).toHaveLength(1);
    expect(sent).toHaveLength(1);
  });
});
