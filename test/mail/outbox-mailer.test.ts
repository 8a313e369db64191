import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderEml } from "../../automation/mail/eml.ts";
import { MailRejectedError } from "../../automation/mail/mailer.ts";
import type { OutgoingMessage } from "../../automation/mail/mailer.ts";
import { createOutboxMailer, outboxFileName } from "../../automation/mail/outbox-mailer.ts";

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: "KL-2026-0001/acknowledgement",
    from: "Interforce Klachten <klachten@interforce.eu>",
    to: ["Eva Jansen <eva.jansen@example.nl>"],
    replyTo: "klachten@interforce.eu",
    subject: "Je klacht KL-2026-0001 is ontvangen",
    text: "Beste Eva,\n",
    html: "<p>Beste Eva,</p>",
    messageId: "<KL-2026-0001@interforce.eu>",
    date: new Date("2026-11-24T08:13:05Z"),
    ...overrides,
  };
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "docket-outbox-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("createOutboxMailer", () => {
  it("writes <key>.eml, creating the folder, and returns its text", async () => {
    const dir = join(root, "outbox", "nested");
    const mailer = createOutboxMailer({ dir });
    expect(mailer.kind).toBe("outbox");
    const sent = await mailer.send(message());
    expect(sent.eml).toBe(renderEml(message()));
    expect(sent.providerId).toBeUndefined();
    expect(await readdir(dir)).toEqual(["KL-2026-0001--acknowledgement.eml"]);
    expect(await readFile(join(dir, "KL-2026-0001--acknowledgement.eml"), "utf8")).toBe(sent.eml);
  });

  it("writes once per key: a second send returns the existing file unchanged", async () => {
    const mailer = createOutboxMailer({ dir: root });
    const first = await mailer.send(message());
    const second = await mailer.send(
      message({ subject: "Changed KL-2026-0001", date: new Date() }),
    );
    expect(second.eml).toBe(first.eml);
    expect(await readdir(root)).toEqual(["KL-2026-0001--acknowledgement.eml"]);
    expect(await readFile(join(root, "KL-2026-0001--acknowledgement.eml"), "utf8")).toBe(first.eml);
  });

  it("returns a file that is already there, even one written by hand", async () => {
    await writeFile(join(root, "KL-2026-0001--acknowledgement.eml"), "kept as it is");
    const sent = await createOutboxMailer({ dir: root }).send(message());
    expect(sent.eml).toBe("kept as it is");
  });

  it("sends concurrent calls for one key as one file, leaving no temporary files", async () => {
    const mailer = createOutboxMailer({ dir: root });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => mailer.send(message({ text: `versie ${i}` }))),
    );
    const files = await readdir(root);
    expect(files).toEqual(["KL-2026-0001--acknowledgement.eml"]);
    const kept = await readFile(join(root, files[0] ?? ""), "utf8");
    for (const result of results) expect(result.eml).toBe(kept);
  });

  it("keeps a path-traversal key inside the folder", async () => {
    const dir = join(root, "outbox");
    const mailer = createOutboxMailer({ dir });
    await mailer.send(message({ idempotencyKey: "../../escape/../x" }));
    await mailer.send(message({ idempotencyKey: "/etc/passwd" }));
    await mailer.send(message({ idempotencyKey: "..\\..\\win" }));
    expect(await readdir(root)).toEqual(["outbox"]);
    const files = await readdir(dir);
    expect(files).toHaveLength(3);
    for (const file of files) expect(file).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*\.eml$/);
  });

  it("refuses a message with header injection and writes nothing", async () => {
    const mailer = createOutboxMailer({ dir: root });
    const attempt = mailer.send(message({ subject: "Hallo\r\nBcc: all@example.nl" }));
    await expect(attempt).rejects.toBeInstanceOf(MailRejectedError);
    await expect(attempt).rejects.toThrow(/Subject header refused/);
    expect(await readdir(root)).toEqual([]);
  });
});

describe("outboxFileName", () => {
  it.each([
    ["KL-2026-0001/acknowledgement", "KL-2026-0001--acknowledgement.eml"],
    ["KL-2026-0001/new_case", "KL-2026-0001--new_case.eml"],
    ["KL-2026-0001/hearing_request/2", "KL-2026-0001--hearing_request--2.eml"],
  ])("names %s readably", (key, name) => {
    expect(outboxFileName(key)).toBe(name);
  });

  it("uses only safe characters and never a bare dot name", () => {
    for (const key of ["..", ".", "../..", "a/../b", "é/ü", "a b", "a\0b", "-rf", ".hidden"]) {
      const name = outboxFileName(key);
      expect(name).toMatch(/^[A-Za-z0-9._-]+\.eml$/);
      expect(name).not.toMatch(/^[.-]/);
      expect(name).not.toContain("/");
    }
  });

  it("gives keys that would look alike different names", () => {
    const keys = ["a/b", "a--b", "a/-b", "a-/b", "a b", "a_b", "x".repeat(300), "x".repeat(301)];
    expect(new Set(keys.map(outboxFileName)).size).toBe(keys.length);
  });

  it("refuses an empty key", () => {
    expect(() => outboxFileName("")).toThrow(MailRejectedError);
  });
});
