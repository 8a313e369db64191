import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VALID } from "../support/intake-harness.ts";
import { startServe, type ServeHarness } from "../support/serve-harness.ts";

/** The complainant's page on what `npm start` runs: docket serve on the embedded default. */

let serve: ServeHarness;
let repo: string;
let outbox: string;
let base: string;

beforeAll(async () => {
  serve = await startServe({
    prefix: "docket-serve-page-",
    env: { SITE_URL: "https://klachten.example.nl", DOCKET_PAGE_KEY: "" },
    ready: (out) => out.includes("e-mail in:"),
  });
  expect(serve.printed()).toMatch(/case pages: +\/zaak\/<ID>\/<link>/);
  ({ repo, outbox, base } = serve);
}, 30_000);

afterAll(() => serve?.stop());

async function waitFor(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}\n${serve.log()}`);
}

describe("docket serve", () => {
  it("serves the page behind the acknowledgement's link, with a key it made in the repository's git directory", async () => {
    const response = await fetch(`${base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(VALID),
    });
    const { id } = (await response.json()) as { id: string };
    const name = `${id}--acknowledgement.eml`;
    await waitFor("the acknowledgement", () => existsSync(join(outbox, name)));
    const mail = await PostalMime.parse(readFileSync(join(outbox, name)));
    const link = /https:\/\/klachten\.example\.nl\/zaak\/\S+/.exec(mail.text ?? "")?.[0] ?? "";
    expect(link).toMatch(/\/zaak\/KL-\d{4}-\d{4}\/[A-Za-z0-9_-]{32}$/);
    const path = new URL(link).pathname;
    const token = path.slice(path.lastIndexOf("/") + 1);

    const page = await fetch(`${base}${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await page.text()).toContain(`Je klacht ${id}`);
    const wrong = await fetch(`${base}${path.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`);
    expect(wrong.status).toBe(404);

    const key = join(repo, "docket-page-key");
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const secret = readFileSync(key, "utf8").trim();
    const history = execFileSync("git", ["log", "--all", "-p", "--format=%B"], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(history).toContain("acknowledgement");
    expect(history).not.toContain(secret);
    expect(history).not.toContain(token);
    expect(serve.log()).not.toContain(token);
  });
});
