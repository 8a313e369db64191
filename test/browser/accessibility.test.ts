import { expect, it } from "vitest";
import { browserSuite } from "./support/browser-suite.ts";
import { axeViolations, scrollsSideways, watchPage, type InPage } from "./support/page-helpers.ts";

/** Every page of the site, with the page in the other language where there is one. */
const PAGES: { path: string; lang: "nl" | "en"; other?: string }[] = [
  { path: "/", lang: "nl", other: "/en/" },
  { path: "/en/", lang: "en", other: "/" },
  { path: "/bedankt/?id=KL-2026-0001", lang: "nl", other: "/en/thank-you/" },
  { path: "/en/thank-you/?id=KL-2026-0001", lang: "en", other: "/bedankt/" },
  { path: "/privacy/", lang: "nl", other: "/en/privacy/" },
  { path: "/en/privacy/", lang: "en", other: "/privacy/" },
  { path: "/klachtenprocedure/", lang: "nl", other: "/en/complaints-procedure/" },
  { path: "/en/complaints-procedure/", lang: "en", other: "/klachtenprocedure/" },
  { path: "/no-such-page/", lang: "nl" },
];

browserSuite("accessibility of every page", (site) => {
  it("has checks that can fail: axe and the sideways-scrolling measure", async () => {
    const page = await site.browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.setContent(
      '<html><body><img src="data:,"><div style="width:400px">x</div></body></html>',
    );
    expect((await axeViolations(page)).join("\n")).toMatch(/image-alt/);
    expect(await scrollsSideways(page)).toBe(true);
    await page.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`axe finds nothing on any page (${colorScheme})`, async () => {
      const page = await site.browser.newPage({ colorScheme });
      const watch = watchPage(page, site.server.base);
      const found: string[] = [];
      for (const { path, other } of PAGES) {
        const seen = watch.problems.length;
        await page.goto(`${site.server.base}${path}`);
        found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
        // The 404 page is answered with 404, which Chromium logs; nothing else may go wrong there.
        if (!other)
          expect(watch.problems.splice(seen)).toEqual([expect.stringContaining("status of 404")]);
      }
      // The form with every error showing.
      await page.goto(`${site.server.base}/`);
      await page.click("button[type=submit]");
      found.push(...(await axeViolations(page)).map((v) => `/ with errors: ${v}`));
      expect(found).toEqual([]);
      expect(watch.problems).toEqual([]);
      await page.close();
    });
  }

  it("says each page's language and links to it in the other language", async () => {
    const page = await site.browser.newPage();
    for (const { path, lang, other } of PAGES) {
      const response = await page.goto(`${site.server.base}${path}`);
      expect(response?.status(), path).toBe(other ? 200 : 404);
      expect(await page.getAttribute("html", "lang"), path).toBe(lang);
      if (!other) continue;
      const otherLang = lang === "nl" ? "en" : "nl";
      const alternates = await page.$$eval("link[rel=alternate][hreflang]", (links) =>
        links.map((l) => [
          l.getAttribute("hreflang"),
          new URL(l.getAttribute("href") ?? "").pathname,
        ]),
      );
      expect(alternates, path).toContainEqual([otherLang, other]);
      expect(alternates, path).toContainEqual([lang, new URL(path, "http://x").pathname]);
      const switcher = page.locator(`header a[hreflang=${otherLang}]`);
      expect(await switcher.getAttribute("lang"), path).toBe(otherLang);
      expect(new URL((await switcher.getAttribute("href")) ?? "", "http://x").pathname).toBe(other);
    }
    await page.close();
  });

  const noSidewaysScrolling = async (viewport: { width: number; height: number }, scale = 1) => {
    const page = await site.browser.newPage({ viewport, deviceScaleFactor: scale });
    const wide: string[] = [];
    for (const { path } of PAGES) {
      await page.goto(`${site.server.base}${path}`);
      if (await scrollsSideways(page)) wide.push(path);
    }
    await page.goto(`${site.server.base}/`);
    await page.click("button[type=submit]");
    if (await scrollsSideways(page)) wide.push("/ with errors");
    await page.close();
    return wide;
  };

  it("needs no sideways scrolling on a 360 px phone", async () => {
    expect(await noSidewaysScrolling({ width: 360, height: 740 }, 2)).toEqual([]);
  });

  it("needs no sideways scrolling at 320 CSS px: 200% zoom of a 640 px window", async () => {
    expect(await noSidewaysScrolling({ width: 320, height: 480 }, 2)).toEqual([]);
  });

  it("follows dark mode and reduced motion", async () => {
    const page = await site.browser.newPage({ colorScheme: "dark", reducedMotion: "reduce" });
    await page.goto(`${site.server.base}/`);
    const look = await page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as unknown as InPage;
      const button = document.querySelector("button[type=submit]");
      return {
        background: getComputedStyle(document.body).backgroundColor,
        transition: button ? parseFloat(getComputedStyle(button).transitionDuration) : NaN,
      };
    });
    expect(look.background).toBe("rgb(21, 23, 26)");
    expect(look.transition).toBeLessThan(0.001);
    await page.close();
  });

  it("is light: the form page under 100 KiB all in, no cookies, nothing from elsewhere", async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const watch = watchPage(page, site.server.base);
    const sizes: Record<string, number> = {};
    page.on("response", async (response) => {
      sizes[new URL(response.url()).pathname] = (await response.body()).length;
    });
    await page.goto(`${site.server.base}/`, { waitUntil: "networkidle" });
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    const scripts = Object.entries(sizes).filter(([path]) => path.endsWith(".js"));
    expect(total).toBeLessThan(100 * 1024);
    expect(scripts.reduce((a, [, size]) => a + size, 0)).toBeLessThan(10 * 1024);
    expect(await context.cookies()).toEqual([]);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
