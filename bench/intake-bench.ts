// The intake benchmark: intakes per second on the local store.
import { performance } from "node:perf_hooks";
import { createHarness, json, VALID } from "../test/support/intake-harness.ts";

export async function benchIntake(count: number, concurrency: number): Promise<void> {
  const h = await createHarness();
  try {
    let next = 0;
    const answered: number[] = [];
    const start = performance.now();
    const worker = async () => {
      while (next < count) {
        const n = next++;
        const t = performance.now();
        // post() waits for the letters too; the answer time is measured separately below.
        const response = await h.post(...json({ ...VALID, summary: `Klacht ${n}` }));
        if (response.status !== 201) throw new Error(`intake ${n}: ${response.status}`);
        answered.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    const dossiers = h.files().filter((f) => f.endsWith("/dossier.md")).length;
    const copies = h.files().filter((f) => f.endsWith(".eml")).length;
    if (dossiers !== count || copies !== 2 * count)
      throw new Error(`expected ${count} dossiers, got ${dossiers}`);
    answered.sort((a, b) => a - b);
    console.log(
      `intake, local git store + outbox, ${count} complaints, ${concurrency} at a time`.padEnd(60) +
        ` ${(count / seconds).toFixed(1).padStart(6)} intakes/s (answer, letters and copies committed);` +
        ` median ${answered[Math.floor(count / 2)]?.toFixed(0)} ms, p90 ${answered[Math.floor(count * 0.9)]?.toFixed(0)} ms each`,
    );
  } finally {
    h.dispose();
  }
}
