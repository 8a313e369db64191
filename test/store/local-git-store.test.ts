import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  StoreUnavailableError,
  type DossierIntake,
  type DossierStore,
} from "../../automation/store/dossier-store.ts";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "docket-store-"));
  dir = join(root, "repo");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
const filesAtMain = () =>
  git("ls-tree", "-r", "--name-only", "main").trim().split("\n").filter(Boolean);

function intake(submissionId?: string, year = "2026"): DossierIntake {
  return {
    prefix: "KL",
    year,
    ...(submissionId ? { submissionId } : {}),
    build: (id) => ({
      files: [{ path: `dossiers/${year}/${id}/dossier.md`, content: `---\nid: ${id}\n---\n` }],
      message: `Intake ${id}\n\nDossier: ${id}`,
    }),
  };
}

describe("the local git store", () => {
  it("creates a bare repository with the initial files on first use", async () => {
    const store = createLocalGitStore({
      dir,
      initialFiles: [{ path: "dossiers/README.md", content: "# Dossiers\n" }],
    });
    expect(await store.list("dossiers")).toEqual(["dossiers/README.md"]);
    expect(git("rev-parse", "--is-bare-repository").trim()).toBe("true");
  });

  it("numbers dossiers per year from 0001 and commits each once", async () => {
    const store = createLocalGitStore({ dir });
    expect((await store.fileDossier(intake())).id).toBe("KL-2026-0001");
    expect((await store.fileDossier(intake())).id).toBe("KL-2026-0002");
    expect((await store.fileDossier(intake(undefined, "2027"))).id).toBe("KL-2027-0001");
    expect(filesAtMain()).toEqual([
      "dossiers/2026/KL-2026-0001/dossier.md",
      "dossiers/2026/KL-2026-0002/dossier.md",
      "dossiers/2027/KL-2027-0001/dossier.md",
    ]);
    expect(git("log", "--format=%s", "main").trim().split("\n")).toEqual([
      "Intake KL-2027-0001",
      "Intake KL-2026-0002",
      "Intake KL-2026-0001",
    ]);
  });

  it("files 50 concurrent intakes as 0001–0050, none lost, none twice", async () => {
    const store = createLocalGitStore({ dir });
    const filed = await Promise.all(Array.from({ length: 50 }, () => store.fileDossier(intake())));
    const ids = filed.map((f) => f.id).sort();
    expect(ids).toEqual(
      Array.from({ length: 50 }, (_, i) => `KL-2026-${String(i + 1).padStart(4, "0")}`),
    );
    expect(filesAtMain()).toHaveLength(50);
    expect(git("rev-list", "--count", "main").trim()).toBe("50");
  });

  it("keeps ids contiguous when two processes write to the same repository", async () => {
    const one = createLocalGitStore({ dir });
    await one.fileDossier(intake());
    const two = createLocalGitStore({ dir });
    const filed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).fileDossier(intake())),
    );
    expect(new Set(filed.map((f) => f.id)).size).toBe(20);
    expect(filesAtMain()).toHaveLength(21);
    expect(filesAtMain().at(-1)).toBe("dossiers/2026/KL-2026-0021/dossier.md");
  });

  it("answers a replayed submission with the same id and commits nothing", async () => {
    const store = createLocalGitStore({ dir });
    const first = await store.fileDossier(intake("form-123"));
    const again = await store.fileDossier(intake("form-123"));
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(first.created).toBe(true);
    expect(git("rev-list", "--count", "main").trim()).toBe("1");
    const both = await Promise.all([
      store.fileDossier(intake("form-456")),
      store.fileDossier(intake("form-456")),
    ]);
    expect(both[0].id).toBe(both[1].id);
    expect(filesAtMain().filter((f) => f.endsWith("dossier.md"))).toHaveLength(2);
  });

  it("builds on a handler's push and never overwrites it", async () => {
    const store = createLocalGitStore({ dir });
    await store.fileDossier(intake());
    const clone = join(root, "clone");
    execFileSync("git", ["clone", "--quiet", dir, clone]);
    const inClone = (...args: string[]) =>
      execFileSync("git", args, { cwd: clone, encoding: "utf8" });
    inClone(
      "-c",
      "user.name=Sanne",
      "-c",
      "user.email=sanne@example.nl",
      "commit",
      "--quiet",
      "--allow-empty",
      "-m",
      "Handler note",
    );
    inClone("push", "--quiet", "origin", "main");
    await store.fileDossier(intake());
    expect(git("log", "--format=%s", "main").trim().split("\n")).toEqual([
      "Intake KL-2026-0002",
      "Handler note",
      "Intake KL-2026-0001",
    ]);
  });

  it("commits edits as functions of the current text, with new files, in one commit", async () => {
    const store = createLocalGitStore({ dir });
    const { path } = await store.fileDossier(intake());
    await store.commit({
      message: "Acknowledgement sent",
      files: [
        {
          path: path.replace("dossier.md", "correspondence/0001-acknowledgement.eml"),
          content: "Subject: x\r\n\r\n",
        },
      ],
      edits: [{ path, edit: (text) => text.replace("---\n", "---\nschema: 1\n") }],
    });
    expect((await store.read([path])).get(path)).toBe("---\nschema: 1\nid: KL-2026-0001\n---\n");
    expect(await store.list("dossiers/2026/KL-2026-0001")).toHaveLength(2);
    await expect(
      store.commit({ message: "x", edits: [{ path: "nope.md", edit: (t) => t }] }),
    ).rejects.toThrow(/nope\.md/);
  });

  it("keeps binary attachments byte for byte", async () => {
    const store = createLocalGitStore({ dir });
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0a, 0x0d]);
    await store.fileDossier({
      ...intake(),
      build: (id) => ({
        files: [{ path: `dossiers/2026/${id}/attachments/01-scan.pdf`, content: bytes }],
        message: id,
      }),
    });
    const out = execFileSync(
      "git",
      ["cat-file", "blob", "main:dossiers/2026/KL-2026-0001/attachments/01-scan.pdf"],
      { cwd: dir },
    );
    expect([...out]).toEqual([...bytes]);
  });

  it("reports a broken repository as unavailable", async () => {
    const store: DossierStore = createLocalGitStore({ dir: join(root, "file-not-dir") });
    execFileSync("bash", ["-c", `echo x > ${join(root, "file-not-dir")}`]);
    await expect(store.fileDossier(intake())).rejects.toThrow(StoreUnavailableError);
    await expect(store.fileDossier(intake())).rejects.toMatchObject({ code: "store_unavailable" });
  });
});
