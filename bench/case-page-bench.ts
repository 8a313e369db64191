// The complainant's page: what a page view, a link that opens nothing and an unknown id cost on the local
// store, at two repository sizes, to show that the cost does not grow with the number of dossiers and that
// a link that opens nothing costs what an unknown id costs.
import { performance } from "node:perf_hooks";
import { json, VALID } from "../test/support/intake-harness.ts";
import { createPageHarness } from "../test/case-page/case-page-support.ts";

export async function benchCasePage(dossiers: number, views: number): Promise<void> {
  const h = await createPageHarness();
  try {
    for (let n = 0; n < dossiers; n++) await h.post(...json({ ...VALID, summary: `Klacht ${n}` }));
    const id = "KL-2026-0001";
    const link = new URL(await h.linkFromAcknowledgement(id)).pathname;
    const time = async (path: string, status: number) => {
      const took: number[] = [];
      for (let i = 0; i < views; i++) {
        const start = performance.now();
        const response = await h.request(path);
        await response.arrayBuffer();
        took.push(performance.now() - start);
        if (response.status !== status) throw new Error(`${path}: ${response.status}`);
      }
      took.sort((a, b) => a - b);
      return `median ${took[Math.floor(views / 2)]?.toFixed(1)} ms, p90 ${took[Math.floor(views * 0.9)]?.toFixed(1)} ms`;
    };
    const page = await time(link, 200);
    const wrong = await time(`/zaak/${id}/${"Q".repeat(32)}`, 404);
    const unknown = await time(`/zaak/KL-2026-9999/${"Q".repeat(32)}`, 404);
    console.log(
      `case page, local git store, ${dossiers} dossiers, ${views} requests each`.padEnd(60) +
        ` page ${page}; link that opens nothing ${wrong}; unknown id ${unknown}`,
    );
  } finally {
    h.dispose();
  }
}
