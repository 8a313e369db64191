import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runDocket } from "../support/run-docket.ts";
import { bareCloneOf, TestRepo } from "../support/git-repo.ts";
import { closedCase, objectTexts } from "./privacy-history.ts";

const NOW = "2029-01-10T03:00:00+01:00";
const MIRA = {
  name: "Mira Oldenkamp",
  email: "mira.oldenkamp@example.nl",
  summary: "Declaratie van Mira",
  words: "Drie reisdagen naar Zwolle-Zuid.",
};
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** A remote as GitHub keeps it (with a pull request's ref), and a checkout as the workflow makes it. */
function remoteAndCheckout() {
  const source = new TestRepo();
  closedCase(source, 1, MIRA, { name: "Piet Smit", email: "piet@example.nl" }, "2026-12-05");
  const origin = bareCloneOf(source);
  const pr = execFileSync("git", ["rev-parse", "main~2"], { cwd: origin, encoding: "utf8" }).trim();
  execFileSync("git", ["update-ref", "refs/pull/7/head", pr], { cwd: origin });
  const checkout = new TestRepo();
  checkout.git("remote", "add", "origin", origin);
  checkout.git(
    "fetch",
    "--quiet",
    "origin",
    "+refs/heads/*:refs/remotes/origin/*",
    "+refs/pull/*/head:refs/pull/*/head",
  );
  checkout.git("checkout", "--quiet", "-b", "main", "--track", "origin/main");
  cleanup.push(() => {
    source.dispose();
    checkout.dispose();
    rmSync(origin, { recursive: true, force: true });
  });
  return { origin, checkout };
}

describe("docket retention --push in a checkout, as the workflow runs it", () => {
  it("pushes the rewritten main and reports what only GitHub Support can remove", async () => {
    const { origin, checkout } = remoteAndCheckout();
    const report = join(checkout.dir, "..", `report-${Date.now()}.md`);
    cleanup.push(() => rmSync(report, { force: true }));
    const { code, stderr } = await runDocket([
      "retention",
      "--repo",
      checkout.dir,
      "--now",
      NOW,
      "--push",
      "origin",
      "--report",
      report,
    ]);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("Pushed refs/heads/main to origin.");
    // main on the remote no longer holds her data; the pull request's ref still does, and the report says so.
    expect(objectTexts(origin, "main")).not.toContain(MIRA.name);
    expect(objectTexts(origin, "refs/pull/7/head")).toContain(MIRA.name);
    expect(readFileSync(report, "utf8")).toMatch(/refs of these pull requests still hold them: #7/);
    // The checkout itself holds nothing of her any more: its work tree follows, its old refs are gone.
    expect(objectTexts(checkout.dir)).not.toContain(MIRA.name);
    expect(checkout.git("status", "--porcelain")).toBe("");
  });

  it("leaves the remote alone when its main moved meanwhile, and says so", async () => {
    const { origin, checkout } = remoteAndCheckout();
    // A commit reaches the remote after the checkout was made.
    const other = new TestRepo();
    cleanup.push(() => other.dispose());
    other.git("fetch", "--quiet", origin, "main");
    other.git("checkout", "--quiet", "-B", "main", "FETCH_HEAD");
    other.write("dossiers/README.md", "Dossiers.\n");
    other.commit("A note", "2029-01-09T09:00:00+01:00");
    other.git("push", "--quiet", origin, "main");
    const head = execFileSync("git", ["rev-parse", "main"], { cwd: origin, encoding: "utf8" });
    const { code, stderr } = await runDocket([
      "retention",
      "--repo",
      checkout.dir,
      "--now",
      NOW,
      "--push",
      "origin",
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("The push to origin was refused");
    expect(execFileSync("git", ["rev-parse", "main"], { cwd: origin, encoding: "utf8" })).toBe(
      head,
    );
  });
});
