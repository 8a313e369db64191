import { setTimeout as sleep } from "node:timers/promises";
import type { Octokit } from "@octokit/rest";
import {
  dossierId,
  dossierPath,
  nextSequence,
  StoreConflictError,
  submissionPath,
} from "./dossier-store.ts";
import type {
  DossierIntake,
  DossierStore,
  FiledDossier,
  StoreChange,
  StoredFile,
} from "./dossier-store.ts";
import { GitData, segments } from "./github-git-data.ts";
import type { GitHubTarget, Head } from "./github-git-data.ts";

export { StoreAccessError, StoreRejectedError } from "./github-errors.ts";

export interface GitHubStoreOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** Default `main`. */
  branch?: string;
  /** How often a write is tried when other writers keep moving the branch. Default 5. */
  maxAttempts?: number;
}

/**
 * The `DossierStore` on GitHub, through the Git Data API: every write reads the branch, writes a tree and a
 * commit on top of it, and moves the branch with `force: false`. When another writer moved the branch in
 * between, GitHub refuses (422 not a fast forward, or 409) and the write starts over from the new tip.
 */
export function createGitHubStore(options: GitHubStoreOptions): DossierStore {
  const target: GitHubTarget = {
    octokit: options.octokit,
    owner: options.owner,
    repo: options.repo,
    branch: options.branch ?? "main",
  };
  const maxAttempts = options.maxAttempts ?? 5;
  const location = `${target.owner}/${target.repo}`;

  // Writes of this process take turns: they would only collide with each other and waste requests (the
  // throttling plugin runs writes one at a time anyway). Other processes are kept apart by compare-and-swap.
  let turn: Promise<unknown> = Promise.resolve();

  /** Runs `write` until its commit lands on the branch; `write` returns the commit or a value to return as is. */
  function compareAndSwap<T>(
    what: string,
    write: (git: GitData, head: Head) => Promise<{ commit: string; result: T } | { done: T }>,
  ): Promise<T> {
    const run = async (): Promise<T> => {
      const git = new GitData(target);
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        const outcome = await write(git, await git.head());
        if ("done" in outcome) return outcome.done;
        if (await git.advance(outcome.commit)) return outcome.result;
        // A random pause, so that writers who collided do not collide again.
        if (attempt < maxAttempts) await sleep(Math.random() * 50 * attempt);
      }
      throw new StoreConflictError(
        `Could not ${what} in ${location}: branch ${target.branch} moved under each of ${maxAttempts} ` +
          `attempts. Try again.`,
      );
    };
    const result = turn.then(run, run);
    turn = result.catch(() => undefined);
    return result;
  }

  return {
    kind: "github",
    location,

    fileDossier(intake: DossierIntake): Promise<FiledDossier> {
      const marker =
        intake.submissionId === undefined ? undefined : submissionPath(intake.submissionId);
      return compareAndSwap<FiledDossier>("file a dossier", async (git, head) => {
        const [earlier, names] = await Promise.all([
          marker === undefined ? undefined : git.text(head.tree, marker),
          git.names(head.tree, `dossiers/${intake.year}`),
        ]);
        if (earlier !== undefined) {
          const id = earlier.trim();
          return { done: { id, path: dossierPath(id), commit: head.commit, created: false } };
        }
        const sequence = nextSequence(names, intake.prefix, intake.year);
        const id = dossierId(intake.prefix, intake.year, sequence);
        const { files, message } = intake.build(id, sequence);
        const all: StoredFile[] =
          marker === undefined ? files : [...files, { path: marker, content: `${id}\n` }];
        const commit = await git.commit(head, all, message);
        return { commit, result: { id, path: dossierPath(id), commit, created: true } };
      });
    },

    commit(change: StoreChange): Promise<string> {
      return compareAndSwap<string>("commit", async (git, head) => {
        const edited = await Promise.all(
          (change.edits ?? []).map(async ({ path, edit }) => {
            const text = await git.text(head.tree, path);
            if (text === undefined) {
              throw new Error(
                `Cannot edit ${path}: there is no such file on ${target.branch} of ${location}.`,
              );
            }
            const content = edit(text);
            return content === text ? undefined : { path, content };
          }),
        );
        const changed = edited.filter((e) => e !== undefined);
        const files = change.files ?? [];
        const present = await Promise.all(
          files.map((f) => (f.ifAbsent ? git.entryAt(head.tree, f.path) : undefined)),
        );
        const kept = files.filter((_f, i) => present[i] === undefined);
        if (kept.length + changed.length === 0) return { done: head.commit };
        const commit = await git.commit(head, [...kept, ...changed], change.message);
        return { commit, result: commit };
      });
    },

    async head(): Promise<string | undefined> {
      return (await new GitData(target).head()).commit;
    },

    async list(prefix: string): Promise<string[]> {
      const git = new GitData(target);
      const head = await git.head();
      const folder = segments(prefix).join("/");
      const entry = await git.entryAt(head.tree, folder);
      if (entry?.type !== "tree") return [];
      return (await git.files(entry.sha, folder)).sort();
    },

    async read(paths: readonly string[]): Promise<Map<string, string | undefined>> {
      const git = new GitData(target);
      const head = await git.head();
      const texts = await Promise.all(paths.map((path) => git.text(head.tree, path)));
      return new Map(paths.map((path, index) => [path, texts[index]]));
    },
  };
}
