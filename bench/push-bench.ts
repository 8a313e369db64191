import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BUNDLED_CONFIG } from "../automation/config/read-config.ts";
import { installPushHook } from "../automation/repo/push-hook.ts";

/**
 * What the embedded repository's push check adds to a handler's push of one
 * changed dossier, in a repository of `count` dossiers: the median wall time
 * of `git push` with the pre-receive hook, minus without it.
 */
export function benchPush(tree: string, bare: string, runs: number): void {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.nl", ...args], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  const file =
    git(tree, "ls-files", "dossiers/")
      .split("\n")
      .find((f) => f.endsWith("/dossier.md")) ?? "";
  const hook = join(bare, "hooks", "pre-receive");
  let n = 0;
  const pushOnce = (): number => {
    const text = readFileSync(join(tree, file), "utf8");
    writeFileSync(join(tree, file), `${text}\nNotitie ${++n}.\n`);
    git(tree, "commit", "--quiet", "-am", `Note ${n}`);
    const start = performance.now();
    git(tree, "push", "--quiet", bare, "HEAD:main");
    return performance.now() - start;
  };
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  rmSync(hook, { force: true });
  const without = median(Array.from({ length: runs + 2 }, pushOnce));
  installPushHook(bare, {
    node: process.execPath,
    cli: join(import.meta.dirname, "..", "automation", "cli", "bin.ts"),
    config: BUNDLED_CONFIG,
    branch: "main",
  });
  const withHook = median(Array.from({ length: runs + 2 }, pushOnce));
  console.log(
    `${"push of one changed dossier, without the check".padEnd(44)} ${without.toFixed(0).padStart(6)} ms wall`,
  );
  console.log(
    `${"push of one changed dossier, with the check".padEnd(44)} ${withHook.toFixed(0).padStart(6)} ms wall` +
      `  (the check adds ${(withHook - without).toFixed(0)} ms)`,
  );
}
