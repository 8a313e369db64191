import type { Page, Request } from "playwright-core";
import { expect, it } from "vitest";
import { browserSuite } from "./support/browser-suite.ts";
import {
  COMPLAINT,
  DOSSIER_ID,
  fillComplaint,
  focused,
  watchPage,
} from "./support/page-helpers.ts";

browserSuite("filing a complaint in Chromium", (site) => {
  const posts = (page: Page) => {
    const seen: Request[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/api/complaints") seen.push(r);
    });
    return seen;
  };
  const dossierText = (id: string) => {
    const file = site.server.dossiers().find((f) => f.includes(`/${id}/`));
    expect(file, `dossier ${id} in the repository`).toBeDefined();
    return site.server.show(file ?? "");
  };

  it("files with JavaScript: fetch without a reload, then the thank-you page shows the id", async () => {
    const page = await site.browser.newPage();
    const watch = watchPage(page, site.server.base);
    const sent = posts(page);
    await page.goto(`${site.server.base}/`);
    const submissionId = await page.inputValue("input[name=submission_id]");
    expect(submissionId).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
    const outboxBefore = site.server.outbox().length;

    await fillComplaint(page);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/bedankt\/\?id=/);

    expect(sent).toHaveLength(1);
    expect(sent[0]?.resourceType()).toBe("fetch");
    expect(sent[0]?.headers().accept).toContain("application/json");
    const id = new URL(page.url()).searchParams.get("id") ?? "";
    expect(id).toMatch(DOSSIER_ID);
    await expect.poll(() => page.textContent("[data-dossier-id]")).toBe(id);
    expect(await page.isVisible("[data-dossier]")).toBe(true);
    expect(await page.textContent("h1")).toContain("Bedankt");

    const text = dossierText(id);
    expect(text).toMatch(/^language: nl$/m);
    expect(text).toMatch(/^category: invoice$/m);
    expect(text).toMatch(/prefers_meeting: true/);
    expect(text).toContain(COMPLAINT.description);
    await expect.poll(() => site.server.outbox().length).toBeGreaterThan(outboxBefore);
    expect(watch.problems).toEqual([]);
    await page.close();
  });

  it("files once when the button is clicked twice", async () => {
    const page = await site.browser.newPage();
    const sent = posts(page);
    await page.goto(`${site.server.base}/`);
    await fillComplaint(page, { ...COMPLAINT, summary: "Dubbel geklikt" });
    const before = site.server.dossiers().length;
    await page.dblclick("button[type=submit]");
    await page.waitForURL(/\/bedankt\/\?id=/);
    expect(sent).toHaveLength(1);
    expect(site.server.dossiers()).toHaveLength(before + 1);
    await page.close();
  });

  it("files without JavaScript: the form posts and the server answers 303 to the thank-you page", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server.base}/`);
    expect(await page.inputValue("input[name=submission_id]")).toBe("");
    await fillComplaint(page, { ...COMPLAINT, summary: "Zonder JavaScript" });
    const before = site.server.dossiers().length;
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/api/complaints"),
      page.click("button[type=submit]"),
    ]);
    expect(response.status()).toBe(303);
    await page.waitForURL(/\/bedankt\/\?id=/);
    const id = new URL(page.url()).searchParams.get("id") ?? "";
    expect(id).toMatch(DOSSIER_ID);
    // The server wrote the number into the page: it shows without JavaScript.
    expect(await page.isVisible("[data-dossier]")).toBe(true);
    expect(await page.textContent("[data-dossier-id]")).toBe(id);
    expect(await page.getAttribute(".lang-switch", "href")).toBe(`/en/thank-you/?id=${id}`);
    expect(site.server.dossiers()).toHaveLength(before + 1);
    expect(dossierText(id)).toContain("Zonder JavaScript");
    await context.close();
  });

  it("files without a category the same with and without JavaScript: under other", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await site.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${site.server.base}/`);
      const summary = `Zonder onderwerp, JavaScript ${javaScriptEnabled ? "aan" : "uit"}`;
      await fillComplaint(page, { ...COMPLAINT, summary });
      await page.selectOption("#field-category", "");
      expect(await page.getAttribute("#field-category", "required")).toBeNull();
      await page.click("button[type=submit]");
      await page.waitForURL(/\/bedankt\/\?id=/);
      const id = new URL(page.url()).searchParams.get("id") ?? "";
      const text = dossierText(id);
      expect(text).toContain(summary);
      expect(text).toMatch(/^category: other$/m);
      await context.close();
    }
  });

  it("without JavaScript and without a number, the thank-you page says where the number is", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server.base}/bedankt/`);
    expect(await page.isVisible("[data-dossier]")).toBe(false);
    expect(await page.textContent("main")).toContain("Je dossiernummer staat in de bevestiging");
    await context.close();
  });

  it("files in English from /en/", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/en/`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("label[for=field-name]")).toContain("Your name");
    await fillComplaint(page, {
      ...COMPLAINT,
      summary: "Hours on my invoice that were not worked",
    });
    await page.uncheck("#field-prefers_meeting");
    await page.click("button[type=submit]");
    await page.waitForURL(/\/en\/thank-you\/\?id=/);
    const id = new URL(page.url()).searchParams.get("id") ?? "";
    expect(await page.textContent("h1")).toContain("Thank you");
    await expect.poll(() => page.textContent("[data-dossier-id]")).toBe(id);
    const text = dossierText(id);
    expect(text).toMatch(/^language: en$/m);
    expect(text).not.toMatch(/prefers_meeting: true/);
    await page.close();
  });

  it("keeps the input and offers a retry when the network fails", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.base}/`);
    await fillComplaint(page, { ...COMPLAINT, summary: "Netwerk viel weg" });
    const submissionId = await page.inputValue("input[name=submission_id]");
    await page.route("**/api/complaints*", (route) => route.abort("internetdisconnected"));
    await page.click("button[type=submit]");

    await expect.poll(() => page.textContent("#form-notice")).toContain("nog niet verstuurd");
    expect(await page.getAttribute("#form-notice", "role")).toBe("alert");
    expect(await page.inputValue("#field-summary")).toBe("Netwerk viel weg");
    expect(await page.inputValue("input[name=submission_id]")).toBe(submissionId);
    expect(await page.isEnabled("button[type=submit]")).toBe(true);
    expect(await focused(page)).toBe("button.button");

    const before = site.server.dossiers().length;
    await page.unroute("**/api/complaints*");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/bedankt\/\?id=/);
    expect(site.server.dossiers()).toHaveLength(before + 1);
    await page.close();
  });

  it("shows the id from the address only when it is a dossier id, as text", async () => {
    const page = await site.browser.newPage();
    const watch = watchPage(page, site.server.base);
    const evil = encodeURIComponent('<img src=x onerror="document.title=1">');
    await page.goto(`${site.server.base}/bedankt/?id=${evil}`);
    expect(await page.isVisible("[data-dossier]")).toBe(false);
    expect(await page.locator("main img").count()).toBe(0);

    await page.goto(`${site.server.base}/en/thank-you/?id=KL-2026-0042`);
    await expect.poll(() => page.textContent("[data-dossier-id]")).toBe("KL-2026-0042");
    expect(await page.getAttribute("a[hreflang=nl]", "href")).toBe("/bedankt/?id=KL-2026-0042");
    expect(watch.problems).toEqual([]);
    await page.close();
  });
});
