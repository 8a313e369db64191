import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDocket } from "../support/run-docket.ts";
import { bareCloneOf, TestRepo } from "../support/git-repo.ts";
import { CaseHistory } from "../audit/case-history.ts";
import { closedCase, letterOnly, objectTexts, type Person } from "./privacy-history.ts";

const MIRA: Person = {
  name: "Mira Oldenkamp",
  email: "mira.oldenkamp@example.nl",
  summary: "Declaratie van Mira klopt niet",
  words: "Mijn declaratie van september mist drie reisdagen naar Zwolle-Zuid.",
};
const KAREL: Person = {
  name: "Karel Pietersen",
  email: "karel.pietersen@example.nl",
  summary: "Karel kreeg geen rooster",
  words: "Ik heb nooit een rooster voor de Heerenveen-opdracht gekregen.",
};
const PIET = { name: "Piet Smit", email: "piet.smit@example.nl" };
const ANNA = { name: "Anna de Boer", email: "anna.deboer@example.nl" };
/** Two years after the first case closed, before the second's retention ends. */
const NOW = "2028-12-10T03:00:00+01:00";

let source: TestRepo;
let bare: string;
let old: CaseHistory;
let recent: CaseHistory;
let auditBefore: { id: string; terms: unknown }[];
/** Every version of the dossier within retention, and of its other files, before the erasure. */
let recentVersions: string;
/** What the erasure must remove: each of them is in the repository before it runs. */
const SECRETS = [
  MIRA.name,
  MIRA.email,
  MIRA.summary,
  "Zwolle-Zuid",
  "payslip of Mira",
  "mira-loonstrook",
  "+31 6 1234 5671",
  letterOnly(MIRA),
  PIET.name,
  PIET.email,
];
const git = (...args: string[]) => execFileSync("git", args, { cwd: bare, encoding: "utf8" });

beforeAll(async () => {
  source = new TestRepo();
  old = closedCase(source, 1, MIRA, PIET, "2026-12-05");
  recent = closedCase(source, 2, KAREL, ANNA, "2026-12-20");
  const open = new CaseHistory(source, 3);
  open.intake("2026-12-01T09:00:00+01:00");
  // A case withdrawn while a liability claim may come: kept until the insurer is consulted.
  const claim = new CaseHistory(source, 4);
  claim.intake("2026-11-24T09:13:06+01:00");
  claim.change(
    { liability: { possible: true, reason: "Schade aan de auto." } },
    "2026-11-25T09:00:00+01:00",
  );
  claim.change(
    { status: "withdrawn", closed_at: "2026-11-26T09:00:00+01:00" },
    "2026-11-26T09:00:00+01:00",
  );
  bare = bareCloneOf(source);
  const texts = objectTexts(bare, "main").toLowerCase();
  for (const secret of SECRETS) expect(texts, secret).toContain(secret.toLowerCase());
  recentVersions = versionsOf(recent.folder);
  const audit = await runDocket(["audit", "--repo", bare, "--json", "--now", NOW]);
  expect(audit.code, audit.stderr).toBe(0);
  auditBefore = JSON.parse(audit.stdout).dossiers;
});
afterAll(() => {
  source.dispose();
  rmSync(bare, { recursive: true, force: true });
});

/** The blobs a folder's files had in every commit of main, oldest first: its versions. */
function versionsOf(folder: string): string {
  return git("log", "--reverse", "--format=%ad", "--raw", "--no-abbrev", "main", "--", folder);
}

describe("docket retention", () => {
  it("lists what it would erase and changes nothing with --dry-run", async () => {
    const head = git("rev-parse", "main");
    const { code, stdout } = await runDocket([
      "retention",
      "--repo",
      bare,
      "--now",
      NOW,
      "--dry-run",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("KL-2026-0001: would erase (retention ended 2028-12-05)");
    expect(stdout).toContain("KL-2026-0002: kept: kept until 2028-12-20 (2 years)");
    expect(stdout).toMatch(/KL-2026-0004: kept: a liability claim may be in progress/);
    expect(stdout).not.toContain("KL-2026-0003");
    expect(git("rev-parse", "main")).toBe(head);
  });

  it("erases the dossiers past retention from every object reachable from main, and from the repository", async () => {
    const recentBlob = git("rev-parse", `main:${recent.path}`);
    const { code, stdout, stderr } = await runDocket(["retention", "--repo", bare, "--now", NOW]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("KL-2026-0001: erased");
    expect(stderr).toMatch(/Rewrote \d+ commit\(s\)/);
    for (const texts of [objectTexts(bare, "main"), objectTexts(bare)]) {
      for (const secret of SECRETS)
        expect(texts.toLowerCase(), secret).not.toContain(secret.toLowerCase());
      // The dossier within retention is untouched.
      for (const kept of [KAREL.name, KAREL.email, "Heerenveen-opdracht", ANNA.name])
        expect(texts).toContain(kept);
    }
    expect(git("rev-parse", `main:${recent.path}`)).toBe(recentBlob);
    // Every version of every file of the dossier within retention, in the same order.
    expect(versionsOf(recent.folder)).toBe(recentVersions);
    const erased = git("show", `main:${old.path}`);
    expect(erased).toContain("id: KL-2026-0001");
    expect(erased).toContain("verdict: founded");
    expect(erased).toMatch(
      /erasure:\n {2}- at: "?2028-12-10T03:00:00\+01:00"?\n {4}rule: retention\n {4}digest: sha256:[0-9a-f]{64}/,
    );
    expect(git("ls-tree", "--name-only", "main", `${old.folder}/attachments/`).trim()).toBe(
      `${old.folder}/attachments/erased-1`,
    );
  });

  it("leaves docket audit whole: every case counted, the same terms, nothing flagged", async () => {
    const { code, stdout, stderr } = await runDocket([
      "audit",
      "--repo",
      bare,
      "--json",
      "--now",
      NOW,
    ]);
    expect(code, stderr).toBe(0);
    const after = JSON.parse(stdout).dossiers as {
      id: string;
      terms: unknown;
      erasures?: unknown[];
    }[];
    expect(after.map((d) => d.id)).toEqual(auditBefore.map((d) => d.id));
    expect(after.map((d) => d.terms)).toEqual(auditBefore.map((d) => d.terms));
    expect(after.find((d) => d.id === "KL-2026-0001")?.erasures).toHaveLength(1);
    const text = await runDocket(["audit", "--repo", bare, "--now", NOW]);
    expect(text.stdout).toContain("Complaints received: 4\n  of which 1 with personal data erased");
  });

  it("finds nothing more to do on the next run", async () => {
    const head = git("rev-parse", "main");
    const { code, stdout } = await runDocket(["retention", "--repo", bare, "--now", NOW]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("erased");
    expect(git("rev-parse", "main")).toBe(head);
  });

  it("flags a history changed after the erasure", async () => {
    const copy = bareCloneOf(source);
    try {
      await runDocket(["retention", "--repo", copy, "--now", NOW]);
      // A later "erasure" that rewrote the verdict: the digest no longer matches.
      const text = execFileSync("git", ["show", `main:${old.path}`], {
        cwd: copy,
        encoding: "utf8",
      });
      const work = new TestRepo();
      work.git("fetch", "--quiet", copy, "main");
      work.git("checkout", "--quiet", "-B", "main", "FETCH_HEAD");
      work.write(old.path, text.replace("verdict: founded", "verdict: unfounded"));
      work.commit("Reconsidered", "2028-12-11T09:00:00+01:00");
      const { code, stdout } = await runDocket([
        "audit",
        "--repo",
        work.dir,
        "--json",
        "--now",
        NOW,
      ]);
      expect(code).toBe(1);
      const found = JSON.parse(stdout).integrity as { dossier: string; kind: string }[];
      expect(found.map((f) => [f.dossier, f.kind])).toEqual([["KL-2026-0001", "erasure_digest"]]);
      work.dispose();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe("refusals leave the repository as it was", () => {
  it("refuses an open case, a claim in progress and an unknown id, all or nothing", async () => {
    const head = git("rev-parse", "main");
    for (const [ids, reason] of [
      [["KL-2026-0003"], "the case is still open (status received)"],
      [["KL-2026-0002", "KL-2026-0004"], "a liability claim may be in progress"],
      [["KL-2026-0099"], "KL-2026-0099: no such dossier"],
      [["KL-2026-0001"], "KL-2026-0001: already erased"],
    ] as const) {
      const { code, stderr } = await runDocket(["erase", ...ids, "--repo", bare, "--now", NOW]);
      expect(code).toBe(1);
      expect(stderr).toContain(reason);
      expect(git("rev-parse", "main")).toBe(head);
    }
  });

  it("refuses a clone with local changes, and one that is not where its upstream is", async () => {
    const clone = new TestRepo();
    try {
      clone.git("remote", "add", "origin", bare);
      clone.git("fetch", "--quiet", "origin");
      clone.git("checkout", "--quiet", "-b", "main", "--track", "origin/main");
      writeFileSync(join(clone.dir, recent.path), "changed\n");
      let result = await runDocket(["erase", "KL-2026-0002", "--repo", clone.dir, "--now", NOW]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("has changes that are not committed");
      clone.git("checkout", "--", recent.path);
      clone.commit("A note of my own", "2028-12-10T09:00:00+01:00");
      result = await runDocket(["erase", "KL-2026-0002", "--repo", clone.dir, "--now", NOW]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("1 commit(s) ahead of and 0 behind origin/main");
    } finally {
      clone.dispose();
    }
  });

  it("answers bad usage with exit 2", async () => {
    expect((await runDocket(["erase", "--repo", bare])).code).toBe(2);
    expect((await runDocket(["erase", "KL-2026-0002", "--staff", "x@example.nl"])).code).toBe(2);
    expect((await runDocket(["retention", "--now", "yesterday"])).code).toBe(2);
  });
});
