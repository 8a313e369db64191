import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate } from "../../automation/domain/calendar.ts";
import { hasChromium, launchChromium, requireBrowser, warnNoBrowser } from "./support/browser.ts";
import {
  choose,
  deskCommits,
  field,
  lettersSent,
  openCase,
  publish,
  rulesShown,
  startDocketServe,
  waitFor,
  type DocketServe,
} from "./support/desk-driver.ts";
import { watchPage } from "./support/page-helpers.ts";
import { ensureSiteBuilt } from "./support/site-build.ts";

/**
 * One case from intake to closing through the handler's desk on what `npm
 * start` runs: every step a form in Chromium, every save a commit on main of
 * the embedded repository judged as a push is, every letter out once. No
 * YAML is typed: only the desk's fields, choices and buttons.
 */

const ZONE = "Europe/Amsterdam";
const suite = hasChromium ? describe : requireBrowser ? describe : describe.skip;
warnNoBrowser("the handler's desk");

suite("the handler's desk on the embedded default", () => {
  let docket: DocketServe;
  let browser: Browser;
  beforeAll(async () => {
    if (!hasChromium) throw new Error("REQUIRE_BROWSER=1 but there is no Chromium");
    await ensureSiteBuilt();
    docket = await startDocketServe();
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await docket?.stop();
  });

  it("takes a case from intake to closing in forms, sending every letter once", async () => {
    const response = await fetch(`${docket.base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        name: "Eva Jansen",
        email: "eva.jansen@example.nl",
        summary: "Factuur bevat uren die niet gewerkt zijn",
        description: "Op mijn factuur van oktober staan 12 uur die niet gewerkt zijn.",
        category: "invoice",
        consent: "on",
      }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const folder = `dossiers/${id.split("-")[1]}/${id}`;
    const sent = () => lettersSent(docket.repo, folder);
    const saves = () => deskCommits(docket.repo).length;
    await waitFor("the acknowledgement", () => sent().length === 2, docket.log);

    const context = await browser.newContext({ timezoneId: ZONE, locale: "en-GB" });
    const page = await context.newPage();
    const { problems } = watchPage(page, docket.base);
    const now = () => localDate(new Date(), ZONE) + "T" + new Date().toLocaleTimeString("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" });
    const save = async (what: string) => {
      const before = saves();
      expect(await rulesShown(page), what).toContain("This step breaks no rule.");
      await publish(page);
      await waitFor(`the save: ${what}`, () => saves() === before + 1, docket.log);
    };

    // Step 1: take the case.
    await openCase(page, docket.base, id);
    await expect(page.locator(".docket-words").innerText()).resolves.toContain("12 uur die niet gewerkt zijn");
    await choose(page, "Status", "In progress");
    await save("take the case");

    // Steps 2 and 3: ask for information, then record it.
    await openCase(page, docket.base, id);
    await choose(page, "Information complete?", "No, something is missing");
    await field(page, "What is missing (goes into the letter)").fill("Stuur de urenstaat van oktober mee.");
    await choose(page, "Status", "Awaiting information");
    expect(await rulesShown(page)).toContain("Saving sends 1 letter");
    await save("ask for information");
    await waitFor("the information request", () => sent().includes("information_request"), docket.log);

    await openCase(page, docket.base, id);
    await choose(page, "Information complete?", "Yes");
    await field(page, "Information received at").fill(now());
    await choose(page, "Status", "In progress");
    await save("record the information");

    await page.close();
    await context.close();
    expect(problems).toEqual([]);
    expect(sent()).toEqual(["acknowledgement", "new_case", "information_request"]);
  }, 180_000);
});
