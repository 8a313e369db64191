// The handler's desk on the local store: what Decap's list of cases, the form's check of a step
// (with the letters it sends) and a save cost in a repository of many dossiers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ruleContext } from "../automation/config/rule-context.ts";
import { createDeskApi, DESK_API_PATH } from "../automation/desk/desk-api.ts";
import { applyDeskEdit, deskEntry } from "../automation/desk/desk-edit.ts";
import { deskLetterPreview } from "../automation/desk/desk-letters.ts";
import { loadTemplates } from "../automation/letters/load-templates.ts";
import { createOutboxMailer } from "../automation/mail/outbox-mailer.ts";
import type { DossierStore } from "../automation/store/dossier-store.ts";
import { CONFIG } from "../test/support/intake-harness.ts";

// After the last generated judgement, as the validate benches judge.
const NOW = new Date("2033-01-03T12:00:00+01:00");
const line = (name: string, value: string) => console.log(`${name.padEnd(60)} ${value}`);

export async function benchDesk(store: DossierStore, count: number, runs = 5): Promise<void> {
  const outbox = mkdtempSync(join(tmpdir(), "docket-desk-"));
  try {
    const context = ruleContext(CONFIG);
    const desk = createDeskApi({
      store,
      context,
      clock: () => NOW,
      previewLetters: deskLetterPreview({
        store,
        mailer: createOutboxMailer({ dir: outbox }),
        config: CONFIG,
        context,
        templates: await loadTemplates(),
        now: () => NOW,
      }),
    });
    const call = async (action: string, params: object) => {
      const start = performance.now();
      const response = await desk(
        new Request(`http://127.0.0.1${DESK_API_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ action, params }),
        }),
        { clientAddress: "127.0.0.1", defer: () => undefined },
      );
      const body = (await response.json()) as unknown;
      if (!response.ok) throw new Error(`${action}: ${response.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - start, body };
    };
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

    const first = await call("entriesByFolder", {});
    const repeated: number[] = [];
    for (let n = 0; n < runs; n += 1) repeated.push((await call("entriesByFolder", {})).ms);
    const again = median(repeated);
    const entries = first.body as { file: { path: string }; data: string }[];
    line(`desk: list of cases, ${count} dossiers, first`, `${first.ms.toFixed(0)} ms`);
    line(
      `desk: list of cases, ${count} dossiers, again`,
      `${again.toFixed(0)} ms (median of ${runs})`,
    );

    const entry = entries[0];
    if (!entry) return;
    const step = (n: number) =>
      applyDeskEdit(entry.data, {
        ...deskEntry(entry.data),
        body: `${deskEntry(entry.data).body}\nGebeld ${n}.\n`,
      });
    const checks: number[] = [];
    for (let n = 0; n < runs; n += 1)
      checks.push((await call("docketCheck", { path: entry.file.path, raw: step(n) })).ms);
    line(
      `desk: check of one step with its letters, ${count} dossiers`,
      `${median(checks).toFixed(0)} ms (median of ${runs})`,
    );
    const saves: number[] = [];
    for (let n = 0; n < runs; n += 1) {
      const text = (await store.read([entry.file.path])).get(entry.file.path) ?? "";
      const raw = applyDeskEdit(text, {
        ...deskEntry(text),
        body: `${deskEntry(text).body}\nGebeld ${n}.\n`,
      });
      saves.push(
        (await call("persistEntry", { dataFiles: [{ path: entry.file.path, raw }], assets: [] }))
          .ms,
      );
    }
    line(
      `desk: save of one step, ${count} dossiers`,
      `${median(saves).toFixed(0)} ms (median of ${runs})`,
    );
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
}
