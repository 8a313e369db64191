/**
 * `npm run lighthouse`: Lighthouse (the npm package) with Debian's Chromium,
 * offline, against the form page as `docket serve` serves it, for desktop
 * and mobile. Prints the four category scores and any audit that is not
 * perfect. Not part of `npm test`.
 */
import lighthouse, { desktopConfig } from "lighthouse";
import { hasChromium, CHROMIUM } from "./support/browser.ts";
import { startChromium } from "./support/chromium-process.ts";
import { ensureSiteBuilt } from "./support/site-build.ts";
import { startSiteServer } from "./support/site-server.ts";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

if (!hasChromium) {
  console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  process.exit(2);
}

await ensureSiteBuilt();
const server = await startSiteServer();
const chromium = await startChromium();
const paths = process.argv.slice(2).filter((a) => a.startsWith("/"));
let imperfect = 0;
try {
  for (const path of paths.length > 0 ? paths : ["/", "/en/"]) {
    for (const [device, config] of [
      ["desktop", desktopConfig],
      ["mobile", undefined],
    ] as const) {
      const result = await lighthouse(
        `${server.base}${path}`,
        { port: chromium.port, logLevel: "error", onlyCategories: CATEGORIES },
        config,
      );
      if (!result) throw new Error("Lighthouse returned nothing");
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code} ${runtimeError.message}`);
      const scores = CATEGORIES.map((c) => `${c} ${Math.round((categories[c]?.score ?? 0) * 100)}`);
      console.log(`${path} ${device.padEnd(7)} ${scores.join("  ")}`);
      for (const audit of Object.values(audits)) {
        if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative") {
          imperfect++;
          console.log(`    ${audit.id}: ${audit.score} ${audit.displayValue ?? ""}`);
        }
      }
    }
  }
} finally {
  await chromium.close();
  await server.close();
}
if (imperfect > 0) console.log(`${imperfect} audits below a perfect score (listed above).`);
