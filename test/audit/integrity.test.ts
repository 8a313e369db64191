import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IntegrityFinding } from "../../automation/audit/audit-types.ts";
import { createHistoryFold } from "../../automation/audit/history-fold.ts";
import type { HistoryCommit } from "../../automation/audit/history.ts";
import { readHistory } from "../../automation/audit/read-history.ts";
import {
  CHANGE_CONTEXT,
  dossierData,
  dossierText,
  withFields,
  WRITTEN_JUDGEMENT,
} from "../support/dossiers.ts";
import { TestRepo } from "../support/git-repo.ts";
import { CaseHistory } from "./case-history.ts";

let repo: TestRepo;
let one: CaseHistory;
const cleanup: string[] = [];

beforeEach(() => {
  repo = new TestRepo();
  repo.write("dossiers/README.md", "Dossiers.\n").commit("Dossier repository created by Docket");
  one = new CaseHistory(repo, 1);
  one.intake("2026-11-24T09:13:06+01:00");
  one.send(["acknowledgement", "new_case"], "2026-11-24T09:13:08+01:00");
  one.change({ status: "in_progress" }, "2026-11-25T10:00:00+01:00");
});
afterEach(() => {
  repo.dispose();
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const findings = async (dir = repo.dir) =>
  (await readHistory(dir, "HEAD", CHANGE_CONTEXT)).findings;
const summary = (f: IntegrityFinding) => [f.dossier, f.kind, f.message];

/** Commits as a colleague would, under their own name, at a fixed date. */
function commitAs(name: string, message: string, date: string): string {
  repo.git("config", "user.name", name);
  repo.git("config", "user.email", `${name.toLowerCase().replace(/ /g, ".")}@example.nl`);
  return repo.commit(message, date);
}

describe("a history within the rules", () => {
  it("has no findings, letters and all", async () => {
    one.change({ status: "judged", judgement: WRITTEN_JUDGEMENT }, "2026-11-30T10:00:00+01:00");
    one.send(["judgement"], "2026-11-30T10:01:00+01:00");
    expect(await findings()).toEqual([]);
  });
});

describe("commits that break the rules of a case", () => {
  it("flags a rewritten received_at, naming the commit, its time and its author", async () => {
    repo.write(one.path, withFields(one.text, { received_at: "2026-11-20T09:13:05+01:00" }));
    const commit = commitAs("Mallory Smit", "Tidy up", "2026-12-02T16:45:00+01:00");
    const [finding, ...rest] = await findings();
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      dossier: "KL-2026-0001",
      path: "dossiers/2026/KL-2026-0001",
      kind: "immutable",
      commit,
      time: "2026-12-02T16:45:00+01:00",
      author: { name: "Mallory Smit", email: "mallory.smit@example.nl" },
      subject: "Tidy up",
    });
    expect(finding?.message).toContain(
      "received_at: received_at never changes; it was 2026-11-24T09:13:05+01:00",
    );
  });

  it.each([
    ["terms", { "terms.judgement_due": "2026-12-08" }, "terms.judgement_due"],
    ["id", { id: "KL-2026-0009" }, "id"],
  ])("flags rewritten %s", async (_name, fields, field) => {
    repo.write(one.path, withFields(one.text, fields));
    repo.commit("Fix", "2026-12-02T10:00:00+01:00");
    const found = (await findings()).filter((f) => f.kind === "immutable");
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(`${field} never changes`);
  });

  it("flags changed complainant's words under ## Klacht", async () => {
    repo.write(one.path, one.text.replace("12 uur", "2 uur"));
    repo.commit("Typo", "2026-12-02T10:00:00+01:00");
    expect((await findings()).map(summary)).toEqual([
      [
        "KL-2026-0001",
        "immutable",
        expect.stringContaining("the complainant's words under ## Klacht never change"),
      ],
    ]);
  });

  it("flags a deleted dossier, even when it is restored later", async () => {
    repo.remove(one.folder);
    const deleted = repo.commit("Remove duplicate", "2026-12-02T10:00:00+01:00");
    repo.write(one.path, one.text);
    repo.commit("Restore", "2026-12-03T10:00:00+01:00");
    const found = await findings();
    expect(found.map((f) => [f.kind, f.commit])).toEqual([
      ["deleted", deleted],
      ["correspondence", deleted],
      ["correspondence", deleted],
    ]);
  });

  it("flags an altered copy of a letter", async () => {
    repo.write(one.copy(1, "acknowledgement"), "Date: now\r\n\r\nAnother text.\r\n");
    repo.commit("Fix letter", "2026-12-02T10:00:00+01:00");
    expect((await findings()).map(summary)).toEqual([
      [
        "KL-2026-0001",
        "correspondence",
        "correspondence/0001-acknowledgement.eml: a copy of a letter in correspondence/ was modified; copies never change: restore it from main",
      ],
    ]);
  });

  it("flags a deleted copy of a letter", async () => {
    repo.remove(one.copy(2, "new_case"));
    repo.commit("Clean up", "2026-12-02T10:00:00+01:00");
    expect((await findings()).map(summary)).toEqual([
      [
        "KL-2026-0001",
        "correspondence",
        "correspondence/0002-new_case.eml: a copy of a letter in correspondence/ was deleted; copies never change: restore it from main",
      ],
    ]);
  });
});

describe("a dossier whose first commit is gone", () => {
  it("flags a dossier that first appears past intake (its intake commit was dropped)", async () => {
    const two = new CaseHistory(repo, 2);
    repo.write(two.path, withFields(two.text, { status: "judged", judgement: WRITTEN_JUDGEMENT }));
    repo.commit("Import", "2026-12-02T10:00:00+01:00");
    expect((await findings()).map(summary)).toEqual([
      [
        "KL-2026-0002",
        "intake_missing",
        "it first appears with status judged, not received as at intake: the commits before are not in the history",
      ],
    ]);
  });

  it("accepts a complaint by phone that a handler registered further on, but not one by web form", async () => {
    const phone = new CaseHistory(repo, 2, undefined, { channel: "phone" });
    repo.write(phone.path, withFields(phone.text, { status: "in_progress" }));
    repo.commit("Register KL-2026-0002\n\nDossier: KL-2026-0002", "2026-12-02T10:00:00+01:00");
    expect(await findings()).toEqual([]);
    const web = new CaseHistory(repo, 3);
    repo.write(web.path, withFields(web.text, { status: "in_progress" }));
    repo.commit("Import", "2026-12-02T11:00:00+01:00");
    expect((await findings()).map((f) => [f.dossier, f.kind])).toEqual([
      ["KL-2026-0003", "intake_missing"],
    ]);
  });

  it("flags every dossier at the cut-off of a shallow clone, and none in a full clone", async () => {
    const url = `file://${repo.dir}`;
    const shallow = mkdtempSync(join(tmpdir(), "docket-shallow-"));
    const full = mkdtempSync(join(tmpdir(), "docket-full-"));
    cleanup.push(shallow, full);
    execFileSync("git", ["clone", "--quiet", "--depth", "1", url, shallow]);
    execFileSync("git", ["clone", "--quiet", url, full]);
    const history = await readHistory(shallow, "HEAD", CHANGE_CONTEXT);
    expect(history.shallow).toBe(true);
    expect(history.findings.map((f) => [f.dossier, f.kind])).toEqual([
      ["KL-2026-0001", "intake_missing"],
    ]);
    expect(history.findings[0]?.message).toContain("shallow clone");
    expect(await findings(full)).toEqual([]);
  });

  it("flags letters committed before the dossier appears", async () => {
    const two = new CaseHistory(repo, 2);
    repo.write(two.copy(1, "acknowledgement"), "Date: x\r\n\r\n");
    repo.commit("Letters\n\nCommitted-by: Docket", "2026-12-02T10:00:00+01:00");
    two.intake("2026-12-02T11:00:00+01:00");
    expect((await findings()).map((f) => [f.dossier, f.kind, f.message])).toEqual([
      [
        "KL-2026-0002",
        "intake_missing",
        "1 letter copy was committed before it first appears: its intake commit is not in the history",
      ],
    ]);
  });

  it("flags a dossier whose first version in the history is a modification", () => {
    // git shows this only for a history cut or grafted below the commit; the fold is given it directly.
    const fold = createHistoryFold({ shallow: false, context: CHANGE_CONTEXT });
    const commit: HistoryCommit = {
      id: "c".repeat(40),
      parents: ["p".repeat(40)],
      time: "2026-12-02T10:00:00+01:00",
      author: { name: "A", email: "a@example.nl" },
      subject: "Edit",
      trailers: [],
      byDocket: false,
      changes: [
        {
          status: "M",
          path: "dossiers/2026/KL-2026-0003/dossier.md",
          oldBlob: "1".repeat(40),
          blob: "2".repeat(40),
        },
      ],
    };
    fold.apply(commit, new Map([["2".repeat(40), dossierText(dossierData(3))]]));
    expect(fold.finish().findings.map((f) => [f.dossier, f.kind, f.message])).toEqual([
      [
        "KL-2026-0003",
        "intake_missing",
        "dossier.md was already there in the first commit that touches it: its intake commit is not in the history",
      ],
    ]);
  });
});
