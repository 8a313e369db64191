import { readBlobs } from "../repo/git.ts";
import type { GitObjects, TreeEntry } from "./git-objects.ts";
import type { GitRun } from "../repo/git.ts";

/** `GitObjects` of a repository on this machine, through git plumbing (`ls-tree`, `cat-file --batch`). */
export function localGitObjects(dir: string, git: GitRun, ref: string): GitObjects {
  return {
    head: async () =>
      (await git(["rev-parse", "--verify", "--quiet", ref]).catch(() => "")).trim() || undefined,
    folder: async (commit, path) => {
      const out = await git(["ls-tree", "-z", path ? `${commit}:${path}` : commit]).catch(() => "");
      return parseTree(out, false).map(([name, type, oid]) => ({ name, type, oid }));
    },
    blobsBelow: async (tree) =>
      new Map(
        parseTree(await git(["ls-tree", "-r", "-z", tree]), true).map(([path, , oid]) => [
          path,
          oid,
        ]),
      ),
    texts: (oids) => readBlobs(dir, oids),
    textsAt: async (commit, paths) => {
      const texts = await readBlobs(
        dir,
        paths.map((p) => `${commit}:${p}`),
      );
      return new Map(paths.map((p) => [p, texts.get(`${commit}:${p}`)]));
    },
  };
}

function parseTree(out: string, blobsOnly: boolean): Array<[string, TreeEntry["type"], string]> {
  const entries: Array<[string, TreeEntry["type"], string]> = [];
  for (const line of out.split("\0")) {
    const tab = line.indexOf("\t");
    if (tab < 0) continue;
    const [, type, oid = ""] = line.slice(0, tab).split(" ");
    if (type !== "blob" && type !== "tree") continue;
    if (blobsOnly && type !== "blob") continue;
    entries.push([line.slice(tab + 1), type, oid]);
  }
  return entries;
}
