/**
 * `npm run screenshots`: pictures of the site for the README, taken in
 * Debian's Chromium from the built site and the real intake API, into
 * docs/screenshots/.
 */
import { mkdirSync } from "node:fs";
import PostalMime from "postal-mime";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { PROJECT_ROOT } from "../../automation/runtime.ts";
import { CHROMIUM, hasChromium, launchChromium } from "./support/browser.ts";
import { COMPLAINT, fillComplaint, type InPage } from "./support/page-helpers.ts";
import { ensureSiteBuilt } from "./support/site-build.ts";
import { startSiteServer, type SiteServer } from "./support/site-server.ts";

const OUT = join(PROJECT_ROOT, "docs", "screenshots");
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 360, height: 760 }, isMobile: true, hasTouch: true };

interface Shot {
  file: string;
  path: string;
  device: typeof DESKTOP | typeof PHONE;
  colorScheme?: "light" | "dark";
  /** What to do on the page before the picture. */
  act?: "errors" | "file" | "case";
}

const SHOTS: Shot[] = [
  { file: "form-nl-desktop.png", path: "/", device: DESKTOP },
  { file: "form-nl-phone.png", path: "/", device: PHONE },
  { file: "form-en-desktop.png", path: "/en/", device: DESKTOP },
  { file: "form-en-phone.png", path: "/en/", device: PHONE },
  { file: "form-nl-errors-phone.png", path: "/", device: PHONE, act: "errors" },
  { file: "form-nl-dark-phone.png", path: "/", device: PHONE, colorScheme: "dark" },
  { file: "thank-you-nl-desktop.png", path: "/", device: DESKTOP, act: "file" },
  { file: "thank-you-en-phone.png", path: "/en/", device: PHONE, act: "file" },
  { file: "case-page-nl-desktop.png", path: "/", device: DESKTOP, act: "case" },
  { file: "case-page-en-phone.png", path: "/en/", device: PHONE, act: "case" },
];

async function take(browser: Browser, server: SiteServer, shot: Shot): Promise<void> {
  const context = await browser.newContext({
    ...shot.device,
    colorScheme: shot.colorScheme ?? "light",
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  await page.goto(`${server.base}${shot.path}`);
  if (shot.act === "errors") {
    await page.fill("#field-email", "eva@");
    await page.click("button[type=submit]");
    await page.evaluate(() => (globalThis as unknown as InPage).scrollTo(0, 0));
  }
  if (shot.act === "file") {
    await fillComplaint(page, COMPLAINT);
    await page.click("button[type=submit]");
    await page.waitForURL(/\?id=/);
    await page.waitForSelector("[data-dossier-id]:not(:empty)");
  }
  if (shot.act === "case") {
    // The complainant's page, from the personal link in the acknowledgement of a complaint filed here.
    await fillComplaint(page, COMPLAINT);
    await page.click("button[type=submit]");
    await page.waitForURL(/\?id=/);
    const id = new URL(page.url()).searchParams.get("id") ?? "";
    const name = `${id}--acknowledgement.eml`;
    const copy = `dossiers/${id.split("-")[1]}/${id}/correspondence/0001-acknowledgement.eml`;
    while (!server.files(copy).includes(copy)) await new Promise((r) => setTimeout(r, 100));
    const mail = await PostalMime.parse(server.outboxFile(name));
    const link = /http:\/\/\S+\/(?:zaak|en\/case)\/\S+/.exec(mail.text ?? "")?.[0] ?? "";
    const opened = await page.goto(link);
    if (opened?.status() !== 200) throw new Error(`${link} answered ${opened?.status()}`);
    await page.click(".case-letters summary");
  }
  // Phones: the first screens; desktop: the whole page.
  await page.screenshot({
    path: join(OUT, shot.file),
    fullPage: shot.device === DESKTOP || shot.act === "file" || shot.act === "case",
    animations: "disabled",
    caret: "hide",
  });
  console.log(`docs/screenshots/${shot.file}`);
  await context.close();
}

if (!hasChromium) {
  console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
await ensureSiteBuilt();
const server = await startSiteServer();
const browser = await launchChromium();
try {
  for (const shot of SHOTS) await take(browser, server, shot);
} finally {
  await browser.close();
  await server.close();
}
