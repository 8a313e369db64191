import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { CHROMIUM, hasChromium, launchChromium, requireBrowser, warnNoBrowser } from "./browser.ts";
import { ensureSiteBuilt } from "./site-build.ts";
import { startSiteServer, type SiteServer } from "./site-server.ts";

export interface SiteFixture {
  server: SiteServer;
  browser: Browser;
}

/**
 * A suite that runs in real Chromium against the built site and the real
 * intake handler. Without Chromium it is skipped with a loud warning, or,
 * with REQUIRE_BROWSER=1, fails.
 */
export function browserSuite(name: string, body: (site: SiteFixture) => void): void {
  if (!hasChromium) {
    warnNoBrowser(name);
    if (requireBrowser) {
      describe(name, () => {
        it("runs in Chromium (REQUIRE_BROWSER=1)", () => {
          throw new Error(`REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM}`);
        });
      });
    } else {
      describe.skip(name, () => it("runs in Chromium", () => undefined));
    }
    return;
  }
  describe(name, () => {
    const site = {} as SiteFixture;
    beforeAll(async () => {
      await ensureSiteBuilt();
      site.server = await startSiteServer();
      site.browser = await launchChromium();
    }, 180_000);
    afterAll(async () => {
      await site.browser?.close();
      await site.server?.close();
    });
    body(site);
  });
}
