import { GitError } from "../errors.ts";
import { readBlobs, ZERO_OID, type GitRun } from "../repo/git.ts";
import { StoreUnavailableError } from "./dossier-store.ts";
import { writeCommit } from "./git-plumbing.ts";
import type { WriteTarget } from "./write-target.ts";

/**
 * The `WriteTarget` of a repository on this machine, through git plumbing: `prepare` reads the head, the
 * folders (`ls-tree`) and the texts (`cat-file --batch`); `commit` builds the commit with one
 * `git fast-import` and moves the branch with `git update-ref <ref> <new> <old>`, a compare-and-swap.
 * `ready` runs first (the first write creates the repository); git's failures are `StoreUnavailableError`.
 */
export function localWriteTarget(options: {
  dir: string;
  git: GitRun;
  branch: string;
  author: { name: string; email: string };
  ready: () => Promise<void>;
}): WriteTarget {
  const { dir, git, branch, author, ready } = options;
  const ref = `refs/heads/${branch}`;

  const unavailable = async <T>(work: () => Promise<T>): Promise<T> => {
    await ready();
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      throw new StoreUnavailableError(`the dossier repository at ${dir} failed: ${error.message}`, {
        cause: error,
      });
    }
  };

  return {
    location: dir,
    branch,
    prepare: ({ folders, paths }) =>
      unavailable(async () => {
        const head =
          (await git(["rev-parse", "--verify", "--quiet", ref]).catch(() => "")).trim() ||
          undefined;
        if (!head) return { head, names: new Map(), texts: new Map() };
        // Every folder in one ls-tree: it lists each path's entries under their full names.
        const names = new Map<string, string[]>(folders.map((folder) => [folder, []]));
        if (folders.length > 0) {
          const out = await git([
            "ls-tree",
            "--name-only",
            "-z",
            head,
            "--",
            ...folders.map((f) => `${f}/`),
          ]);
          for (const path of out.split("\0").filter(Boolean)) {
            const folder = path.slice(0, path.lastIndexOf("/"));
            names.get(folder)?.push(path.slice(folder.length + 1));
          }
        }
        const blobs = paths.length
          ? await readBlobs(
              dir,
              paths.map((p) => `${head}:${p}`),
            )
          : new Map<string, string | undefined>();
        return { head, names, texts: new Map(paths.map((p) => [p, blobs.get(`${head}:${p}`)])) };
      }),
    commit: (parent, files, message) =>
      unavailable(async () => {
        const commit = await writeCommit(git, { parent, files, message, author, date: new Date() });
        const moved = await git(["update-ref", ref, commit, parent ?? ZERO_OID]).then(
          () => false,
          () => true,
        );
        return moved ? undefined : commit;
      }),
  };
}
