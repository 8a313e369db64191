import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { checkPush } from "../../automation/repo/push-check.ts";
import { runDocket } from "../support/run-docket.ts";
import { bareCloneOf, TestRepo } from "../support/git-repo.ts";
import { CONFIG } from "../support/intake-harness.ts";
import { closedCase, objectTexts } from "./privacy-history.ts";

const NOW = "2029-01-10T03:00:00+01:00";
const MIRA = {
  name: "Mira Oldenkamp",
  email: "mira@example.nl",
  summary: "Declaratie",
  words: "Drie reisdagen naar Zwolle-Zuid.",
};
const source = new TestRepo();
const c = closedCase(
  source,
  1,
  MIRA,
  { name: "Piet Smit", email: "piet@example.nl" },
  "2026-12-05",
);
const bare = bareCloneOf(source);
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: bare, encoding: "utf8" }).trim();
afterAll(() => {
  source.dispose();
  rmSync(bare, { recursive: true, force: true });
});

describe("a run that crashed", () => {
  it("before the branches moved: the next run drops the staging area and erases from the start", async () => {
    // What a crash mid-rewrite leaves: staging refs with a half-made history.
    git("update-ref", "refs/docket/erasure/heads/main", git("rev-parse", "main~3"));
    const head = git("rev-parse", "main");
    const { code, stderr } = await runDocket(["retention", "--repo", bare, "--now", NOW]);
    expect(code, stderr).toBe(0);
    expect(git("for-each-ref", "refs/docket/")).toBe("");
    expect(git("rev-parse", "main")).not.toBe(head);
    expect(objectTexts(bare)).not.toContain(MIRA.name);
  });

  it("after the branches moved, before the prune: the next run prunes first", async () => {
    // What a crash right after the transaction leaves: the old objects, unreachable, and the mark.
    const stray = execFileSync("git", ["hash-object", "-w", "--stdin"], {
      cwd: bare,
      input: `complainant: ${MIRA.name}\n`,
      encoding: "utf8",
    }).trim();
    writeFileSync(join(bare, "docket-erasure-pending"), `${NOW}\n`);
    expect(git("cat-file", "-t", stray)).toBe("blob");
    const { code } = await runDocket(["retention", "--repo", bare, "--now", NOW]);
    expect(code).toBe(0);
    expect(() => git("cat-file", "-t", stray)).toThrow();
  });
});

describe("a run in a work tree that stopped after the branches moved, before its checkout", () => {
  /** The state such a run leaves: main erased, the index and files still the old commit's, the mark. */
  async function stoppedBeforeCheckout(): Promise<{ work: TestRepo; erased: string }> {
    const copy = bareCloneOf(source);
    const work = new TestRepo();
    try {
      work.git("fetch", "--quiet", source.dir, "main");
      work.git("checkout", "--quiet", "-B", "main", "FETCH_HEAD");
      const old = work.git("rev-parse", "HEAD").trim();
      expect((await runDocket(["retention", "--repo", copy, "--now", NOW])).code).toBe(0);
      const erased = execFileSync("git", ["rev-parse", "main"], { cwd: copy, encoding: "utf8" });
      work.git("fetch", "--quiet", copy, "main");
      work.git("update-ref", "refs/heads/main", erased.trim());
      writeFileSync(join(work.dir, ".git", "docket-erasure-pending"), `${NOW}\n${old}\n`);
      return { work, erased: erased.trim() };
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }

  it("the next run checks out the erased history and prunes the old", async () => {
    const { work, erased } = await stoppedBeforeCheckout();
    try {
      expect(work.git("status", "--porcelain")).not.toBe("");
      const { code, stderr } = await runDocket(["retention", "--repo", work.dir, "--now", NOW]);
      expect(code, stderr).toBe(0);
      expect(work.git("rev-parse", "HEAD").trim()).toBe(erased);
      expect(work.git("status", "--porcelain")).toBe("");
      expect(readFileSync(join(work.dir, c.path), "utf8")).not.toContain(MIRA.name);
      expect(objectTexts(work.dir)).not.toContain(MIRA.name);
    } finally {
      work.dispose();
    }
  });

  it("refuses, changing nothing, when the work tree was changed since", async () => {
    const { work, erased } = await stoppedBeforeCheckout();
    try {
      work.write("notes.md", "Mine.\n");
      work.git("add", "notes.md");
      const { code, stderr } = await runDocket(["retention", "--repo", work.dir, "--now", NOW]);
      expect(code).toBe(1);
      expect(stderr).toContain("has changes since an erasure that stopped before its checkout");
      expect(work.git("rev-parse", "HEAD").trim()).toBe(erased);
      expect(work.git("diff", "--cached", "--name-only", "HEAD")).toContain("notes.md");
    } finally {
      work.dispose();
    }
  });
});

describe("a clone made before the erasure", () => {
  it("cannot push the old history back: the push check refuses it", async () => {
    const old = new TestRepo();
    try {
      old.git("fetch", "--quiet", source.dir, "main");
      old.git("checkout", "--quiet", "-B", "main", "FETCH_HEAD");
      old.write(`${c.folder}/../README.md`, "Notes.\n");
      const pushed = old.commit("A note on the old history", "2029-01-11T09:00:00+01:00");
      old.git("push", "--quiet", bare, "main:refs/heads/incoming");
      const verdict = await checkPush(
        bare,
        [{ old: git("rev-parse", "main"), new: pushed, ref: "refs/heads/main" }],
        { branch: "main", context: ruleContext(CONFIG), now: new Date(NOW) },
      );
      expect(verdict.refusal).toContain("this push would rewrite main");
    } finally {
      old.dispose();
    }
  });
});
