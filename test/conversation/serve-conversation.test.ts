import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { withFields } from "../support/dossiers.ts";
import { VALID } from "../support/intake-harness.ts";
import { startServe, type ServeHarness } from "../support/serve-harness.ts";

/**
 * The conversation end to end on what `npm start` runs (docket serve on the
 * embedded default): an information request goes out, the complainant's
 * reply is dropped into the inbox folder, and within seconds it is in the
 * dossier with its attachment, the handler has "mail received", and nothing
 * was sent twice.
 */

let serve: ServeHarness;
let repo: string;
let clone: string;
let outbox: string;
let inbox: string;
let base: string;

beforeAll(async () => {
  serve = await startServe({
    prefix: "docket-conversation-",
    env: { DOCKET_INBOX_SECONDS: "0.2" },
  });
  ({ repo, outbox, inbox, base } = serve);
  clone = join(serve.root, "clone");
}, 30_000);

afterAll(() => serve?.stop());

const git = (...args: string[]) =>
  execFileSync(
    "git",
    ["-c", "user.name=Sanne de Vries", "-c", "user.email=sanne.devries@example.nl", ...args],
    { cwd: clone, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
const files = (prefix: string) =>
  execFileSync("git", ["ls-tree", "-r", "--name-only", "main", prefix], {
    cwd: repo,
    encoding: "utf8",
  })
    .split("\n")
    .filter(Boolean);

async function waitFor(what: string, test: () => boolean): Promise<void> {
  const until = Date.now() + 20_000;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${serve.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the conversation on docket serve's embedded default", () => {
  it("files the complainant's reply from the inbox, tells the handler, and sends nothing twice", async () => {
    const response = await fetch(`${base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(VALID),
    });
    const { id } = (await response.json()) as { id: string };
    const folder = `dossiers/${id.split("-")[1]}/${id}`;
    await waitFor("the acknowledgement", () => files(`${folder}/correspondence/`).length >= 2);

    execFileSync("git", ["clone", "--quiet", repo, clone]);
    const path = join(clone, folder, "dossier.md");
    writeFileSync(
      path,
      withFields(readFileSync(path, "utf8"), {
        status: "awaiting_information",
        information: { complete: false, request: "Het factuurnummer." },
      }),
    );
    git("commit", "--quiet", "-am", `Information missing\n\nDossier: ${id}`);
    git("push", "--quiet", "origin", "main");
    const request = `${id}--information_request.eml`;
    await waitFor("the information request", () => existsSync(join(outbox, request)));
    // A reply comes after the request's copy is on main (it goes there right after it is sent).
    await waitFor("the information request's copy", () =>
      files(`${folder}/correspondence/`).some((p) => p.endsWith("-information_request.eml")),
    );

    // The complainant answers it in their mail client, with an attachment, quoting the letter.
    const letter = await PostalMime.parse(readFileSync(join(outbox, request)));
    expect(letter.replyTo?.[0]?.address).toBe(`klachten+${id}@interforce.eu`);
    const link = /http:\/\/\S+\/zaak\/\S+/.exec(letter.text ?? "")?.[0] ?? "";
    const token = link.slice(link.lastIndexOf("/") + 1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const reply = [
      "From: Eva Jansen <eva.jansen@example.nl>",
      `To: klachten+${id}@interforce.eu`,
      `Subject: Re: ${letter.subject ?? ""}`,
      "Message-ID: <serve-reply-1@example.nl>",
      `In-Reply-To: ${letter.messageId ?? ""}`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Het factuurnummer is 2026-10-0457.",
      "",
      `> Je eigen pagina: ${link}`,
      "--b",
      'Content-Type: application/pdf; name="factuur.pdf"',
      'Content-Disposition: attachment; filename="factuur.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from("%PDF-1.4\n% factuur\n").toString("base64"),
      "--b--",
      "",
    ].join("\r\n");
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, "reply.part"), reply);
    renameSync(join(inbox, "reply.part"), join(inbox, "reply.eml"));

    const mailReceived = () => readdirSync(outbox).filter((f) => f.includes("mail_received"));
    await waitFor("the reply filed and the handler told", () => mailReceived().length === 1);
    expect(readdirSync(join(inbox, "processed"))).toEqual(["reply.eml"]);
    const received = files(`${folder}/correspondence/`).filter((p) => p.includes("-received-"));
    expect(received).toEqual([expect.stringMatching(/\/0004-received-reply-[0-9a-f]{16}\.eml$/)]);
    // Exact, but for the personal link the complainant quoted.
    expect(
      execFileSync("git", ["show", `main:${received[0]}`], { cwd: repo, encoding: "utf8" }),
    ).toBe(reply.replace(token, "REMOVED-personal-link-not-in-git"));
    expect((await fetch(new URL(new URL(link).pathname, base))).status).toBe(200);
    expect(files(`${folder}/attachments/`)).toEqual([`${folder}/attachments/01-factuur.pdf`]);
    const notice = await PostalMime.parse(readFileSync(join(outbox, mailReceived()[0] ?? "")));
    expect(notice.to?.[0]?.address).toBe("sanne.devries@example.nl");
    expect(notice.text).toContain("Het factuurnummer is 2026-10-0457.");

    // A while later: still one of everything, and the handler's next push is accepted.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const keys = files(`${folder}/correspondence/`).map((p) => p.replace(/^.*\/\d{4}-/, ""));
    expect(new Set(keys).size).toBe(keys.length);
    expect(readdirSync(outbox).filter((f) => f.endsWith(".eml"))).toHaveLength(4);
    git("pull", "--quiet", "--rebase");
    writeFileSync(
      path,
      withFields(readFileSync(path, "utf8"), {
        status: "in_progress",
        information: {
          complete: true,
          request: "Het factuurnummer.",
          requested_at: (
            splitDossier(readFileSync(path, "utf8")).data as {
              information: { requested_at: string };
            }
          ).information.requested_at,
          received_at: new Date().toISOString().replace(/\.\d+Z$/, "+00:00"),
        },
      }),
    );
    git("commit", "--quiet", "-am", `Information received\n\nDossier: ${id}`);
    git("push", "--quiet", "origin", "main");
  }, 60_000);
});
