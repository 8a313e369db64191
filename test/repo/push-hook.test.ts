import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { installPushHook, type PushHookTarget } from "../../automation/repo/push-hook.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function bareRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "docket-hook-"));
  dirs.push(dir);
  execFileSync("git", ["init", "--quiet", "--bare", dir]);
  return dir;
}

const TARGET: PushHookTarget = {
  node: "/usr/bin/node",
  cli: "/opt/docket/automation/cli/bin.ts",
  config: "/srv/it's here/docket.config.yaml",
  branch: "main",
};

describe("the embedded repository's pre-receive hook", () => {
  it("is written executable, running docket check-push with the configuration and branch", () => {
    const repo = bareRepo();
    expect(installPushHook(repo, TARGET)).toBe(true);
    const hook = join(repo, "hooks", "pre-receive");
    expect(statSync(hook).mode & 0o111).toBe(0o111);
    const script = readFileSync(hook, "utf8");
    expect(script).toContain(`check-push --branch 'main'`);
    expect(script).toContain(`DOCKET_CONFIG='/srv/it'\\''s here/docket.config.yaml'`);
  });

  it("is kept current at start-up: left alone when it is Docket's, rewritten when it was changed", () => {
    const repo = bareRepo();
    const hook = join(repo, "hooks", "pre-receive");
    installPushHook(repo, TARGET);
    const written = readFileSync(hook, "utf8");
    expect(installPushHook(repo, TARGET)).toBe(false);

    writeFileSync(hook, "#!/bin/sh\nexit 0\n", { mode: 0o644 });
    expect(installPushHook(repo, TARGET)).toBe(true);
    expect(readFileSync(hook, "utf8")).toBe(written);
    expect(statSync(hook).mode & 0o111).toBe(0o111);

    // Another Docket (moved, or upgraded to another Node) serving the same repository.
    expect(installPushHook(repo, { ...TARGET, node: "/usr/local/bin/node" })).toBe(true);
    expect(readFileSync(hook, "utf8")).toContain("'/usr/local/bin/node'");
  });
});
