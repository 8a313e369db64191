import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDocket } from "../support/run-docket.ts";
import { bareCloneOf, TestRepo } from "../support/git-repo.ts";
import { closedCase, objectTexts, type Person } from "./privacy-history.ts";

const SARA: Person = {
  name: "Sara Yılmaz",
  email: "sara.yilmaz@example.nl",
  summary: "Sara mist haar loonstrook",
  words: "Ik heb mijn loonstrook van augustus nooit ontvangen.",
};
const SARA_AGAIN: Person = { ...SARA, summary: "Sara kreeg een verkeerde factuur" };
const OTHER: Person = {
  name: "Joost Kramer",
  email: "joost.kramer@example.nl",
  summary: "Joost wacht op antwoord",
  words: "Al drie weken geen antwoord op mijn vraag.",
};
const PIET = { name: "Piet Smit", email: "Piet.Smit@example.nl" };
const NOW = "2029-01-10T03:00:00+01:00";

let source: TestRepo;
let bare: string;
let out: string;

beforeAll(() => {
  source = new TestRepo();
  closedCase(source, 1, SARA, PIET, "2026-12-05");
  closedCase(source, 2, SARA_AGAIN, PIET, "2026-12-06");
  closedCase(source, 3, OTHER, PIET, "2026-12-07");
  bare = bareCloneOf(source);
  out = mkdtempSync(join(tmpdir(), "docket-export-"));
});
afterAll(() => {
  source.dispose();
  rmSync(bare, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe("docket export", () => {
  it("gives a complainant both their dossiers whole: the case file, letters, attachments, an index", async () => {
    const dir = join(out, "sara");
    const { code, stdout, stderr } = await runDocket([
      "export",
      "--email",
      "SARA.yilmaz@example.nl",
      "--out",
      dir,
      "--repo",
      bare,
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("KL-2026-0001: complainant, 6 file(s)");
    expect(stdout).toContain("KL-2026-0002: complainant, 6 file(s)");
    expect(stdout).not.toContain("KL-2026-0003");
    expect(readdirSync(dir).sort()).toEqual([
      "KL-2026-0001",
      "KL-2026-0002",
      "index.html",
      "index.md",
    ]);
    const one = join(dir, "KL-2026-0001");
    expect(readdirSync(join(one, "correspondence")).sort()).toEqual([
      "0001-acknowledgement.eml",
      "0002-new_case.eml",
      "0003-hearing_request-5f1c2a7e.eml",
      "0004-judgement.eml",
    ]);
    expect(readFileSync(join(one, "dossier.md"), "utf8")).toContain(SARA.words);
    expect(readFileSync(join(one, "attachments", "01-sara-loonstrook.pdf"), "utf8")).toContain(
      "payslip of Sara Yılmaz",
    );
    const index = readFileSync(join(dir, "index.html"), "utf8");
    expect(index).toContain('<html lang="nl">');
    expect(index).toContain("Sara kreeg een verkeerde factuur");
    expect(index).toContain('href="KL-2026-0002/dossier.md"');
    // Links in the index point at files that are there.
    for (const [, href] of index.matchAll(/href="([^"]+)"/g))
      expect(existsSync(join(dir, decodeURI(href ?? "")))).toBe(true);
    expect(readFileSync(join(dir, "index.md"), "utf8")).toContain("## KL-2026-0002");
  });

  it("gives a staff member heard in three dossiers the fields about them and their mail, nobody else's words", async () => {
    const dir = join(out, "piet");
    const { code, stdout } = await runDocket([
      "export",
      "--email",
      "piet.smit@example.nl",
      "--out",
      dir,
      "--repo",
      bare,
    ]);
    expect(code).toBe(0);
    for (const id of ["KL-2026-0001", "KL-2026-0002", "KL-2026-0003"])
      expect(stdout).toContain(`${id}: staff, 2 file(s)`);
    const about = readFileSync(join(dir, "KL-2026-0003", "about-you.yaml"), "utf8");
    expect(about).toContain("name: Piet Smit");
    expect(about).toContain("summary: Piet Smit erkent de fout.");
    expect(about).not.toContain(OTHER.name);
    // Nothing of the complainants reaches the staff member: not their name, not their words.
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) =>
      f.isFile(),
    );
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name), "utf8");
      for (const other of [OTHER.name, OTHER.words, SARA.words]) expect(text).not.toContain(other);
    }
    expect(existsSync(join(dir, "KL-2026-0003", "dossier.md"))).toBe(false);
    expect(
      readFileSync(
        join(dir, "KL-2026-0003", "correspondence", "0003-hearing_request-5f1c2a7e.eml"),
        "utf8",
      ),
    ).toContain("To: Piet Smit <Piet.Smit@example.nl>");
  });

  it("writes nothing for an address that matches nobody, and refuses a folder that is not empty", async () => {
    const dir = join(out, "nobody");
    const nobody = await runDocket([
      "export",
      "--email",
      "nobody@example.nl",
      "--out",
      dir,
      "--repo",
      bare,
    ]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("nobody@example.nl matches nobody");
    expect(existsSync(dir)).toBe(false);
    const busy = await runDocket([
      "export",
      "--email",
      SARA.email,
      "--out",
      join(out, "sara"),
      "--repo",
      bare,
    ]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain("is not empty");
  });
});

describe("docket erase --staff", () => {
  it("erases a staff member from every dossier they were heard in and keeps the rest", async () => {
    const copy = bareCloneOf(source);
    try {
      const { code, stdout, stderr } = await runDocket([
        "erase",
        "--staff",
        "piet.smit@EXAMPLE.nl",
        "--repo",
        copy,
        "--now",
        NOW,
      ]);
      expect(code, stderr).toBe(0);
      expect(stdout.trim().split("\n")).toEqual([
        "KL-2026-0001: erased",
        "KL-2026-0002: erased",
        "KL-2026-0003: erased",
      ]);
      const texts = objectTexts(copy);
      expect(texts).not.toContain("Piet Smit");
      expect(texts.toLowerCase()).not.toContain("piet.smit@example.nl");
      expect(texts).toContain(SARA.words);
      expect(texts).toContain(OTHER.name);
      const audit = await runDocket(["audit", "--repo", copy, "--now", NOW]);
      expect(audit.code, audit.stdout).toBe(0);
      const again = await runDocket(["erase", "--staff", PIET.email, "--repo", copy, "--now", NOW]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("matches no staff member");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
