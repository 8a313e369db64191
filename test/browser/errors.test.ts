import { expect, it } from "vitest";
import { describeProblem } from "../../automation/intake/intake-messages.ts";
import { browserSuite } from "./support/browser-suite.ts";
import {
  axeViolations,
  COMPLAINT,
  fillComplaint,
  focused,
  watchPage,
  type InPage,
} from "./support/page-helpers.ts";

const REQUIRED = [
  "field-name",
  "field-email",
  "field-summary",
  "field-description",
  "field-consent",
];

browserSuite("errors in the complaint form", (site) => {
  it("without JavaScript, the server answers with its accessible error page", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server.base}/`);
    await page.fill("#field-name", "Eva Jansen");
    await page.fill("#field-email", "eva@");
    const before = site.server.dossiers().length;
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/api/complaints"),
      page.click("button[type=submit]"),
    ]);
    expect(response.status()).toBe(422);
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    const links = await page.$$eval(".error-summary a", (as) => as.map((a) => a.hash));
    expect(links).toEqual(
      expect.arrayContaining(["#field-email", "#field-summary", "#field-consent"]),
    );
    expect(await page.textContent(".error-summary")).toContain(
      describeProblem({ kind: "email" }, "nl"),
    );
    expect(await page.inputValue("#field-name")).toBe("Eva Jansen");
    expect(await page.getAttribute("#field-email", "aria-invalid")).toBe("true");
    expect(site.server.dossiers()).toHaveLength(before);
    await context.close();

    // The same page, checked by axe (which needs JavaScript): a native post, past the enhancement.
    const checked = await site.browser.newPage();
    await checked.goto(`${site.server.base}/`);
    await checked.fill("#field-email", "eva@");
    await Promise.all([
      checked.waitForURL(/\/api\/complaints/),
      checked.evaluate(() =>
        (globalThis as unknown as InPage).document.getElementById("complaint-form")?.submit(),
      ),
    ]);
    expect(await checked.textContent("h1")).toBe("Controleer je klacht");
    expect(await axeViolations(checked)).toEqual([]);
    // It is one of the site's pages: header with the language switch, footer, the site's colours.
    expect(await checked.isVisible(".site-header .lang-switch")).toBe(true);
    expect(await checked.getAttribute(".lang-switch", "href")).toBe("/en/");
    expect(await checked.isVisible(".site-footer")).toBe(true);
    const form = await site.browser.newPage();
    await form.goto(`${site.server.base}/`);
    const style = (p: typeof form, selector: string) =>
      p.$eval(selector, (e) => {
        const s = (globalThis as unknown as InPage).getComputedStyle(e);
        return [s.color, s.fontFamily, s.borderTopColor];
      });
    for (const selector of [".site-header", ".brand", ".site-footer a", "body"]) {
      expect(await style(checked, selector)).toEqual(await style(form, selector));
    }
    expect(await checked.textContent("main")).not.toContain("(verplicht)");
    expect(await checked.textContent("main")).not.toContain("bijlagen opnieuw");
    await form.close();
    await checked.close();
  });

  it("with JavaScript, an error summary takes focus and links to each field", async () => {
    const page = await site.browser.newPage();
    const watch = watchPage(page, site.server.base);
    let posted = 0;
    page.on("request", (r) => void (r.method() === "POST" && posted++));
    await page.goto(`${site.server.base}/`);
    await page.click("button[type=submit]");

    expect(await page.isVisible("#error-summary")).toBe(true);
    expect(await focused(page)).toBe("#error-summary");
    const links = await page.$$eval("#error-summary a", (as) => as.map((a) => a.hash));
    expect(links).toEqual(REQUIRED.map((id) => `#${id}`));
    expect(await page.textContent("#error-summary")).toContain(
      `Je naam: ${describeProblem({ kind: "required" }, "nl")}`,
    );
    for (const id of REQUIRED) {
      expect(await page.getAttribute(`#${id}`, "aria-invalid")).toBe("true");
      const described = (await page.getAttribute(`#${id}`, "aria-describedby")) ?? "";
      expect(described.split(" ")).toContain(`${id}-error`);
      expect(await page.isVisible(`#${id}-error`)).toBe(true);
    }
    // The hint stays part of the description.
    expect(await page.getAttribute("#field-email", "aria-describedby")).toBe(
      "field-email-hint field-email-error",
    );
    expect(posted).toBe(0);

    await page.click('#error-summary a[href="#field-description"]');
    expect(await focused(page)).toBe("#field-description");

    // Fixing a field clears its error and its line in the summary.
    await page.fill("#field-name", "Eva Jansen");
    expect(await page.getAttribute("#field-name", "aria-invalid")).toBeNull();
    expect(await page.locator("#field-name-error").count()).toBe(0);
    expect(await page.$$eval("#error-summary a", (as) => as.map((a) => a.hash))).not.toContain(
      "#field-name",
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it("counts the summary's characters as people type and says it to screen readers", async () => {
    const page = await site.browser.newPage();
    let posted = 0;
    page.on("request", (r) => void (r.method() === "POST" && posted++));
    await page.goto(`${site.server.base}/`);
    // Typing no longer stops silently at 140: the counter says how many are left, or too many.
    expect(await page.getAttribute("#field-summary", "maxlength")).toBeNull();
    expect(await page.textContent("#field-summary-counter")).toBe(
      "Je kunt nog 140 tekens gebruiken",
    );
    expect(await page.getAttribute("#field-summary", "aria-describedby")).toContain(
      "field-summary-counter",
    );
    await page.type("#field-summary", "Factuur");
    expect(await page.textContent("#field-summary-counter")).toBe(
      "Je kunt nog 133 tekens gebruiken",
    );
    const spoken = page.locator("#field-summary-counter + [aria-live=polite]");
    await expect.poll(() => spoken.textContent()).toBe("Je kunt nog 133 tekens gebruiken");

    await page.fill("#field-summary", "x".repeat(145));
    expect(await page.textContent("#field-summary-counter")).toBe("Je hebt 5 tekens te veel");
    await expect.poll(() => spoken.textContent()).toBe("Je hebt 5 tekens te veel");
    await page.click("button[type=submit]");
    expect(await page.textContent("#field-summary-error")).toBe(
      describeProblem({ kind: "too_long", max: 140 }, "nl"),
    );
    expect(posted).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("checks a field when it is left, with the server's words", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/`);
    await page.fill("#field-email", "eva@");
    await page.press("#field-email", "Tab");
    expect(await page.textContent("#field-email-error")).toBe(
      describeProblem({ kind: "email" }, "nl"),
    );
    await page.fill("#field-phone", "call me");
    await page.press("#field-phone", "Tab");
    expect(await page.textContent("#field-phone-error")).toBe(
      describeProblem({ kind: "phone" }, "nl"),
    );
    await page.fill("#field-email", "eva@example.nl");
    expect(await page.locator("#field-email-error").count()).toBe(0);
    await page.close();
  });

  it("shows a 422 from the server in the same error summary", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/`);
    await fillComplaint(page, { ...COMPLAINT, summary: "Met een vreemde bijlage" });
    // Named like a text file, but it is not one: only the server, which reads the content, refuses it.
    await page.setInputFiles("#field-attachments", {
      name: "notities.txt",
      mimeType: "text/plain",
      buffer: Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]),
    });
    const before = site.server.dossiers().length;
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/api/complaints"),
      page.click("button[type=submit]"),
    ]);
    expect(response.status()).toBe(422);
    await expect.poll(() => page.isVisible("#error-summary")).toBe(true);
    expect(await focused(page)).toBe("#error-summary");
    expect(await page.$$eval("#error-summary a", (as) => as.map((a) => a.hash))).toEqual([
      "#field-attachments",
    ]);
    expect(await page.textContent("#field-attachments-error")).toBe(
      describeProblem({ kind: "attachment_type", file: "notities.txt" }, "nl"),
    );
    expect(await page.getAttribute("#field-attachments", "aria-invalid")).toBe("true");
    expect(await page.isEnabled("button[type=submit]")).toBe(true);
    expect(await page.inputValue("#field-summary")).toBe("Met een vreemde bijlage");
    expect(site.server.dossiers()).toHaveLength(before);
    await page.close();
  });

  it("speaks English on the English form", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/en/`);
    await page.click("button[type=submit]");
    expect(await page.textContent("#error-summary h2")).toContain("has not been sent yet");
    expect(await page.textContent("#field-name-error")).toBe(
      describeProblem({ kind: "required" }, "en"),
    );
    expect(await page.textContent("#field-consent-error")).toBe(
      describeProblem({ kind: "consent" }, "en"),
    );
    await page.close();
  });
});
