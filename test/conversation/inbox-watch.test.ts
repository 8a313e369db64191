import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchInbox } from "../../automation/conversation/inbox-watch.ts";
import type { ReceiveDeps } from "../../automation/conversation/receive-mail.ts";

/**
 * Where `docket serve` looks for mail in: `.docket/inbox` on the embedded
 * default, `DOCKET_INBOX` when set, nowhere on GitHub unless it is set.
 * The store is never reached here: only a file that is no message is dropped.
 */

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function start(env: NodeJS.ProcessEnv, local: boolean) {
  const cwd = mkdtempSync(join(tmpdir(), "docket-inbox-watch-"));
  roots.push(cwd);
  const logs: string[] = [];
  const watch = watchInbox({
    env,
    every: 50,
    cwd,
    local,
    deps: {} as ReceiveDeps,
    deliver: () => Promise.resolve(),
    log: (message) => logs.push(message),
  });
  return { cwd, watch, logs };
}

describe("docket serve's inbox", () => {
  it("is .docket/inbox on the embedded default, made when missing, and takes in what is put there", async () => {
    const { cwd, watch, logs } = start({}, true);
    expect(watch?.dir).toBe(join(cwd, ".docket", "inbox"));
    writeFileSync(join(cwd, ".docket", "inbox", "empty.eml"), "");
    const until = Date.now() + 5000;
    while (!logs.some((l) => l.includes("empty.eml failed")) && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await watch?.stop();
    expect(readdirSync(join(cwd, ".docket", "inbox", "failed")).sort()).toEqual([
      "empty.eml",
      "empty.eml.txt",
    ]);
  });

  it("is DOCKET_INBOX when set, relative to where docket runs, also with GitHub", async () => {
    const { cwd, watch } = start({ DOCKET_INBOX: "mail/in" }, false);
    expect(watch?.dir).toBe(join(cwd, "mail", "in"));
    await watch?.stop();
  });

  it("is off with GitHub when DOCKET_INBOX is not set", () => {
    expect(start({}, false).watch).toBeUndefined();
  });
});
