import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { hasChromium, launchChromium } from "./browser.ts";
import { startDocketServe, type DocketServe } from "./desk-driver.ts";
import { ensureSiteBuilt } from "./site-build.ts";

/** What a suite of desk tests runs against: `docket serve` and Chromium. */
export interface DeskRun {
  docket: DocketServe;
  browser: Browser;
}

/**
 * Starts, before a suite's tests, the built site on `docket serve` (a fresh
 * embedded repository) and Chromium, and stops both after them. The fields
 * are there once the suite's tests run.
 */
export function runDesk(): DeskRun {
  const run = {} as DeskRun;
  beforeAll(async () => {
    if (!hasChromium) throw new Error("REQUIRE_BROWSER=1 but there is no Chromium");
    await ensureSiteBuilt();
    run.docket = await startDocketServe();
    run.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await run.browser?.close();
    await run.docket?.stop();
  });
  return run;
}
