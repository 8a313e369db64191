import type { Octokit } from "@octokit/rest";
import type { StoredFile } from "./dossier-store.ts";
import { isRefConflict, toStoreError } from "./github-errors.ts";

/** The repository and branch the store writes to. */
export interface GitHubTarget {
  octokit: Octokit;
  owner: string;
  repo: string;
  branch: string;
}

/** The tip of the branch when an operation started. */
export interface Head {
  commit: string;
  tree: string;
}

export interface TreeEntry {
  path: string;
  type: string;
  sha: string;
}

/**
 * Git objects of one repository through GitHub's Git Data API, for one store operation. An object never
 * changes under its sha, so trees read and blobs written are cached (as promises, so parallel walks share a
 * request) for as long as the operation, retries included: an attachment is uploaded once.
 */
export class GitData {
  readonly #target: GitHubTarget;
  readonly #trees = new Map<string, Promise<TreeEntry[]>>();
  readonly #blobs = new Map<Uint8Array, Promise<string>>();

  constructor(target: GitHubTarget) {
    this.#target = target;
  }

  /** The branch's commit and its tree (2 requests). */
  async head(): Promise<Head> {
    const { octokit, owner, repo, branch } = this.#target;
    const ref = await this.#call(`reading branch ${branch}`, () =>
      octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` }),
    );
    const commit = ref.object.sha;
    const data = await this.#call(`reading commit ${commit}`, () =>
      octokit.rest.git.getCommit({ owner, repo, commit_sha: commit }),
    );
    return { commit, tree: data.tree.sha };
  }

  /** The entries of one tree, not recursive (a tree holds up to 100,000 entries, unlike the contents API). */
  entries(tree: string): Promise<TreeEntry[]> {
    let entries = this.#trees.get(tree);
    if (!entries) {
      const { octokit, owner, repo } = this.#target;
      entries = this.#call(`reading tree ${tree}`, () =>
        octokit.rest.git.getTree({ owner, repo, tree_sha: tree }),
      ).then((data) => data.tree.map(toEntry));
      entries.catch(() => this.#trees.delete(tree));
      this.#trees.set(tree, entries);
    }
    return entries;
  }

  /** The entry at `path` below `tree`, walking one folder at a time; `undefined` when it does not exist. */
  async entryAt(tree: string, path: string): Promise<TreeEntry | undefined> {
    let entry: TreeEntry | undefined = { path: "", type: "tree", sha: tree };
    for (const name of segments(path)) {
      if (entry.type !== "tree") return undefined;
      entry = (await this.entries(entry.sha)).find((candidate) => candidate.path === name);
      if (!entry) return undefined;
    }
    return entry;
  }

  /** Names in the folder at `path`; none when the folder does not exist. */
  async names(tree: string, path: string): Promise<string[]> {
    const folder = await this.entryAt(tree, path);
    if (folder?.type !== "tree") return [];
    return (await this.entries(folder.sha)).map((entry) => entry.path);
  }

  /** The text of the file at `path`; `undefined` when there is no file there. */
  async text(tree: string, path: string): Promise<string | undefined> {
    const entry = await this.entryAt(tree, path);
    if (entry?.type !== "blob") return undefined;
    const { octokit, owner, repo } = this.#target;
    const blob = await this.#call(`reading ${path}`, () =>
      octokit.rest.git.getBlob({ owner, repo, file_sha: entry.sha }),
    );
    const encoding = blob.encoding === "base64" ? "base64" : "utf8";
    return Buffer.from(blob.content, encoding).toString("utf8");
  }

  /** Paths of the files below the folder `tree` found at `path`: one recursive request unless GitHub truncates it. */
  async files(tree: string, path: string): Promise<string[]> {
    const { octokit, owner, repo } = this.#target;
    const data = await this.#call(`listing ${path || "the repository"}`, () =>
      octokit.rest.git.getTree({ owner, repo, tree_sha: tree, recursive: "true" }),
    );
    const below = (name: string) => (path ? `${path}/${name}` : name);
    if (!data.truncated) {
      return data.tree
        .filter((entry) => entry.type === "blob")
        .map((entry) => below(entry.path ?? ""));
    }
    const nested = await Promise.all(
      (await this.entries(tree)).map((entry) =>
        entry.type === "tree" ? this.files(entry.sha, below(entry.path)) : [below(entry.path)],
      ),
    );
    return nested.flat();
  }

  /** Writes `files` over `base` as one commit whose only parent is `base` (blobs for binary content, 2 requests more). */
  async commit(base: Head, files: readonly StoredFile[], message: string): Promise<string> {
    const { octokit, owner, repo } = this.#target;
    const entries = await Promise.all(
      files.map(async ({ path, content }) =>
        typeof content === "string"
          ? { path, mode: "100644" as const, type: "blob" as const, content }
          : {
              path,
              mode: "100644" as const,
              type: "blob" as const,
              sha: await this.#blob(path, content),
            },
      ),
    );
    const tree = await this.#call("writing a tree", () =>
      octokit.rest.git.createTree({ owner, repo, base_tree: base.tree, tree: entries }),
    );
    // No author or committer: GitHub then signs the commit of an App as verified.
    const commit = await this.#call("writing a commit", () =>
      octokit.rest.git.createCommit({
        owner,
        repo,
        message,
        tree: tree.sha,
        parents: [base.commit],
      }),
    );
    return commit.sha;
  }

  /**
   * Moves the branch to `commit` only as a fast-forward (compare-and-swap on its parent); false when another
   * writer moved the branch since the parent was read.
   */
  async advance(commit: string): Promise<boolean> {
    const { octokit, owner, repo, branch } = this.#target;
    try {
      await octokit.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha: commit,
        force: false,
      });
      return true;
    } catch (error) {
      if (isRefConflict(error)) return false;
      throw toStoreError(error, `moving branch ${branch} to ${commit} in ${owner}/${repo}`);
    }
  }

  #blob(path: string, content: Uint8Array): Promise<string> {
    let sha = this.#blobs.get(content);
    if (!sha) {
      const { octokit, owner, repo } = this.#target;
      const base64 = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString(
        "base64",
      );
      sha = this.#call(`writing ${path}`, () =>
        octokit.rest.git.createBlob({ owner, repo, content: base64, encoding: "base64" }),
      ).then((data) => data.sha);
      sha.catch(() => this.#blobs.delete(content));
      this.#blobs.set(content, sha);
    }
    return sha;
  }

  async #call<T>(action: string, request: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await request()).data;
    } catch (error) {
      const { owner, repo } = this.#target;
      throw toStoreError(error, `${action} in ${owner}/${repo}`);
    }
  }
}

function toEntry(entry: { path?: string; type?: string; sha?: string }): TreeEntry {
  return { path: entry.path ?? "", type: entry.type ?? "", sha: entry.sha ?? "" };
}

export function segments(path: string): string[] {
  return path.split("/").filter((name) => name !== "");
}
