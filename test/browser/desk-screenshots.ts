/**
 * `npm run screenshots` (second half): pictures of the handler's desk for
 * the README and the handler's guide, taken in Debian's Chromium on what
 * `npm start` runs, with one case carried a few steps, into docs/screenshots/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { PROJECT_ROOT } from "../../automation/runtime.ts";
import { CHROMIUM, hasChromium, launchChromium } from "./support/browser.ts";
import {
  choose,
  field,
  openCase,
  publish,
  rulesShown,
  startDocketServe,
  waitFor,
  deskCommits,
} from "./support/desk-driver.ts";
import { ensureSiteBuilt } from "./support/site-build.ts";

const OUT = join(PROJECT_ROOT, "docs", "screenshots");

if (!hasChromium) {
  console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
await ensureSiteBuilt();
const docket = await startDocketServe();
const browser = await launchChromium();

async function shot(page: Page, file: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(OUT, file), fullPage, animations: "disabled", caret: "hide" });
  console.log(`docs/screenshots/${file}`);
}

try {
  const ids: string[] = [];
  for (const [name, summary] of [
    ["Eva Jansen", "Factuur bevat uren die niet gewerkt zijn"],
    ["Zoë Çelik", "Niemand belde terug na drie telefoontjes"],
  ] as const) {
    const response = await fetch(`${docket.base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        name,
        email: "klant@example.nl",
        summary,
        description:
          "Op mijn factuur van oktober staan 12 uur die niet gewerkt zijn.\nGraag een correctie.",
        category: "invoice",
        consent: "on",
      }),
    });
    ids.push(((await response.json()) as { id: string }).id);
  }
  const id = ids[0] ?? "";
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: "Europe/Amsterdam",
  });
  const page = await context.newPage();
  await page.goto(`${docket.base}/en/desk/`);
  await page.getByRole("button", { name: "Login" }).click();
  await page.getByText(id).waitFor();
  await shot(page, "desk-en-cases.png");

  await openCase(page, docket.base, id);
  await choose(page, "Status", "In progress");
  await publish(page);
  await waitFor("the save", () => deskCommits(docket.repo).length === 1);
  await openCase(page, docket.base, id);
  await choose(page, "Information complete?", "No, something is missing");
  await field(page, "What is missing (goes into the letter)").fill(
    "Stuur de urenstaat van oktober mee.",
  );
  await choose(page, "Status", "Awaiting information");
  await rulesShown(page);
  await page.locator(".docket-letter summary").first().click();
  await shot(page, "desk-en-step-letters.png");

  await openCase(page, docket.base, id);
  await choose(page, "Status", "Judged");
  await rulesShown(page);
  await shot(page, "desk-en-rule-broken.png");
  await context.close();

  // The same step on the Dutch desk, for the Dutch half of the guide.
  const dutch = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: "Europe/Amsterdam",
  });
  const nl = await dutch.newPage();
  const second = ids[1] ?? "";
  await nl.goto(
    `${docket.base}/desk/#/collections/dossiers/entries/${second.split("-")[1]}/${second}/dossier`,
  );
  await nl.getByRole("button", { name: "Inloggen" }).click();
  // Decap adds "(optioneel)" to the label of a field that may stay empty.
  const dutchField = (label: string) =>
    nl.getByLabel(new RegExp(`^${label.replace(/[?()]/g, "\\$&")}( \\(optioneel\\))?$`)).first();
  const dutchChoice = async (label: string, option: string) => {
    await dutchField(label).focus();
    await nl.keyboard.type(option);
    await nl.keyboard.press("Enter");
  };
  await dutchField("Status").waitFor();
  await dutchChoice("Informatie compleet?", "Nee, er ontbreekt iets");
  await dutchField("Wat ontbreekt (komt in de brief)").fill("Stuur de urenstaat van oktober mee.");
  await dutchChoice("Status", "Wacht op informatie");
  await nl.getByText(/Opslaan verstuurt 1 brief/).waitFor();
  await nl.locator(".docket-letter summary").first().click();
  await shot(nl, "desk-nl-step-letters.png");
  await dutch.close();

  const phone = await browser.newContext({
    viewport: { width: 360, height: 760 },
    isMobile: true,
    hasTouch: true,
    timezoneId: "Europe/Amsterdam",
  });
  const mobile = await phone.newPage();
  await mobile.goto(
    `${docket.base}/desk/#/collections/dossiers/entries/${id.split("-")[1]}/${id}/dossier`,
  );
  await mobile.getByRole("button", { name: "Inloggen" }).tap();
  await mobile.locator(".docket-rules p").first().waitFor();
  await mobile.waitForTimeout(600);
  await shot(mobile, "desk-nl-case-phone.png");
  await phone.close();
} finally {
  await browser.close();
  await docket.stop();
}
