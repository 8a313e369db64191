import type { HistoryCommit, RawChange } from "./history.ts";

export interface FirstVersion {
  /** The change to `dossier.md` in the first commit of the history that touches it. */
  change: RawChange;
  commit: HistoryCommit;
  /** The repository is a shallow clone: a commit without parents there is where history was cut. */
  shallow: boolean;
  /** The status and channel of that version, when it could be read. */
  status: string | undefined;
  channel: string | undefined;
  unreadable: string | undefined;
  /** Copies of letters committed to the dossier's folder before it. */
  lettersBefore: number;
}

/**
 * Whether a dossier's first version in the history is its intake. The
 * criterion, paths deciding and commit messages not needed:
 *
 * 1. the commit adds `dossier.md` (git's diff against its parent says A, not M);
 * 2. that commit is not where a shallow history was cut off (a parentless
 *    commit of a shallow clone "adds" every file it holds);
 * 3. the version added can be read; for a complaint by web form or e-mail it
 *    has `status: received`, as Docket's intake writes it (a complaint by
 *    phone or letter is registered by a handler, who may add it further on);
 * 4. no copy of a letter is in the dossier's folder before it: letters follow
 *    the intake.
 *
 * A root commit of a full clone may add dossiers: a repository can start with
 * an intake. Returns why the intake is missing, or undefined.
 */
export function checkIntake(first: FirstVersion): string | undefined {
  const { change, commit } = first;
  if (change.status !== "A") {
    return "dossier.md was already there in the first commit that touches it: its intake commit is not in the history";
  }
  if (first.shallow && commit.parents.length === 0) {
    return "it is added by the commit where this shallow clone's history is cut off: its intake commit is not in the history";
  }
  if (first.unreadable !== undefined) {
    return `its first version cannot be read (${first.unreadable}), so it is not an intake`;
  }
  const registered = first.channel === "phone" || first.channel === "letter";
  if (!registered && first.status !== "received") {
    return `it first appears with status ${first.status ?? "(none)"}, not received as at intake: the commits before are not in the history`;
  }
  if (first.lettersBefore > 0) {
    return `${first.lettersBefore} letter cop${first.lettersBefore === 1 ? "y was" : "ies were"} committed before it first appears: its intake commit is not in the history`;
  }
  return undefined;
}
