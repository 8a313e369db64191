import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localKeyFile, readPageKey, siteUrl } from "../../automation/case-page/page-key.ts";

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), "docket-key-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the page key", () => {
  it("comes from DOCKET_PAGE_KEY as hex or base64url, at least 32 bytes", () => {
    const hex = "ab".repeat(32);
    expect(Buffer.from(readPageKey({ DOCKET_PAGE_KEY: hex }, "/", {}) ?? [])).toEqual(
      Buffer.from(hex, "hex"),
    );
    const b64 = Buffer.alloc(32, 9).toString("base64url");
    expect(readPageKey({ DOCKET_PAGE_KEY: b64 }, "/", {})).toHaveLength(32);
    expect(() => readPageKey({ DOCKET_PAGE_KEY: "ab".repeat(16) }, "/", {})).toThrow(
      /DOCKET_PAGE_KEY must be a random key of at least 32 bytes.*openssl rand -hex 32/,
    );
    expect(() => readPageKey({ DOCKET_PAGE_KEY: "geheim wachtwoord!" }, "/", {})).toThrow(
      /DOCKET_PAGE_KEY/,
    );
  });

  it("is absent on GitHub without DOCKET_PAGE_KEY", () => {
    expect(readPageKey({}, "/", {})).toBeUndefined();
    expect(readPageKey({ DOCKET_PAGE_KEY: " " }, "/", {})).toBeUndefined();
  });

  it("is made once on the embedded default, in the repository's git directory, for its owner only", () => {
    const repo = join(temp(), "repo");
    const file = localKeyFile(repo);
    expect(file).toBe(join(repo, "docket-page-key"));
    const first = readPageKey({}, "/", { generateInto: file });
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readPageKey({}, "/", { generateInto: file })).toEqual(first);
    expect(readFileSync(file, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    // A work tree keeps it in its git directory, out of the tree.
    const tree = temp();
    execFileSync("git", ["init", "--quiet", tree]);
    expect(localKeyFile(tree)).toBe(join(tree, ".git", "docket-page-key"));
  });

  it("links to SITE_URL, else Netlify's URL, else the local server only on the embedded default", () => {
    expect(siteUrl({ SITE_URL: "https://klachten.example.nl/" }, false)).toBe(
      "https://klachten.example.nl",
    );
    expect(siteUrl({ URL: "https://docket.netlify.app" }, false)).toBe(
      "https://docket.netlify.app",
    );
    expect(siteUrl({ PORT: "8080" }, true)).toBe("http://localhost:8080");
    expect(siteUrl({}, false)).toBeUndefined();
  });
});
