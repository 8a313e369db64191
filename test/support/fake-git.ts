import { createHash } from "node:crypto";

export interface FakeTreeEntry {
  name: string;
  mode: string;
  type: "blob" | "tree";
  sha: string;
}

export interface FakeCommit {
  tree: string;
  parents: string[];
  message: string;
}

/** A path change in a new tree, as `POST /git/trees` takes it: `sha: null` removes the path. */
export interface TreeChange {
  path: string;
  mode: string;
  type: "blob" | "tree";
  sha: string | null;
}

type GitObject =
  | { type: "blob"; data: Buffer }
  | { type: "tree"; entries: FakeTreeEntry[] }
  | ({ type: "commit" } & FakeCommit);

/**
 * An in-memory git object database with refs: blobs and trees hashed as git hashes them, so shas look and
 * behave like GitHub's (same content, same sha). Commits carry a counter in place of a timestamp.
 */
export class FakeGit {
  readonly refs = new Map<string, string>();
  readonly #objects = new Map<string, GitObject>();
  #clock = 0;

  putBlob(data: Uint8Array): string {
    const buffer = Buffer.from(data);
    return this.#put(`blob ${buffer.length}\0`, buffer, { type: "blob", data: buffer });
  }

  putTree(entries: readonly FakeTreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => compare(sortKey(a), sortKey(b)));
    const body = Buffer.concat(
      sorted.map((entry) =>
        Buffer.concat([
          Buffer.from(`${entry.type === "tree" ? "40000" : entry.mode} ${entry.name}\0`),
          Buffer.from(entry.sha, "hex"),
        ]),
      ),
    );
    return this.#put(`tree ${body.length}\0`, body, { type: "tree", entries: sorted });
  }

  putCommit(commit: FakeCommit): string {
    this.#clock += 1;
    const text = [
      `tree ${commit.tree}`,
      ...commit.parents.map((parent) => `parent ${parent}`),
      `committer GitHub <noreply@github.com> ${1_780_000_000 + this.#clock} +0000`,
      "",
      commit.message,
    ].join("\n");
    const body = Buffer.from(text);
    return this.#put(`commit ${body.length}\0`, body, { type: "commit", ...commit });
  }

  has(sha: string): boolean {
    return this.#objects.has(sha);
  }

  blob(sha: string): Buffer | undefined {
    const object = this.#objects.get(sha);
    return object?.type === "blob" ? object.data : undefined;
  }

  tree(sha: string): FakeTreeEntry[] | undefined {
    const object = this.#objects.get(sha);
    return object?.type === "tree" ? object.entries : undefined;
  }

  commit(sha: string): FakeCommit | undefined {
    const object = this.#objects.get(sha);
    return object?.type === "commit"
      ? { tree: object.tree, parents: object.parents, message: object.message }
      : undefined;
  }

  /** A new tree: `base` (or an empty tree) with `changes` applied, nested paths creating folders. */
  editTree(base: string | undefined, changes: readonly TreeChange[]): string {
    const entries = new Map(
      (base === undefined ? [] : (this.tree(base) ?? [])).map((e) => [e.name, e]),
    );
    const nested = new Map<string, TreeChange[]>();
    for (const change of changes) {
      const [name = "", ...rest] = change.path.split("/");
      if (rest.length > 0) {
        nested.set(name, [...(nested.get(name) ?? []), { ...change, path: rest.join("/") }]);
      } else if (change.sha === null) {
        entries.delete(name);
      } else {
        entries.set(name, { name, mode: change.mode, type: change.type, sha: change.sha });
      }
    }
    for (const [name, folderChanges] of nested) {
      const existing = entries.get(name);
      const sha = this.editTree(
        existing?.type === "tree" ? existing.sha : undefined,
        folderChanges,
      );
      if (this.tree(sha)?.length === 0) entries.delete(name);
      else entries.set(name, { name, mode: "040000", type: "tree", sha });
    }
    return this.putTree([...entries.values()]);
  }

  /** Every entry below a tree, depth first, with its path relative to the tree (blobs and trees). */
  *walk(tree: string, prefix = ""): Generator<FakeTreeEntry & { path: string }> {
    for (const entry of this.tree(tree) ?? []) {
      const path = `${prefix}${entry.name}`;
      yield { ...entry, path };
      if (entry.type === "tree") yield* this.walk(entry.sha, `${path}/`);
    }
  }

  /** The files of a commit by path. */
  files(commit: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const tree = this.commit(commit)?.tree;
    if (tree === undefined) return files;
    for (const entry of this.walk(tree)) {
      const data = entry.type === "blob" ? this.blob(entry.sha) : undefined;
      if (data) files.set(entry.path, data);
    }
    return files;
  }

  /** True when `ancestor` is `commit` or one of its ancestors. */
  isAncestor(ancestor: string, commit: string): boolean {
    const seen = new Set<string>();
    const queue = [commit];
    for (let sha = queue.pop(); sha !== undefined; sha = queue.pop()) {
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commit(sha)?.parents ?? []));
    }
    return false;
  }

  /** Commits `files` on top of `branch` (created when missing), as another writer would; returns the commit. */
  commitFiles(
    files: Record<string, string | Uint8Array | null>,
    message: string,
    branch = "main",
  ): string {
    const parent = this.refs.get(`heads/${branch}`);
    const base = parent === undefined ? undefined : this.commit(parent)?.tree;
    const changes = Object.entries(files).map(([path, content]) => ({
      path,
      mode: "100644",
      type: "blob" as const,
      sha: content === null ? null : this.putBlob(Buffer.from(content)),
    }));
    const commit = this.putCommit({
      tree: this.editTree(base, changes),
      parents: parent === undefined ? [] : [parent],
      message,
    });
    this.refs.set(`heads/${branch}`, commit);
    return commit;
  }

  #put(header: string, body: Buffer, object: GitObject): string {
    const sha = createHash("sha1").update(header).update(body).digest("hex");
    this.#objects.set(sha, object);
    return sha;
  }
}

/** Git orders tree entries by name, a folder as if its name ended in "/". */
function sortKey(entry: FakeTreeEntry): string {
  return entry.type === "tree" ? `${entry.name}/` : entry.name;
}

function compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
