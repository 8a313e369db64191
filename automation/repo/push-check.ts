import { logArguments, parseLog, type HistoryCommit } from "../audit/history.ts";
import { checkChange, type ChangeContext, type FileChange } from "../domain/check-change.ts";
import { sortViolations, type Violation } from "../domain/violation.ts";
import { ZERO_OID } from "./git.ts";
import { git, readBlobs } from "./git.ts";

/** One line of what `git push` asks a pre-receive hook: `<old> <new> <ref>`. */
export interface RefUpdate {
  old: string;
  new: string;
  ref: string;
}

export interface PushVerdict {
  /** Why the push as a whole is refused, before any dossier is read. */
  refusal?: string;
  /** Each commit that breaks a rule, with its problems. */
  commits: { id: string; subject: string; violations: Violation[] }[];
}

/**
 * Judges a push to the dossiers' branch of the embedded repository as a pull
 * request is judged on GitHub: every commit it puts on the branch's
 * first-parent line, with the same `checkChange` that `docket validate
 * --base` and `docket audit` use, as a person's change made `now`. The branch
 * only moves forward, and Docket's own commits stay on its main line (a
 * merge of `git pull` would push them aside: rebase instead).
 */
export async function checkPush(
  root: string,
  updates: readonly RefUpdate[],
  options: { branch: string; context: ChangeContext; now: Date },
): Promise<PushVerdict> {
  const ref = `refs/heads/${options.branch}`;
  const update = updates.find((u) => u.ref === ref);
  if (!update) return { commits: [] };
  if (update.new === ZERO_OID) {
    return { refusal: `${options.branch} holds the dossiers and is never deleted`, commits: [] };
  }
  const range = update.old === ZERO_OID ? [update.new] : [`${update.old}..${update.new}`];
  // Each commit the push puts on the first-parent line, with its parents: "<commit> <parent> …".
  const line = (await git(root, ["rev-list", "--first-parent", "--reverse", "--parents", ...range]))
    .split("\n")
    .filter(Boolean);
  // The first new commit must sit on the old tip; no new commit at all means the branch moved back.
  if (update.old !== ZERO_OID) {
    if (line[0]?.split(" ")[1] !== update.old) {
      const ancestor = await git(root, [
        "merge-base",
        "--is-ancestor",
        update.old,
        update.new,
      ]).then(
        () => true,
        () => false,
      );
      return {
        refusal: ancestor
          ? `this push would move Docket's commits on ${options.branch} off its main line (a merge made by git pull). Run: git pull --rebase, then push again`
          : `this push would rewrite ${options.branch}: commits on it would be lost. Run: git pull --rebase, then push again (never force-push)`,
        commits: [],
      };
    }
  }
  if (line.length === 0) return { commits: [] };
  const log = await git(root, logArguments(range[0] ?? update.new));
  const commits = parseLog(log);
  const blobs = await readBlobs(
    root,
    [...new Set(commits.flatMap((c) => c.changes.flatMap((ch) => [ch.oldBlob, ch.blob])))].filter(
      (b) => b !== ZERO_OID,
    ),
  );
  const verdict: PushVerdict = { commits: [] };
  for (const commit of commits) {
    const violations = judgeCommit(commit, blobs, options);
    if (violations.length > 0)
      verdict.commits.push({ id: commit.id, subject: commit.subject, violations });
  }
  return verdict;
}

function judgeCommit(
  commit: HistoryCommit,
  blobs: ReadonlyMap<string, string | undefined>,
  options: { context: ChangeContext; now: Date },
): Violation[] {
  const violations: Violation[] = [];
  for (const change of commit.changes) {
    const kind: FileChange["kind"] =
      change.status === "A" ? "added" : change.status === "D" ? "deleted" : "modified";
    const before = blobs.get(change.oldBlob);
    const after = blobs.get(change.blob);
    violations.push(
      ...checkChange(
        {
          kind,
          path: change.path,
          ...(kind !== "added" && before !== undefined ? { before } : {}),
          ...(kind !== "deleted" && after !== undefined ? { after } : {}),
        },
        options.context,
        { now: options.now, by: "person" },
      ),
    );
  }
  return sortViolations(violations);
}
