/**
 * After an erasure in a clone (a GitHub checkout): the rewritten branches go
 * to the remote with `--force-with-lease` (a branch that moved meanwhile is
 * left alone: the next run tries again), all or nothing (`--atomic`); and a
 * report says what the remote still holds that no push can reach.
 */
import type { GitRun } from "../repo/git.ts";
import type { EraseOutcome } from "./erase-run.ts";

/** Pushes the rewritten branches; throws the remote's refusal. */
export async function pushErasure(
  git: GitRun,
  remote: string,
  outcome: EraseOutcome,
): Promise<void> {
  if (outcome.branches.length === 0) return;
  await git([
    "push",
    "--atomic",
    "--porcelain",
    ...outcome.branches.map((b) => `--force-with-lease=${b.ref}:${b.old}`),
    remote,
    ...outcome.branches.map((b) => `${b.new}:${b.ref}`),
  ]);
}

/** The report for the repository's owner: what was done, and what only GitHub Support can do. */
export function erasureReport(outcome: EraseOutcome, rule: string, at: string): string {
  const pulls = outcome.removed
    .map((ref) => /^refs\/pull\/(\d+)\//.exec(ref)?.[1])
    .filter((n): n is string => n !== undefined);
  const lines = [
    `# Erasure of personal data, ${at}`,
    "",
    `Rule: ${rule}. Dossiers: ${outcome.erased.join(", ")}.`,
    `${outcome.commits} commits were rewritten; the branches were pushed with --force-with-lease:`,
    "",
    ...outcome.branches.map((b) => `- \`${b.ref}\`: \`${b.old}\` → \`${b.new}\``),
    "",
    "## What GitHub still holds",
    "",
    "The old commits stay readable on GitHub by their ids (and in cached views) until GitHub removes them,",
    pulls.length > 0
      ? `and the refs of these pull requests still hold them: ${[...new Set(pulls)].map((n) => `#${n}`).join(", ")}.`
      : "and the refs of pull requests that touched these dossiers (refs/pull/*) still hold them.",
    "Forks and clones keep what they had. Only GitHub Support can remove cached views, dangling",
    "commits and pull request refs: send them the request below (https://support.github.com/contact).",
    "",
    "## Request to GitHub Support",
    "",
    "> We have removed personal data from our repository under the GDPR (art. 17) and force-pushed",
    "> the rewritten history. Please remove the cached views and the now unreferenced commits, including",
    `> ${outcome.branches.map((b) => b.old).join(", ")} and their ancestors that are no longer on any branch,`,
    pulls.length > 0
      ? `> and the refs of pull requests ${[...new Set(pulls)].map((n) => `#${n}`).join(", ")}.`
      : "> and the refs of the pull requests that held them.",
    "",
  ];
  return lines.join("\n");
}
