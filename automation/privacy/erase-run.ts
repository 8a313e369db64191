/**
 * One erasure, all or nothing (docs/privacy.md): the audit digest of each
 * dossier is taken from the history as it is, the history is rewritten into
 * staging refs, the digests are taken again from the rewritten history and
 * must be the same, and only then every branch moves, in one transaction that
 * fails if any of them moved meanwhile. Old objects are pruned after; a crash
 * before the transaction leaves the repository as it was, one after it is
 * finished by the next run.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { erasureDigest } from "../audit/erasure-digest.ts";
import { readHistory } from "../audit/read-history.ts";
import type { ChangeContext } from "../domain/check-change.ts";
import { formatInstant } from "../domain/instant.ts";
import { DocketError } from "../errors.ts";
import { gitIn, type GitRun } from "../repo/git.ts";
import {
  eraseDossierText,
  eraseLetter,
  eraseStaffText,
  erasedAttachment,
  letterConcerns,
  personalTerms,
  scrubMessage,
  type ErasureRecord,
} from "./erase-text.ts";
import { rewriteHistory, STAGING, stagingRef, type FolderErasure } from "./rewrite-history.ts";

/** An erasure refused as a whole: the message says why; nothing was changed. */
export class ErasureRefused extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("erasure_refused", message, options);
  }
}

export interface Repository {
  root: string;
  git: GitRun;
  gitDir: string;
  bare: boolean;
  /** The branch the dossiers are read from: `refs/heads/main`, or the work tree's branch. */
  branch: string;
}

const PENDING = "docket-erasure-pending";

/**
 * Opens the repository for an erasure: finishes a prune a crashed run left,
 * removes an unfinished staging area, and refuses a work tree with changes
 * not committed or a clone that is not where its upstream is.
 */
export async function openForErasure(root: string): Promise<Repository> {
  const git = gitIn(root);
  const [gitDirLine = "", bareLine = ""] = (
    await git(["rev-parse", "--git-dir", "--is-bare-repository"]).catch((error: unknown) => {
      throw new ErasureRefused(`${root} is not a git repository`, { cause: error });
    })
  ).split("\n");
  const gitDir = isAbsolute(gitDirLine) ? gitDirLine : join(root, gitDirLine);
  const bare = bareLine.trim() === "true";
  const branch = bare
    ? "refs/heads/main"
    : (await git(["symbolic-ref", "-q", "HEAD"]).catch(() => "")).trim();
  if (!branch) throw new ErasureRefused(`${root} has no branch checked out`);
  const repo = { root, git, gitDir, bare, branch };
  if (existsSync(join(gitDir, PENDING))) await finish(repo);
  const staged = (await git(["for-each-ref", "--format=%(refname)", STAGING]))
    .split("\n")
    .filter(Boolean);
  for (const ref of staged) await git(["update-ref", "-d", ref]);
  if (!bare) {
    if ((await git(["status", "--porcelain", "--untracked-files=no"])).trim()) {
      throw new ErasureRefused(
        `${root} has changes that are not committed: commit or discard them first, so that nothing of yours is rewritten`,
      );
    }
    const upstream = (
      await git(["rev-parse", "--abbrev-ref", "@{upstream}"]).catch(() => "")
    ).trim();
    if (upstream) {
      const [ahead = "0", behind = "0"] = (
        await git(["rev-list", "--left-right", "--count", `HEAD...@{upstream}`])
      )
        .trim()
        .split(/\s+/);
      if (ahead !== "0" || behind !== "0") {
        throw new ErasureRefused(
          `${root} is ${ahead} commit(s) ahead of and ${behind} behind ${upstream}: pull and push first, so that the history erased is the one everybody shares`,
        );
      }
    }
  }
  return repo;
}

export interface EraseTarget {
  id: string;
  folder: string;
}

export interface EraseOptions {
  rule: ErasureRecord["rule"];
  now: Date;
  context: ChangeContext;
  /** For `staff_request`: the staff member whose data goes; the rest of the dossiers stays. */
  staffEmail?: string;
}

export interface EraseOutcome {
  erased: string[];
  /** Branches moved: old and new commit. */
  branches: { ref: string; old: string; new: string }[];
  /** Refs removed because they held the old history. */
  removed: string[];
  commits: number;
}

/** Erases `targets` (see the module comment); refuses, changing nothing, when a digest would change. */
export async function eraseTargets(
  repo: Repository,
  targets: readonly EraseTarget[],
  options: EraseOptions,
): Promise<EraseOutcome> {
  if (targets.length === 0) return { erased: [], branches: [], removed: [], commits: 0 };
  const paths = targets.map((t) => t.folder);
  const before = await readHistory(repo.root, repo.branch, options.context, paths);
  const at = formatInstant(options.now, options.context.timeZone);
  const staff = options.staffEmail;
  const folders: FolderErasure[] = targets.map((target) => {
    const history = before.dossiers.find((d) => d.folder === target.folder);
    if (!history) throw new ErasureRefused(`${target.id} has no history on ${repo.branch}`);
    const record: ErasureRecord = {
      at,
      rule: options.rule,
      digest: erasureDigest(history, before.findings),
    };
    // Called once per distinct version, in the order of the history.
    let version = 0;
    return staff === undefined
      ? {
          folder: target.folder,
          dossier: (text) => eraseDossierText(text, target.id, record, ++version),
          letter: (text) => eraseLetter(text, target.id, record),
          attachment: erasedAttachment(record),
        }
      : {
          folder: target.folder,
          dossier: (text) => eraseStaffText(text, staff, record),
          letter: (text) =>
            letterConcerns(text, staff) ? eraseLetter(text, target.id, record) : undefined,
        };
  });
  const result = await rewriteHistory(repo.root, repo.git, {
    folders,
    termsOf: (texts) => [
      ...new Set([...(staff ? [staff] : []), ...texts.flatMap((t) => personalTerms(t, staff))]),
    ],
    scrub: scrubMessage,
  });
  const read = result.branches.find((b) => b.ref === repo.branch);
  if (!read) throw new ErasureRefused(`${repo.branch} does not hold these dossiers`);
  const after = await readHistory(repo.root, stagingRef(repo.branch), options.context, paths);
  const broken = after.findings.filter((f) => f.kind === "erasure_digest");
  if (broken.length > 0 || after.findings.length !== before.findings.length) {
    await dropStaging(repo);
    throw new ErasureRefused(
      `the rewritten history would not give the audit the same figures (${[
        ...new Set([...broken.map((f) => f.dossier)]),
      ].join(", ")}); nothing was changed`,
    );
  }
  // The commit the work tree holds: a run that stops before its checkout follows finishes it.
  const checkout = repo.bare ? "" : (await repo.git(["rev-parse", "HEAD"])).trim();
  writeFileSync(join(repo.gitDir, PENDING), `${at}\n${checkout}\n`);
  const lines = ["start"];
  for (const b of result.branches) lines.push(`update ${b.ref} ${b.staged} ${b.old}`);
  for (const s of result.stale) lines.push(`delete ${s.ref} ${s.old}`);
  lines.push("prepare", "commit", "");
  try {
    await repo.git(["update-ref", "--stdin"], lines.join("\n"));
  } catch (error) {
    rmSync(join(repo.gitDir, PENDING), { force: true });
    await dropStaging(repo);
    throw new ErasureRefused(
      `a branch moved while the history was rewritten (a new commit came in); nothing was changed, run it again`,
      { cause: error },
    );
  }
  await dropStaging(repo);
  if (!repo.bare) await repo.git(["reset", "--hard", "--quiet"]);
  await prune(repo);
  return {
    erased: targets.map((t) => t.id),
    branches: result.branches.map((b) => ({ ref: b.ref, old: b.old, new: b.staged })),
    removed: result.stale.map((s) => s.ref),
    commits: result.commits,
  };
}

async function dropStaging(repo: Repository): Promise<void> {
  const refs = (await repo.git(["for-each-ref", "--format=%(refname)", STAGING]))
    .split("\n")
    .filter(Boolean);
  for (const ref of refs) await repo.git(["update-ref", "-d", ref]);
}

/**
 * Finishes what a run that stopped after the branches moved left: in a work
 * tree still holding the old commit (nothing changed since), the checkout
 * follows the new branch; then the prune. A work tree changed since is refused.
 */
async function finish(repo: Repository): Promise<void> {
  const [, old = ""] = readFileSync(join(repo.gitDir, PENDING), "utf8").split("\n");
  if (!repo.bare && old) {
    const head = (await repo.git(["rev-parse", "HEAD"])).trim();
    const unchanged = async (...args: string[]) =>
      repo.git(["diff", "--quiet", ...args, old, "--"]).then(
        () => true,
        () => false,
      );
    if (head !== old) {
      if (!(await unchanged()) || !(await unchanged("--cached")))
        throw new ErasureRefused(
          `${repo.root} has changes since an erasure that stopped before its checkout: ${repo.branch} is erased, the work tree is not; copy them elsewhere, run git reset --hard (the checkout of the erased history) and make them again`,
        );
      await repo.git(["reset", "--hard", "--quiet"]);
    }
  }
  await prune(repo);
}

/** Drops the old history: reflogs expired, unreachable objects pruned. */
async function prune(repo: Repository): Promise<void> {
  await repo.git(["reflog", "expire", "--expire=now", "--all"]);
  await repo.git(["gc", "--prune=now", "--quiet"]);
  rmSync(join(repo.gitDir, PENDING), { force: true });
}
