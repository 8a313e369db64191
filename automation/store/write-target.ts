/**
 * What writing to a branch needs, as little as both stores can give: the small port under the one
 * `DossierWriter`. An adapter does only the transport (git plumbing on this machine, GitHub's GraphQL API);
 * numbering, replays, retries and edits are the writer's.
 */
export interface WriteTarget {
  /** Where the branch is, for messages: a folder or `owner/repo`. */
  readonly location: string;
  readonly branch: string;
  /**
   * Where the branch is now, the names in some folders and the texts of some files there, read together
   * (on GitHub in one request). `head` is `undefined` for a repository without commits.
   */
  prepare(plan: WritePlan): Promise<BranchState>;
  /**
   * One commit of `files` on `parent`, put on the branch only if it is still at `parent` (compare-and-swap):
   * the new commit's id, or `undefined` when the branch moved. Any other failure is thrown as a store error.
   */
  commit(
    parent: string | undefined,
    files: readonly { path: string; content: string | Uint8Array }[],
    message: string,
    deadline: number,
  ): Promise<string | undefined>;
  /**
   * For a target whose answers can be lost: whether `error` left it unknown if the write landed. The writer
   * then reads again, and every intake carries a submission marker by which a landed write is recognised.
   */
  unanswered?(error: unknown): boolean;
}

export interface WritePlan {
  /** Folders whose names are wanted, e.g. `dossiers/2026`. */
  folders: readonly string[];
  /** Files whose texts are wanted. */
  paths: readonly string[];
  /** `Date.now()` by which the answer is due. */
  deadline: number;
}

export interface BranchState {
  head: string | undefined;
  /** Names in each folder asked for; none for a folder that is absent. */
  names: Map<string, string[]>;
  /** Text of each file asked for; `undefined` where there is no file. */
  texts: Map<string, string | undefined>;
}
