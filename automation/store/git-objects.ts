/** One entry of a git tree. */
export interface TreeEntry {
  name: string;
  type: "tree" | "blob";
  oid: string;
}

/**
 * The git objects of the dossier repository, as little as reading needs: the small port both stores
 * implement (git plumbing on this machine, GitHub's APIs). Objects never change under their id, so callers
 * cache by id; only `head` is asked every time.
 */
export interface GitObjects {
  /** Where the branch is; `undefined` for a repository without commits. Cheap: asked every round. */
  head(): Promise<string | undefined>;
  /** The entries of the folder at `path` (`""`: the root) in `commit`, one level; none when it is absent. */
  folder(commit: string, path: string): Promise<TreeEntry[]>;
  /** Every blob below the tree `tree`, by path relative to it, with its id. */
  blobsBelow(tree: string): Promise<Map<string, string>>;
  /** Texts of blobs by id; `undefined` for one that is missing or binary. */
  texts(oids: readonly string[]): Promise<Map<string, string | undefined>>;
  /** Texts of files at `commit` by path; `undefined` where there is no file. */
  textsAt(commit: string, paths: readonly string[]): Promise<Map<string, string | undefined>>;
}
