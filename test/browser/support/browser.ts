import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (apt-get install chromium); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium quiet on a closed network. Playwright adds a fresh profile (--user-data-dir). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const hasChromium = existsSync(CHROMIUM);

/** REQUIRE_BROWSER=1 (CI) turns a missing browser from a loud skip into a failure. */
export const requireBrowser = process.env.REQUIRE_BROWSER === "1";

/** Says out loud that the browser tests cannot run: skipped, or failed when they are required. */
export function warnNoBrowser(suite: string): void {
  if (hasChromium) return;
  const outcome = requireBrowser ? "FAILED (REQUIRE_BROWSER=1)" : "SKIPPED";
  console.warn(
    `\n*** ${suite}: ${outcome}: no Chromium at ${CHROMIUM}. Install it with ` +
      "`apt-get install -y chromium` (or set CHROMIUM_PATH)" +
      (requireBrowser ? ". ***\n" : "; set REQUIRE_BROWSER=1 to make this a failure. ***\n"),
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}
