import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VALID } from "../support/intake-harness.ts";

/** The complainant's page on what `npm start` runs: docket serve on the embedded default. */

const CLI = join(import.meta.dirname, "..", "..", "automation", "cli", "bin.ts");
let root: string;
let repo: string;
let outbox: string;
let server: ChildProcess;
let base: string;
let log = "";

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "docket-serve-page-"));
  repo = join(root, "repo");
  outbox = join(root, "outbox");
  server = spawn(process.execPath, [CLI, "serve", "--port", "0"], {
    cwd: join(import.meta.dirname, "..", ".."),
    env: {
      ...process.env,
      DOCKET_REPO: repo,
      DOCKET_OUTBOX: outbox,
      DOCKET_WATCH_SECONDS: "0.2",
      DOCKET_DISPATCH_SECONDS: "3600",
      SITE_URL: "https://klachten.example.nl",
      GITHUB_REPOSITORY: "",
      RESEND_API_KEY: "",
      DOCKET_PAGE_KEY: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  base = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[^/\s]+)\//.exec(out);
      if (match?.[1] && out.includes("e-mail in:")) {
        expect(out).toMatch(/case pages: +\/zaak\/<ID>\/<link>/);
        resolve(match[1]);
      }
    });
    server.once("exit", (code) => reject(new Error(`docket serve exited ${code}: ${log}`)));
  });
}, 30_000);

afterAll(async () => {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(root, { recursive: true, force: true });
});

async function waitFor(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}\n${log}`);
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
    expect(log).not.toContain(token);
  });
});
