import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SetupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDossier } from "../../bench/generate-dossiers.ts";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { createDispatchRounds } from "../../automation/dispatch/dispatch-rounds.ts";
import { loadTemplates } from "../../automation/letters/load-templates.ts";
import { createOutboxMailer } from "../../automation/mail/outbox-mailer.ts";
import type { SnapshotReader } from "../../automation/store/snapshot-reader.ts";
import { GitHubFake, listen, requestsDuring } from "../support/github-fake.ts";
import { testStore } from "../support/github-test-store.ts";
import { CONFIG } from "../support/intake-harness.ts";

/** What the dispatch rounds of `docket serve` cost on GitHub over a year of 400 dossiers. */

const dir = mkdtempSync(join(tmpdir(), "docket-rounds-"));
const files = Object.fromEntries(
  Array.from({ length: 400 }, (_, n) => generateDossier(n + 1)).map((d) => [d.path, d.text]),
);
const github = new GitHubFake({ files });
let server: SetupServer;
let round: ReturnType<typeof createDispatchRounds>;
let now = new Date("2026-12-15T09:00:00+01:00");

beforeAll(async () => {
  server = listen(github);
  const store = testStore(github);
  round = createDispatchRounds(
    {
      store,
      mailer: createOutboxMailer({ dir }),
      config: CONFIG,
      context: ruleContext(CONFIG),
      templates: await loadTemplates(),
      now: () => now,
    },
    store.reader as SnapshotReader,
    { dryRun: true },
  );
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
  expect(github.violations).toEqual([]);
});

describe("dispatch rounds on GitHub", () => {
  it("start up over 400 dossiers in at most 20 requests", async () => {
    const sent = await requestsDuring(github, async () => {
      expect((await round()).reconciled).toBe(400);
    });
    expect(sent.length).toBeLessThanOrEqual(20);
  });

  it("spend no counted request in an idle hour of rounds, one a minute", async () => {
    const sent = await requestsDuring(github, async () => {
      for (let minute = 0; minute < 60; minute += 1) {
        now = new Date(now.getTime() + 60_000);
        expect((await round()).idle).toBe(true);
      }
    });
    expect(sent).toHaveLength(60);
    expect(sent.filter((r) => r.counted)).toEqual([]);
  });

  it("read about what changed after a handler's commit", async () => {
    const [path, text] = Object.entries(files)[7] as [string, string];
    github.git.commitFiles({ [path]: `${text}\nNotitie van de behandelaar.\n` }, "Handler note");
    const sent = await requestsDuring(github, async () => {
      expect((await round()).reconciled).toBe(1);
    });
    // The head, the year's tree ids, the changed year's tree, the one text.
    expect(sent.length).toBeLessThanOrEqual(4);
  });

  it("read the texts of the 100 dossiers that changed, and no other", async () => {
    const changed = Object.entries(files).slice(100, 200);
    github.git.commitFiles(
      Object.fromEntries(changed.map(([path, text]) => [path, `${text}\nNotitie.\n`])),
      "A hundred handlers' notes",
    );
    const sent = await requestsDuring(github, async () => {
      expect((await round()).reconciled).toBe(100);
    });
    expect(sent.length).toBeLessThanOrEqual(4);
    const blobs = sent.flatMap((r) =>
      Object.keys((r.body as { variables?: object } | undefined)?.variables ?? {}).filter((v) =>
        /^o\d+$/.test(v),
      ),
    );
    expect(blobs).toHaveLength(100);
  });

  it("reconcile every dossier again once the day changes, without reading them again", async () => {
    now = new Date("2026-12-16T09:00:00+01:00");
    const sent = await requestsDuring(github, async () => {
      expect((await round()).reconciled).toBe(400);
    });
    expect(sent).toHaveLength(1);
  });
});
