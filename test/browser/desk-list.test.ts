import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { readConfig } from "../../automation/config/read-config.ts";
import { ORDER_FIELD } from "../../automation/desk/desk-config.ts";
import { addDays, localDate } from "../../automation/domain/calendar.ts";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { computeTerms } from "../../automation/domain/terms.ts";
import { PROJECT_ROOT } from "../../automation/runtime.ts";
import { dossierData, dossierText } from "../support/dossiers.ts";
import { hasChromium, requireBrowser, warnNoBrowser } from "./support/browser.ts";
import { choose, deskCommits, field, rulesShown, waitFor } from "./support/desk-driver.ts";
import { runDesk } from "./support/desk-suite.ts";
import { watchPage } from "./support/page-helpers.ts";

/**
 * The Dutch desk on the embedded default with cases of different ages: the
 * list opens on the open cases, the one due first on top (a delay's new date
 * counting), the closed ones after them, without the handler choosing a sort;
 * a broken rule is shown in Dutch; and a save writes only the dossier's own
 * fields, accepted by the same rules as a push.
 */
const suite = hasChromium ? describe : requireBrowser ? describe : describe.skip;
warnNoBrowser("the desk's list of cases");

const DAY = 86_400_000;
const context = ruleContext(readConfig(process.env, PROJECT_ROOT));

/** A dossier received `daysAgo` days ago, with its terms as the policy gives them. */
function received(number: number, daysAgo: number, fields: Partial<Dossier>): Dossier {
  const at = new Date(Date.now() - daysAgo * DAY);
  const year = localDate(at, context.timeZone).slice(0, 4);
  return {
    ...dossierData(number),
    id: `${context.idPrefix}-${year}-${String(number).padStart(4, "0")}`,
    received_at: at.toISOString().replace(/\.\d+Z$/, "Z"),
    category: context.categories[0] ?? "other",
    terms: computeTerms(at.toISOString(), context.policy, context.calendar, context.timeZone),
    ...fields,
  };
}

function firstDay(from: number, test: (daysAgo: number) => boolean): number {
  for (let d = from; d < from + 7; d++) if (test(d)) return d;
  throw new Error(`no day of receipt from ${from} days ago fits`);
}

const pathOf = (d: Dossier) => `dossiers/${d.id.split("-")[1]}/${d.id}/dossier.md`;

/** Pushes the dossiers to the embedded repository as a handler would, through its push check. */
function push(repo: string, dossiers: Dossier[]): void {
  const clone = mkdtempSync(join(tmpdir(), "docket-desk-list-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: clone, encoding: "utf8", stdio: "pipe" });
  try {
    execFileSync("git", ["clone", "--quiet", repo, clone]);
    git("config", "user.name", "Sanne de Vries");
    git("config", "user.email", "sanne.devries@example.nl");
    for (const d of dossiers) {
      const text = dossierText(d);
      const found = checkDossier(pathOf(d), text, context, new Date()).violations;
      expect(found, d.id).toEqual([]);
      mkdirSync(dirname(join(clone, pathOf(d))), { recursive: true });
      writeFileSync(join(clone, pathOf(d)), text);
    }
    git("add", "--all");
    git("commit", "--quiet", "-m", "Cases of different ages");
    git("push", "--quiet", "origin", "main");
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

suite("the handler's list of cases on the Dutch desk", () => {
  const run = runDesk();

  const closed = received(1, 90, {
    status: "closed",
    judgement: { form: "meeting" },
    closed_at: new Date(Date.now() - 60 * DAY).toISOString().replace(/\.\d+Z$/, "Z"),
  });
  // Days of receipt whose terms differ whatever the day the suite runs (a term can end on the same
  // working day for two receipt days): due later, due sooner, and due sooner still but delayed.
  const dueOn = (daysAgo: number) => received(0, daysAgo, {}).terms.judgement_due;
  const sooner = firstDay(1, (d) => dueOn(d) < dueOn(0));
  const earliest = firstDay(sooner + 1, (d) => dueOn(d) < dueOn(sooner));
  const dueLater = received(2, 0, { status: "received" });
  const dueSooner = received(3, sooner, { status: "in_progress" });
  const delayed = received(4, earliest, { status: "in_progress" });
  delayed.delay = {
    reason: "De medewerker die het gesprek voerde, is met verlof.",
    new_date: addDays(delayed.terms.judgement_due, 21),
  };

  async function openDesk(page: Page, hash = ""): Promise<void> {
    await page.goto(`${run.docket.base}/desk/${hash}`);
    await page.reload();
    await page.getByRole("button", { name: "Inloggen" }).click();
  }

  const show = (repo: string, path: string) =>
    execFileSync("git", ["show", `main:${path}`], { cwd: repo, encoding: "utf8" });

  it("opens on the open cases, the one due first on top, a delay's new date counting, the closed after", async () => {
    const { docket, browser } = run;
    // Open cases are not past their term, or Docket would delay them itself.
    expect(dueSooner.terms.judgement_due > localDate(new Date(), context.timeZone)).toBe(true);
    push(docket.repo, [closed, dueLater, dueSooner, delayed]);

    const page = await browser.newPage({ locale: "nl-NL", timezoneId: context.timeZone });
    const { problems } = watchPage(page, docket.base);
    await openDesk(page);
    const cards = page.locator('a[href*="/collections/dossiers/entries/"]');
    await cards.nth(3).waitFor();
    const ids = (await cards.allInnerTexts()).map((t) => /[A-Z]+-\d{4}-\d{4}/.exec(t)?.[0]);
    expect(ids).toEqual([dueSooner.id, dueLater.id, delayed.id, closed.id]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows a broken rule in Dutch with the field's Dutch label, the check's message as detail", async () => {
    const { docket, browser } = run;
    const page = await browser.newPage({ locale: "nl-NL", timezoneId: context.timeZone });
    const { problems } = watchPage(page, docket.base);
    await openDesk(page, `#/collections/dossiers/entries/${pathOf(dueSooner).slice(9, -3)}`);
    await field(page, "Reden").fill("De medewerker is met verlof.");
    await field(page, "Nieuwe datum").fill(dueSooner.terms.judgement_due);
    const shown = await rulesShown(page);
    expect(shown).toContain("Deze stap breekt een regel");
    expect(shown).toContain(
      "Stap 6: uitstel › Nieuwe datum: Uitstel heeft een reden en een nieuwe datum ná de termijn voor het oordeel.",
    );
    // The exact message of the check is there for whoever wants it, folded, marked as English.
    const detail = page.locator(".docket-rules details.docket-detail");
    await detail.locator("summary").click();
    await expect(detail.locator('p[lang="en"]').innerText()).resolves.toBe(
      `delay.new_date must be after the judgement term ${dueSooner.terms.judgement_due}`,
    );
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("saves a case without the list's order in its file, accepted by the rules of a push", async () => {
    const { docket, browser } = run;
    const page = await browser.newPage({ locale: "nl-NL", timezoneId: context.timeZone });
    const { problems } = watchPage(page, docket.base);
    await openDesk(page, `#/collections/dossiers/entries/${pathOf(dueLater).slice(9, -3)}`);
    await choose(page, "Status", "In behandeling");
    expect(await rulesShown(page)).toContain("Deze stap breekt geen regel.");
    const before = deskCommits(docket.repo).length;
    await page.getByRole("button", { name: "Publiceer" }).first().click();
    await page.getByRole("menuitem", { name: "Publiceer nu" }).click();
    await waitFor("the save", () => deskCommits(docket.repo).length === before + 1, docket.log);
    const saved = show(docket.repo, pathOf(dueLater));
    expect(saved).not.toContain(ORDER_FIELD);
    expect(saved).toBe(dossierText(dueLater).replace("status: received", "status: in_progress"));
    expect(checkDossier(pathOf(dueLater), saved, context, new Date()).violations).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
