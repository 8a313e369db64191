import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { deskConfig } from "../../automation/desk/desk-config.ts";
import { DESK_AUTH_PATH } from "../../automation/desk/desk-auth.ts";
import { hasChromium, requireBrowser, warnNoBrowser } from "./support/browser.ts";
import { deskCommits, field, waitFor, type DocketServe } from "./support/desk-driver.ts";
import { axeViolations, scrollsSideways, watchPage, type InPage } from "./support/page-helpers.ts";
import { runDesk } from "./support/desk-suite.ts";

/**
 * The desk's pages for everyone: axe finds nothing on the sign-in page, the
 * list of cases or a case's form, in Dutch and English; a phone shows them
 * without sideways scrolling; a keyboard alone opens a case and saves a step.
 */
const suite = hasChromium ? describe : requireBrowser ? describe : describe.skip;
warnNoBrowser("the desk for everyone");

suite("the handler's desk for everyone", () => {
  const run = runDesk();
  let docket: DocketServe;
  let browser: Browser;
  let id = "";
  beforeAll(async () => {
    ({ docket, browser } = run);
    const response = await fetch(`${docket.base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        name: "Zoë Çelik",
        email: "zoe.celik@example.nl",
        summary: "Niemand belde terug",
        description: "Ik heb drie keer gebeld.\n\nNiemand belde terug.",
        category: "service",
        consent: "on",
      }),
    });
    id = ((await response.json()) as { id: string }).id;
  }, 30_000);

  async function signIn(page: Page, path: string, login: string): Promise<void> {
    await page.goto(`${docket.base}${path}`);
    await page.getByRole("button", { name: login }).waitFor();
  }

  it.each([
    ["/desk/", "Inloggen", "nl"],
    ["/en/desk/", "Login", "en"],
  ])("axe finds nothing on %s: sign-in, the cases, a case", async (path, login, lang) => {
    const page = await browser.newPage();
    const { problems } = watchPage(page, docket.base);
    await signIn(page, path, login);
    expect(await page.getAttribute("html", "lang")).toBe(lang);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: login }).click();
    await page.getByText(id).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByText(id).click();
    await page.locator(".docket-rules p").first().waitFor();
    await page.waitForTimeout(500);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("fits a phone: the cases and a case's form without sideways scrolling", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signIn(page, "/en/desk/", "Login");
    await page.getByRole("button", { name: "Login" }).tap();
    await page.getByText(id).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByText(id).tap();
    await page.locator(".docket-rules p").first().waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("shows the rule a step breaks even where no server judges it (on GitHub), judged in the browser", async () => {
    const page = await browser.newPage();
    // As on GitHub, where no docket serve answers the form's checks.
    await page.route("**/api/desk/v1", async (route) =>
      /docketCheck/.test(route.request().postData() ?? "")
        ? route.fulfill({ status: 404, body: "Not found" })
        : route.continue(),
    );
    await signIn(page, "/en/desk/", "Login");
    await page.getByRole("button", { name: "Login" }).click();
    await page.getByText(id).click();
    await page.getByText("This step breaks no rule.").waitFor();
    await expect(page.locator(".docket-rules").innerText()).resolves.toContain(
      "Letters this merge will send",
    );
    await field(page, "Status").focus();
    await page.keyboard.type("Judged");
    await page.keyboard.press("Enter");
    await page.getByText(/This step breaks a rule/).waitFor();
    await expect(page.locator(".docket-rules").innerText()).resolves.toMatch(/judgement/);
    await page.close();
  });

  it("on GitHub, offers sign-in with GitHub through the desk's own sign-in endpoint", async () => {
    const page = await browser.newPage();
    const { problems } = watchPage(page, docket.base);
    // The desk as a GitHub deployment builds it: Decap's GitHub backend and editorial workflow.
    const github = deskConfig({
      language: "en",
      categories: [{ id: "service", label: { nl: "Dienstverlening", en: "Service" } }],
      backend: {
        name: "github",
        repo: "acme/complaints",
        branch: "main",
        base_url: docket.base,
        auth_endpoint: DESK_AUTH_PATH.slice(1),
      },
      publishMode: "editorial_workflow",
    });
    await page.route("**/en/desk/", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        /(<script type="application\/json" id="docket-desk-config">)[^<]*/,
        `$1${JSON.stringify(github).replace(/</g, "\\u003c")}`,
      );
      await route.fulfill({ response, body: html });
    });
    await page.goto(`${docket.base}/en/desk/`);
    const login = page.getByRole("button", { name: "Login with GitHub" });
    await login.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const [popup] = await Promise.all([page.waitForEvent("popup"), login.click()]);
    const opened = new URL(popup.url());
    expect(opened.origin + opened.pathname).toBe(`${docket.base}${DESK_AUTH_PATH}`);
    expect(opened.searchParams.get("provider")).toBe("github");
    await popup.close();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works by keyboard alone: open a case, take it, save", async () => {
    const page = await browser.newPage();
    await signIn(page, "/en/desk/", "Login");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText(id).waitFor();
    // Tab to the case in the list and open it.
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press("Tab");
      const text = await activeText(page);
      if (text.includes(id)) break;
    }
    await page.keyboard.press("Enter");
    await field(page, "Status").waitFor();
    // Tab to the status, choose In progress.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press("Tab");
      if (
        await field(page, "Status").evaluate(
          (el) => el === (globalThis as unknown as InPage).document.activeElement,
        )
      )
        break;
    }
    await page.keyboard.type("In progress");
    await page.keyboard.press("Enter");
    await page.getByText("This step breaks no rule.").waitFor();
    // Back to Publish, open its menu, Publish now.
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press("Shift+Tab");
      const text = await activeText(page);
      if (text.trim() === "Publish") break;
    }
    await page.keyboard.press("Enter");
    await page.getByRole("menuitem", { name: "Publish now" }).waitFor();
    for (let i = 0; i < 5; i += 1) {
      const text = await activeText(page);
      if (text.trim() === "Publish now") break;
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await waitFor("the save", () => deskCommits(docket.repo).length === 1, docket.log);
    await page.close();
    // A long walk of key presses, each a round trip to the browser: more than the default on a busy machine.
  }, 60_000);
});

/** The text of the focused element. */
function activeText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = (globalThis as unknown as InPage).document.activeElement as unknown as {
      textContent?: string | null;
    } | null;
    return active?.textContent ?? "";
  });
}
