import { afterAll, describe, expect, it } from "vitest";
import { gitIn } from "../../automation/repo/git.ts";
import type { GitObjects } from "../../automation/store/git-objects.ts";
import { localGitObjects } from "../../automation/store/local-git-objects.ts";
import { createSnapshotReader } from "../../automation/store/snapshot-reader.ts";
import { TestRepo } from "../support/git-repo.ts";

/**
 * Reading costs what changed on the embedded store too: the snapshot reader over git plumbing in a real
 * repository, every question it asks git counted.
 */

const repo = new TestRepo();
afterAll(() => repo.dispose());
const path = (year: number, n: number) =>
  `dossiers/${year}/KL-${year}-${String(n).padStart(4, "0")}/dossier.md`;
for (const year of [2025, 2026])
  for (let n = 1; n <= 150; n += 1) repo.write(path(year, n), `id: ${n}\nyear: ${year}\n`);
repo.commit("Two years of dossiers");

const asked: string[] = [];
const counted = (objects: GitObjects): GitObjects => ({
  head: () => (asked.push("head"), objects.head()),
  folder: (commit, at) => (asked.push(`folder ${at}`), objects.folder(commit, at)),
  blobsBelow: (tree) => (asked.push("blobsBelow"), objects.blobsBelow(tree)),
  texts: (oids) => (asked.push(`texts ${oids.length}`), objects.texts(oids)),
  textsAt: (commit, paths) => (
    asked.push(`textsAt ${paths.length}`),
    objects.textsAt(commit, paths)
  ),
});
const reader = createSnapshotReader(
  counted(localGitObjects(repo.dir, gitIn(repo.dir), "refs/heads/main")),
);
const during = async (run: () => Promise<unknown>) => {
  asked.length = 0;
  await run();
  return [...asked];
};
const all = async () => {
  const snapshot = await reader.snapshot();
  return reader.pinned(snapshot).read([...snapshot.files.keys()]);
};

describe("the snapshot reader on a local repository", () => {
  it("reads everything once at start-up", async () => {
    expect(await during(all)).toEqual([
      "head",
      "folder dossiers",
      "blobsBelow",
      "blobsBelow",
      "texts 300",
    ]);
  });

  it("asks only for the head while main does not move", async () => {
    expect(await during(all)).toEqual(["head"]);
    expect(await during(all)).toEqual(["head"]);
  });

  it("after k changed dossiers lists only the changed year and reads only their k texts", async () => {
    for (let n = 1; n <= 40; n += 1)
      repo.write(path(2026, n), `id: ${n}\nyear: 2026\nstatus: changed\n`);
    repo.commit("Forty dossiers changed");
    expect(await during(all)).toEqual(["head", "folder dossiers", "blobsBelow", "texts 40"]);
    expect((await all()).get(path(2026, 40))).toContain("status: changed");
  });
});
