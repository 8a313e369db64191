// The mail-in benchmark: replies filed per second on the local store, each matched, committed and the
// handler's "mail received" letter sent and committed; at two repository sizes, to show the cost of a
// reply does not grow with the number of dossiers.
import { performance } from "node:perf_hooks";
import { receiveMail } from "../automation/conversation/receive-mail.ts";
import { dispatch } from "../automation/dispatch/dispatch.ts";
import { CONFIG, createHarness, json, VALID } from "../test/support/intake-harness.ts";

export async function benchMail(
  dossiers: number,
  replies: number,
  concurrency: number,
): Promise<void> {
  const h = await createHarness();
  try {
    for (let n = 0; n < dossiers; n++) await h.post(...json({ ...VALID, summary: `Klacht ${n}` }));
    const deps = {
      config: CONFIG,
      calendar: h.dispatchDeps.context.calendar,
      store: h.store,
      clock: () => new Date(),
    };
    let next = 0;
    const took: number[] = [];
    const start = performance.now();
    const worker = async () => {
      while (next < replies) {
        const n = next++;
        const id = `KL-2026-${String((n % dossiers) + 1).padStart(4, "0")}`;
        const raw = new TextEncoder().encode(
          `From: <eva.jansen@example.nl>\r\nTo: klachten+${id}@interforce.eu\r\nSubject: Re: ${id}\r\n` +
            `Message-ID: <bench-${n}@example.nl>\r\n\r\nAntwoord ${n}.\r\n`,
        );
        const t = performance.now();
        const received = await receiveMail(deps, { raw, emailId: `bench-${n}` });
        if (received.outcome !== "filed") throw new Error(`reply ${n}: ${received.outcome}`);
        await dispatch(h.dispatchDeps, { only: [received.filed.dossierPath] });
        took.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    const filed = h.files().filter((f) => f.includes("-received-")).length;
    if (filed !== replies) throw new Error(`expected ${replies} replies filed, got ${filed}`);
    took.sort((a, b) => a - b);
    console.log(
      `mail in, local git store, ${replies} replies over ${dossiers} dossiers, ${concurrency} at a time`.padEnd(
        60,
      ) +
        ` ${(replies / seconds).toFixed(1).padStart(6)} replies/s (filed, handler's letter sent and committed);` +
        ` median ${took[Math.floor(replies / 2)]?.toFixed(0)} ms, p90 ${took[Math.floor(replies * 0.9)]?.toFixed(0)} ms each`,
    );
  } finally {
    h.dispose();
  }
}
