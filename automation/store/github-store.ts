import type { DossierStore } from "./dossier-store.ts";
import { createDossierWriter } from "./dossier-writer.ts";
import type { GitHubClient } from "./github-client.ts";
import { githubGitObjects } from "./github-git-objects.ts";
import { githubWriteTarget } from "./github-write-target.ts";
import { createSnapshotReader } from "./snapshot-reader.ts";

export { StoreAccessError, StoreRejectedError } from "./github-errors.ts";

export interface GitHubStoreOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** Default `main`. */
  branch?: string;
  /** How often a write is tried when other writers keep moving the branch. Default 10. */
  maxAttempts?: number;
  /** Milliseconds a write may take from the call to the answer, queueing included. Default 8,000. */
  answerWithinMs?: number;
}

/**
 * The `DossierStore` on GitHub, in as few requests as GitHub allows: the one writer (dossier-writer.ts) over
 * GitHub's GraphQL API (github-write-target.ts), and the one reader over its git objects. An intake is one
 * GraphQL query (the branch's head, the year's folder and the submission marker) and one
 * `createCommitOnBranch` with `expectedHeadOid`; after its own commit the store knows the branch exactly, so
 * the next intake needs no query at all. Nothing here waits for a rate limit: a spent limit, GitHub not
 * answering or the deadline passing is a `StoreUnavailableError`.
 */
export function createGitHubStore(options: GitHubStoreOptions): DossierStore {
  const { client, owner, repo } = options;
  const branch = options.branch ?? "main";
  const reader = createSnapshotReader(githubGitObjects(client, { owner, repo, branch }));
  const writer = createDossierWriter(githubWriteTarget(client, { owner, repo, branch }), {
    maxAttempts: options.maxAttempts ?? 10,
    answerWithinMs: options.answerWithinMs ?? 8_000,
  });
  return {
    kind: "github",
    location: `${owner}/${repo}`,
    reader,
    fileDossier: writer.fileDossier,
    commit: writer.commit,
    head: () => reader.head(),
    list: (prefix) => reader.list(prefix),
    read: (paths) => reader.read(paths),
  };
}
