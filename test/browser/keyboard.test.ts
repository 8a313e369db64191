import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { browserSuite } from "./support/browser-suite.ts";
import { focused, type InPage } from "./support/page-helpers.ts";

/** The form's tab stops, in order: each field, the privacy link under consent, the button. */
const FORM_ORDER = [
  "#field-name",
  "#field-email",
  "#field-phone",
  "#field-organisation",
  "#field-category",
  "#field-summary",
  "#field-description",
  "#field-staff_involved",
  "#field-attachments",
  "#field-prefers_meeting",
  "#field-consent",
  'a[href="/privacy/"]',
  "button.button",
];

/** The focused element shows a focus ring of at least 2 px. */
function focusRing(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as InPage;
    if (!document.activeElement) return "nothing focused";
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
      ? "visible"
      : `${style.outlineStyle} ${style.outlineWidth}`;
  });
}

browserSuite("using the site with the keyboard only", (site) => {
  it("starts with a skip link to the content", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/`);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe('a[href="#main"]');
    const box = await page.locator(".skip-link").boundingBox();
    expect(box && box.y >= 0 && box.height >= 24).toBe(true);
    expect(await focusRing(page)).toBe("visible");
    await page.keyboard.press("Enter");
    expect(await focused(page)).toBe("#main");
    await page.close();
  });

  it("tabs through the form in order with a visible focus, fills it and sends it with Enter", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/`);
    const typed: Record<string, () => Promise<void>> = {
      "#field-name": () => page.keyboard.type("Eva Jansen"),
      "#field-email": () => page.keyboard.type("eva.jansen@example.nl"),
      "#field-category": () => page.keyboard.type("Factuur"),
      "#field-summary": () => page.keyboard.type("Uren op de factuur die niet gewerkt zijn"),
      "#field-description": () => page.keyboard.type("Twaalf uur te veel in oktober."),
      "#field-consent": () => page.keyboard.press("Space"),
    };
    const order: string[] = [];
    for (let step = 0; step < 60 && order.at(-1) !== "button.button"; step++) {
      await page.keyboard.press("Tab");
      const now = await focused(page);
      const inForm = await page.evaluate(() =>
        Boolean((globalThis as unknown as InPage).document.activeElement?.closest("form")),
      );
      if (!inForm) continue;
      order.push(now);
      expect(await focusRing(page), now).toBe("visible");
      await typed[now]?.();
    }
    expect(order).toEqual(FORM_ORDER);
    expect(await page.inputValue("#field-category")).toBe("invoice");
    expect(await page.isChecked("#field-consent")).toBe(true);

    const before = site.server.dossiers().length;
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/bedankt\/\?id=/);
    expect(site.server.dossiers()).toHaveLength(before + 1);
    await page.close();
  });

  it("sends with Space on the button, and an error summary link takes the focus to its field", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/en/`);
    await page.focus("button.button");
    await page.keyboard.press("Space");
    expect(await focused(page)).toBe("#error-summary");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe('a[href="#field-name"]');
    await page.keyboard.press("Enter");
    expect(await focused(page)).toBe("#field-name");
    await page.close();
  });
});
