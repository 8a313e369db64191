// Reading costs what changed: GitHub requests of the store and of the dispatch rounds, on the
// contract-checked GitHub fake, and the local store's idle round.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ruleContext } from "../automation/config/rule-context.ts";
import { createDispatchRounds } from "../automation/dispatch/dispatch-rounds.ts";
import { loadTemplates } from "../automation/letters/load-templates.ts";
import { createOutboxMailer } from "../automation/mail/outbox-mailer.ts";
import type { DossierStore } from "../automation/store/dossier-store.ts";
import type { SnapshotReader } from "../automation/store/snapshot-reader.ts";
import { takeViolations } from "../test/support/github-contract-check.ts";
import { GitHubFake, listen, requestsDuring } from "../test/support/github-fake.ts";
import { requestsPerIntake, testStore } from "../test/support/github-test-store.ts";
import { CONFIG } from "../test/support/intake-harness.ts";
import { generateDossier } from "./generate-dossiers.ts";

const NOW = new Date("2026-12-15T09:00:00+01:00");

async function roundsOn(store: DossierStore, outbox: string) {
  return createDispatchRounds(
    {
      store,
      mailer: createOutboxMailer({ dir: outbox }),
      config: CONFIG,
      context: ruleContext(CONFIG),
      templates: await loadTemplates(),
      now: () => NOW,
    },
    store.reader as SnapshotReader,
    { dryRun: true },
  );
}

const line = (name: string, value: string) => console.log(`${name.padEnd(60)} ${value}`);

/** Figures from requests GitHub would refuse count for nothing: the fake's contract holds here too. */
function heldToGitHubsContract(): void {
  const refused = takeViolations();
  if (refused.length > 0)
    throw new Error(`The benchmark sent requests GitHub would refuse:\n${refused.join("\n")}`);
}

export async function benchGitHubRequests(): Promise<void> {
  for (const existing of [0, 1500]) {
    const counts = await requestsPerIntake({ intakes: 5, existing });
    line(
      `GitHub requests per intake, ${existing} dossiers before`,
      counts.map((c) => `${c.requests} (${c.writes} write)`).join(", ") + " (each of 5 intakes)",
    );
  }
  const fake = new GitHubFake();
  const server = listen(fake);
  try {
    const store = testStore(fake);
    const sent = await requestsDuring(fake, () =>
      Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          store.fileDossier({
            prefix: "KL",
            year: "2026",
            submissionId: `concurrent-${n}`,
            build: (id) => ({
              files: [{ path: `dossiers/2026/${id}/dossier.md`, content: `id: ${id}\n` }],
              message: `Intake ${id}`,
            }),
          }),
        ),
      ),
    );
    line("GitHub requests for 20 concurrent intakes, one process", `${sent.length}`);
  } finally {
    server.close();
  }
  heldToGitHubsContract();
}

export async function benchRounds(counts: readonly number[]): Promise<void> {
  const outbox = mkdtempSync(join(tmpdir(), "docket-rounds-"));
  try {
    for (const count of counts) {
      const dossiers = Array.from({ length: count }, (_, n) => generateDossier(n + 1));
      const fake = new GitHubFake({
        files: Object.fromEntries(dossiers.map((d) => [d.path, d.text])),
      });
      const server = listen(fake);
      try {
        const round = await roundsOn(testStore(fake), outbox);
        const count1 = (sent: { counted: boolean }[]) =>
          `${sent.length} requests, ${sent.filter((r) => r.counted).length} counted`;
        line(
          `dispatch round at start-up, ${count} dossiers`,
          count1(await requestsDuring(fake, round)),
        );
        line(`idle dispatch round, ${count} dossiers`, count1(await requestsDuring(fake, round)));
        for (const changed of [1, 100]) {
          const edits = Object.fromEntries(
            dossiers.slice(0, changed).map((d) => [d.path, `${d.text}\nNotitie ${changed}.\n`]),
          );
          fake.git.commitFiles(edits, `${changed} changed`);
          line(
            `dispatch round after ${changed} changed dossier(s), ${count} dossiers`,
            count1(await requestsDuring(fake, round)),
          );
        }
      } finally {
        server.close();
      }
    }
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
  heldToGitHubsContract();
}

/** The local store's idle round over a bare repository of dossiers (median of `runs`). */
export async function benchLocalIdleRound(
  store: DossierStore,
  count: number,
  runs = 7,
): Promise<void> {
  const outbox = mkdtempSync(join(tmpdir(), "docket-rounds-"));
  try {
    const round = await roundsOn(store, outbox);
    let start = performance.now();
    await round();
    const first = performance.now() - start;
    const idle: number[] = [];
    for (let n = 0; n < runs; n += 1) {
      start = performance.now();
      const report = await round();
      idle.push(performance.now() - start);
      if (!report.idle) throw new Error("an idle round was not idle");
    }
    idle.sort((a, b) => a - b);
    line(`local store: first dispatch round, ${count} dossiers`, `${first.toFixed(0)} ms`);
    line(
      `local store: idle dispatch round, ${count} dossiers`,
      `${idle[Math.floor(runs / 2)]?.toFixed(1)} ms (median of ${runs})`,
    );
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
}
