import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { createDispatchRounds } from "../../automation/dispatch/dispatch-rounds.ts";
import { loadTemplates } from "../../automation/letters/load-templates.ts";
import { createOutboxMailer } from "../../automation/mail/outbox-mailer.ts";
import { startRetentionTimer } from "../../automation/privacy/retention-timer.ts";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";
import type { SnapshotReader } from "../../automation/store/snapshot-reader.ts";
import { bareCloneOf, TestRepo } from "../support/git-repo.ts";
import { CONFIG } from "../support/intake-harness.ts";
import { closedCase } from "./privacy-history.ts";

const NOW = new Date("2029-01-10T03:00:00+01:00");
const source = new TestRepo();
closedCase(
  source,
  1,
  { name: "Mira Oldenkamp", email: "mira@example.nl", summary: "Declaratie", words: "Reisdagen." },
  { name: "Piet Smit", email: "piet@example.nl" },
  "2026-12-05",
);
const bare = bareCloneOf(source);
const outbox = mkdtempSync(join(tmpdir(), "docket-outbox-"));
afterAll(() => {
  source.dispose();
  rmSync(bare, { recursive: true, force: true });
  rmSync(outbox, { recursive: true, force: true });
});

describe("the retention run of docket serve", () => {
  it("erases in the server's queue, and the dispatch rounds carry on over the new history", async () => {
    const store = createLocalGitStore({ dir: bare });
    const round = createDispatchRounds(
      {
        store,
        mailer: createOutboxMailer({ dir: outbox }),
        config: CONFIG,
        context: ruleContext(CONFIG),
        templates: await loadTemplates(),
        now: () => NOW,
      },
      store.reader as SnapshotReader,
    );
    expect((await round()).reconciled).toBe(1);
    const before = execFileSync("git", ["rev-parse", "main"], { cwd: bare, encoding: "utf8" });
    const logged: string[] = [];
    let queued = 0;
    const timer = startRetentionTimer({
      root: bare,
      config: CONFIG,
      context: ruleContext(CONFIG),
      every: 24 * 3_600_000,
      serial: (work) => {
        queued++;
        return work();
      },
      log: (m) => logged.push(m),
      now: () => NOW,
    });
    await timer.first;
    timer.stop();
    expect(queued).toBe(1);
    expect(logged.join("\n")).toMatch(/^retention: erased KL-2026-0001 \(\d+ commits rewritten\)/);
    expect(execFileSync("git", ["rev-parse", "main"], { cwd: bare, encoding: "utf8" })).not.toBe(
      before,
    );
    // The round sees a new main whose commit it never saw, reads the erased dossier, sends nothing.
    const next = await round();
    expect(next.reconciled).toBe(1);
    expect(JSON.stringify([next.sent, next.failed, next.skipped])).toBe("[[],[],[]]");
    expect(readdirSync(outbox)).toEqual([]);
  });

  it("is off with DOCKET_RETENTION_HOURS=0", async () => {
    let queued = 0;
    const timer = startRetentionTimer({
      root: bare,
      config: CONFIG,
      context: ruleContext(CONFIG),
      every: 0,
      serial: (work) => {
        queued++;
        return work();
      },
      log: () => undefined,
    });
    await timer.first;
    expect(queued).toBe(0);
  });
});

describe("the first start of docket serve", () => {
  it("finds nobody's data in a repository without commits, and says nothing", async () => {
    const empty = new TestRepo({ bare: true });
    try {
      const logged: string[] = [];
      const timer = startRetentionTimer({
        root: empty.dir,
        config: CONFIG,
        context: ruleContext(CONFIG),
        every: 24 * 3_600_000,
        serial: (work) => work(),
        log: (m) => logged.push(m),
        now: () => NOW,
      });
      await timer.first;
      timer.stop();
      expect(logged).toEqual([]);
    } finally {
      empty.dispose();
    }
  });
});
