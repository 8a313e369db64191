import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface PushHookTarget {
  /** The Node.js executable that runs Docket. */
  node: string;
  /** Docket's CLI script. */
  cli: string;
  /** The configuration file the check reads. */
  config: string;
  branch: string;
}

/**
 * The `pre-receive` hook of the embedded repository: every push to the
 * dossiers' branch is judged by `docket check-push` before it lands, and a
 * refused push prints the same messages as the pull-request check. Written at
 * start-up, so it always runs the Docket that is serving; returns whether it
 * had to be (re)written.
 */
export function installPushHook(repo: string, target: PushHookTarget): boolean {
  const hooks = join(repo, existsSync(join(repo, ".git")) ? ".git/hooks" : "hooks");
  const file = join(hooks, "pre-receive");
  const script = [
    "#!/bin/sh",
    "# Docket's push check: every push to the dossiers' branch is judged by the",
    "# rules of a case before it lands. Docket writes this file at start-up;",
    "# changes made here are overwritten.",
    `DOCKET_CONFIG=${quote(target.config)} exec ${quote(target.node)} ${quote(target.cli)} check-push --branch ${quote(target.branch)}`,
    "",
  ].join("\n");
  if (existsSync(file) && readFileSync(file, "utf8") === script) return false;
  mkdirSync(hooks, { recursive: true });
  writeFileSync(file, script, { mode: 0o755 });
  chmodSync(file, 0o755);
  return true;
}

/** A word for sh, in single quotes. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
