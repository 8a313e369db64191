import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { openDossierSource } from "../../automation/repo/dossier-source.ts";
import { bareCloneOf, TestRepo } from "../support/git-repo.ts";

const FOLDER = "dossiers/2026/KL-2026-0001";
const repos: TestRepo[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function checkout(): TestRepo {
  const repo = new TestRepo();
  repos.push(repo);
  repo
    .write(`${FOLDER}/dossier.md`, "---\nid: KL-2026-0001\n---\n")
    .write(`${FOLDER}/correspondence/0001-acknowledgement.eml`, "Subject: x\n\nx\n")
    .write(`${FOLDER}/attachments/scans/01-a.pdf`, "%PDF\n")
    .write("dossiers/2027/KL-2027-0001/dossier.md", "---\nid: KL-2027-0001\n---\n")
    .write("README.md", "not a dossier\n")
    .commit("two dossiers");
  return repo;
}

describe("a dossier source is a reader of a checkout and of a bare repository alike", () => {
  it("lists the files below a folder and reads them, the same from disk and from main", async () => {
    const repo = checkout();
    const bare = bareCloneOf(repo);
    dirs.push(bare);
    const expected = [
      `${FOLDER}/attachments/scans/01-a.pdf`,
      `${FOLDER}/correspondence/0001-acknowledgement.eml`,
      `${FOLDER}/dossier.md`,
    ];
    for (const source of [openDossierSource(repo.dir), openDossierSource(bare)]) {
      expect(await source.list(FOLDER)).toEqual(expected);
      expect(await source.list(`${FOLDER}/`)).toEqual(expected);
      expect(await source.list("dossiers/2028")).toEqual([]);
      expect(await source.dossiers()).toEqual([
        `${FOLDER}/dossier.md`,
        "dossiers/2027/KL-2027-0001/dossier.md",
      ]);
      const texts = await source.read([`${FOLDER}/dossier.md`, `${FOLDER}/missing.md`]);
      expect(texts.get(`${FOLDER}/dossier.md`)).toBe("---\nid: KL-2026-0001\n---\n");
      expect(texts.get(`${FOLDER}/missing.md`)).toBeUndefined();
    }
  });

  it("does not walk into .git of a checkout", async () => {
    const repo = checkout();
    expect((await openDossierSource(repo.dir).list("")).some((p) => p.startsWith(".git/"))).toBe(
      false,
    );
  });
});
