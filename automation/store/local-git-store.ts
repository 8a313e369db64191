import { dossierPath } from "../domain/dossier-layout.ts";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GitError } from "../errors.ts";
import {
  dossierId,
  nextSequence,
  StoreConflictError,
  StoreUnavailableError,
  submissionPath,
  type DossierStore,
  type StoredFile,
} from "./dossier-store.ts";
import { readBlobs } from "../repo/git.ts";
import { gitIn, ZERO_OID, type GitRun } from "../repo/git.ts";
import { writeCommit } from "./git-plumbing.ts";
import { localGitObjects } from "./local-git-objects.ts";
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
 * The embedded default `DossierStore`: a bare git repository on this machine,
 * which handlers clone and push to as they would to GitHub. Each write is a
 * commit built with plumbing and put on the branch with `git update-ref`
 * <new> <old>: a compare-and-swap, so concurrent writers (other processes,
 * handlers' pushes) never overwrite each other.
 */
export function createLocalGitStore(options: LocalGitStoreOptions): DossierStore {
  const { dir, branch = "main", maxAttempts = 20 } = options;
  const ref = `refs/heads/${branch}`;
  const author = options.author ?? { name: "Docket", email: "docket@localhost" };
  const git = gitIn(dir);
  let ready: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const ensureReady = () =>
    (ready ??= init(git, dir, ref, author, options.initialFiles ?? []).catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  /** One write at a time from this process; other writers are handled by the CAS. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      await ensureReady();
      return work();
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const objects = localGitObjects(dir, git, ref);
  const head = () => objects.head();
  const snapshots = createSnapshotReader(objects);
  // Reads wait for the repository to exist (the first run creates it).
  const reader = {
    ...snapshots,
    head: async () => (await ensureReady(), snapshots.head()),
    snapshot: async () => (await ensureReady(), snapshots.snapshot()),
    list: async (prefix: string) => (await ensureReady(), snapshots.list(prefix)),
    read: async (paths: readonly string[]) => (await ensureReady(), snapshots.read(paths)),
  };

  /** Builds a commit of `files` on `parent` and moves the branch to it if it still is at `parent`. */
  const commitOn = async (
    parent: string | undefined,
    files: readonly StoredFile[],
    message: string,
  ) => {
    const commit = await writeCommit(git, { parent, files, message, author, date: new Date() });
    const moved = await git(["update-ref", ref, commit, parent ?? ZERO_OID]).then(
      () => true,
      () => false,
    );
    return moved ? commit : undefined;
  };

  const attempt = async <T>(what: string, step: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < maxAttempts; i++) {
      try {
        const done = await step();
        if (done !== undefined) return done;
      } catch (error) {
        if (error instanceof GitError) {
          throw new StoreUnavailableError(
            `the dossier repository at ${dir} failed: ${error.message}`,
            { cause: error },
          );
        }
        throw error;
      }
    }
    throw new StoreConflictError(
      `${what}: ${branch} kept moving in ${dir}; gave up after ${maxAttempts} attempts`,
    );
  };

  const readAt = async (commit: string | undefined, paths: readonly string[]) => {
    if (!commit) return new Map(paths.map((p) => [p, undefined]));
    const blobs = await readBlobs(
      dir,
      paths.map((p) => `${commit}:${p}`),
    );
    return new Map(paths.map((p) => [p, blobs.get(`${commit}:${p}`)]));
  };

  return {
    kind: "local",
    location: dir,
    fileDossier: (intake) =>
      serial(() =>
        attempt("filing a dossier", async () => {
          const parent = await head();
          const marker = intake.submissionId ? submissionPath(intake.submissionId) : undefined;
          if (marker && parent) {
            const earlier = (await readAt(parent, [marker])).get(marker)?.trim();
            if (earlier)
              return { id: earlier, path: dossierPath(earlier), commit: parent, created: false };
          }
          const names = parent
            ? (
                await git(["ls-tree", "--name-only", "-z", parent, `dossiers/${intake.year}/`])
              ).split("\0")
            : [];
          const sequence = nextSequence(
            names.map((n) => n.slice(n.lastIndexOf("/") + 1)),
            intake.prefix,
            intake.year,
          );
          const id = dossierId(intake.prefix, intake.year, sequence);
          const { files, message } = intake.build(id, sequence);
          const all = marker ? [...files, { path: marker, content: `${id}\n` }] : files;
          const commit = await commitOn(parent, all, message);
          return commit ? { id, path: dossierPath(id), commit, created: true } : undefined;
        }),
      ),
    commit: (change) =>
      serial(() =>
        attempt("committing", async () => {
          const parent = await head();
          const edits = change.edits ?? [];
          const current = await readAt(
            parent,
            edits.map((e) => e.path),
          );
          const edited = edits.flatMap(({ path, edit }) => {
            const text = current.get(path);
            if (text === undefined)
              throw new Error(`cannot edit ${path}: it is not in the repository`);
            const content = edit(text);
            return content === text ? [] : [{ path, content }];
          });
          const files = change.files ?? [];
          const guarded = files.filter((f) => f.ifAbsent).map((f) => f.path);
          const present = await readAt(parent, guarded);
          const kept = files.filter((f) => !f.ifAbsent || present.get(f.path) === undefined);
          if (kept.length + edited.length === 0) return parent ?? "";
          return commitOn(parent, [...kept, ...edited], change.message);
        }),
      ),
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
