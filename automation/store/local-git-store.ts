import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { StoreUnavailableError, type DossierStore, type StoredFile } from "./dossier-store.ts";
import { createDossierWriter } from "./dossier-writer.ts";
import { gitIn, ZERO_OID, type GitRun } from "../repo/git.ts";
import { writeCommit } from "./git-plumbing.ts";
import { localGitObjects } from "./local-git-objects.ts";
import { localWriteTarget } from "./local-write-target.ts";
import { createSnapshotReader } from "./snapshot-reader.ts";
import { guideCopy } from "../docs/guide-copy.ts";

export interface LocalGitStoreOptions {
  /** The repository folder; a bare repository is created there if there is none. */
  dir: string;
  branch?: string;
  /** Who the commits are by. */
  author?: { name: string; email: string };
  /** Files the first commit of a new repository holds (e.g. the handlers' README). */
  initialFiles?: readonly StoredFile[];
  maxAttempts?: number;
}

/**
 * The embedded default `DossierStore`: a bare git repository on this machine, which handlers clone and push
 * to as they would to GitHub. The one writer (dossier-writer.ts) over git plumbing (local-write-target.ts):
 * each write is a commit built with `git fast-import` and put on the branch with `git update-ref <new> <old>`,
 * a compare-and-swap, so concurrent writers (other processes, handlers' pushes) never overwrite each other.
 */
export function createLocalGitStore(options: LocalGitStoreOptions): DossierStore {
  const { dir, branch = "main", maxAttempts = 20 } = options;
  const ref = `refs/heads/${branch}`;
  const author = options.author ?? { name: "Docket", email: "docket@localhost" };
  const git = gitIn(dir);
  let ready: Promise<void> | undefined;
  const ensureReady = () =>
    (ready ??= init(git, dir, ref, author, options.initialFiles ?? []).catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  const snapshots = createSnapshotReader(localGitObjects(dir, git, ref));
  // Reads wait for the repository to exist (the first run creates it).
  const reader = {
    ...snapshots,
    head: async () => (await ensureReady(), snapshots.head()),
    snapshot: async () => (await ensureReady(), snapshots.snapshot()),
    list: async (prefix: string) => (await ensureReady(), snapshots.list(prefix)),
    read: async (paths: readonly string[]) => (await ensureReady(), snapshots.read(paths)),
  };
  const writer = createDossierWriter(
    localWriteTarget({ dir, git, branch, author, ready: ensureReady }),
    { maxAttempts },
  );

  return {
    kind: "local",
    location: dir,
    fileDossier: writer.fileDossier,
    commit: writer.commit,
    reader,
    head: reader.head,
    list: reader.list,
    read: reader.read,
  };
}

async function init(...args: Parameters<typeof createRepository>): Promise<void> {
  try {
    await createRepository(...args);
  } catch (error) {
    throw new StoreUnavailableError(
      `cannot open the dossier repository at ${args[1]}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

async function createRepository(
  git: GitRun,
  dir: string,
  ref: string,
  author: { name: string; email: string },
  initialFiles: readonly StoredFile[],
): Promise<void> {
  if (!existsSync(join(dir, "HEAD")) && !existsSync(join(dir, ".git"))) {
    mkdirSync(dir, { recursive: true });
    await git(["init", "--quiet", "--bare", `--initial-branch=${ref.replace("refs/heads/", "")}`]);
  }
  const exists = await git(["rev-parse", "--verify", "--quiet", ref]).then(
    () => true,
    () => false,
  );
  if (exists || initialFiles.length === 0) return;
  const commit = await writeCommit(git, {
    parent: undefined,
    files: initialFiles,
    message: "Dossier repository created by Docket\n",
    author,
    date: new Date(),
  });
  await git(["update-ref", ref, commit, ZERO_OID]).catch(() => undefined);
}

/** The handlers' guide, for the first commit of a new dossier repository. */
export function handlersGuide(projectRoot: string): StoredFile[] {
  const path = join(projectRoot, "dossiers", "README.md");
  return existsSync(path)
    ? [{ path: "dossiers/README.md", content: guideCopy(readFileSync(path, "utf8")) }]
    : [];
}
