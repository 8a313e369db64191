import { describe, expect, it } from "vitest";
import { REDACTED_TOKEN } from "../../automation/case-page/mask-token.ts";
import { localDate } from "../../automation/domain/calendar.ts";
import { hasChromium, requireBrowser, warnNoBrowser } from "./support/browser.ts";
import {
  choose,
  deskCommits,
  field,
  letterSent,
  lettersSent,
  openCase,
  publish,
  rulesShown,
  waitFor,
} from "./support/desk-driver.ts";
import { watchPage } from "./support/page-helpers.ts";
import { runDesk } from "./support/desk-suite.ts";

/**
 * Cases from intake to closing through the handler's desk on what `npm
 * start` runs: every step a form in Chromium (one case taken, information
 * asked and recorded, liability, a hearing, a written judgement, closed;
 * another delayed, judged in a meeting, withdrawn), every save a commit on
 * main of the embedded repository judged as a push is, every letter out
 * once, the letter the form shows being the letter sent. No YAML is typed:
 * only the desk's fields, choices and buttons.
 */

const ZONE = "Europe/Amsterdam";
const suite = hasChromium ? describe : requireBrowser ? describe : describe.skip;
warnNoBrowser("the handler's desk");

// A time a handler types: minutes, rounded up so it is never before a letter Docket just sent.
function now(): string {
  const next = new Date(Date.now() + 60_000);
  const time = next.toLocaleTimeString("en-GB", {
    timeZone: ZONE,
    hour: "2-digit",
    minute: "2-digit",
  });
  return `${localDate(next, ZONE)}T${time}`;
}

suite("the handler's desk on the embedded default", () => {
  const run = runDesk();

  /** A complaint filed through the form's API, its first letters out, and the desk opened in Chromium. */
  async function fileAndOpen(complaint: Record<string, string>) {
    const { docket, browser } = run;
    const response = await fetch(`${docket.base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ ...complaint, consent: "on" }),
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
    const save = async (what: string) => {
      const before = saves();
      expect(await rulesShown(page), what).toContain("This step breaks no rule.");
      await publish(page);
      await waitFor(`the save: ${what}`, () => saves() === before + 1, docket.log);
    };
    return { docket, id, sent, saves, context, page, problems, save };
  }

  it("takes a case from intake to closing in forms, sending every letter once", async () => {
    const { docket, id, sent, saves, context, page, problems, save } = await fileAndOpen({
      name: "Eva Jansen",
      email: "eva.jansen@example.nl",
      summary: "Factuur bevat uren die niet gewerkt zijn",
      description: "Op mijn factuur van oktober staan 12 uur die niet gewerkt zijn.",
      category: "invoice",
    });

    // Step 1: take the case.
    await openCase(page, docket.base, id);
    await expect(page.locator(".docket-words").innerText()).resolves.toContain(
      "12 uur die niet gewerkt zijn",
    );
    // The rules are nothing to fill in: their label (in Decap's capitals) does not call them optional.
    await expect(
      page.locator("label", { hasText: /^Rules and letters/ }).innerText(),
    ).resolves.toMatch(/^Rules and letters$/i);
    await choose(page, "Status", "In progress");
    await save("take the case");

    // Steps 2 and 3: ask for information, then record it.
    await openCase(page, docket.base, id);
    await choose(page, "Information complete?", "No, something is missing");
    await field(page, "What is missing (goes into the letter)").fill(
      "Stuur de urenstaat van oktober mee.",
    );
    await choose(page, "Status", "Awaiting information");
    expect(await rulesShown(page)).toContain("Saving sends 1 letter");
    // The letter the form shows is the letter that goes out: its subject, addressee and text.
    const shown = {
      summary: await page.locator(".docket-letter summary").innerText(),
      text: (await page.locator(".docket-letter pre").textContent()) ?? "",
    };
    expect(shown.text).toContain("Stuur de urenstaat van oktober mee.");
    await save("ask for information");
    await waitFor(
      "the information request",
      () => sent().includes("information_request"),
      docket.log,
    );
    const request = await letterSent(docket.outbox, id, "information_request");
    expect(shown.summary).toContain(request.subject);
    expect(request.to).toEqual(["eva.jansen@example.nl"]);
    expect(shown.summary).toContain("eva.jansen@example.nl");
    // The same text, but for the complainant's personal link, which a preview never shows.
    const link = /\/zaak\/KL-2026-\d{4}\/([A-Za-z0-9_-]{32})/.exec(request.text)?.[1];
    expect(link).toBeDefined();
    expect(shown.text).not.toContain(link);
    expect(shown.text.trim()).toBe(request.text.replace(link ?? "", REDACTED_TOKEN).trim());

    await openCase(page, docket.base, id);
    await choose(page, "Information complete?", "Yes");
    await field(page, "Information received at").fill(now());
    await choose(page, "Status", "In progress");
    await save("record the information");

    // Step 4: liability and the insurer. A step the rules do not allow yet is shown, and not saved.
    await openCase(page, docket.base, id);
    await field(page, "Liability possible").click();
    await field(page, "Why (goes into the notice)").fill(
      "De klant noemt schade: een kapotte laptop.",
    );
    await save("flag liability");
    await waitFor("the insurer notice", () => sent().includes("insurer_notice"), docket.log);

    await openCase(page, docket.base, id);
    await choose(page, "Status", "Hearing");
    expect(await rulesShown(page)).toMatch(/insurer/i);
    const refused = saves();
    await publish(page);
    await page.getByText(/This step breaks a rule/).waitFor();
    await page.waitForTimeout(1000);
    expect(saves(), "a save the rules refuse is not committed").toBe(refused);
    // Decap rejects its own save with nothing when a field's check fails; the page handles it: no error.
    expect(problems).toEqual([]);

    await openCase(page, docket.base, id);
    await field(page, "Insurer consulted at").fill(now());
    await save("the insurer consulted");

    // Step 5: hear the staff involved, then write down what they said.
    await openCase(page, docket.base, id);
    await page.getByRole("button", { name: /Add step 5/ }).click();
    await field(page, "Name").first().fill("Piet Smit");
    await field(page, "E-mail address").first().fill("piet.smit@example.nl");
    await choose(page, "Status", "Hearing");
    await save("ask the staff for comment");
    await waitFor("the hearing request", () => sent().includes("hearing_request"), docket.log);

    await openCase(page, docket.base, id);
    await field(page, "Comment received at").fill(now());
    await field(page, "Summary of the comment").fill(
      "Piet bevestigt: de uren zijn dubbel geboekt.",
    );
    await choose(page, "Status", "In progress");
    await save("the staff member's comment");

    // Step 7: a written judgement.
    await openCase(page, docket.base, id);
    await choose(page, "Form", "Written");
    await field(page, "Date of the judgement").fill(localDate(new Date(), ZONE));
    await field(page, "Results of the investigation").fill("De uren zijn dubbel geboekt.");
    await choose(page, "Verdict", "Founded");
    await field(page, "Reasoning").fill("De urenstaat toont 28 uur, de factuur 40.");
    await field(page, "Follow-up towards the complainant").fill("Je ontvangt een creditfactuur.");
    await field(page, "Further contact about it").fill(
      "Bel of mail je behandelaar met je dossiernummer.",
    );
    await choose(page, "Status", "Judged");
    expect(await rulesShown(page)).toContain("Saving sends 1 letter");
    await save("the written judgement");
    await waitFor("the judgement", () => sent().includes("judgement"), docket.log);

    // Step 8: close.
    await openCase(page, docket.base, id);
    await choose(page, "Status", "Closed");
    await field(page, "Step 8: closed or withdrawn at").fill(now());
    await save("close the case");
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await page.close();
    await context.close();
    expect(problems).toEqual([]);
    expect(sent()).toEqual([
      "acknowledgement",
      "new_case",
      "information_request",
      "insurer_notice",
      "hearing_request",
      "judgement",
    ]);
  }, 180_000);

  it("delays a case, judges it in a meeting and records its withdrawal in forms, each letter once", async () => {
    const { docket, id, sent, context, page, problems, save } = await fileAndOpen({
      name: "Zoë Çelik",
      email: "zoe.celik@example.nl",
      summary: "Niemand belde terug",
      description: "Ik heb drie keer gebeld en niemand belde terug.",
      category: "service",
    });

    await openCase(page, docket.base, id);
    await choose(page, "Status", "In progress");
    await save("take the case");

    // Step 6: the position cannot be taken in time. A date within the term is a rule broken, shown first.
    await openCase(page, docket.base, id);
    const term = await page.locator(".docket-fixed", { hasText: "Position by:" }).innerText();
    const due = /Position by: (\d{4}-\d{2}-\d{2})/.exec(term)?.[1] ?? "";
    expect(due).not.toBe("");
    await field(page, "Reason").fill("De medewerker die het gesprek voerde, is met verlof.");
    await field(page, "New date").fill(due);
    // The rule names the field as the form does.
    expect(await rulesShown(page)).toMatch(
      /Step 6: delay › New date: delay\.new_date must be after the judgement term/,
    );
    const later = new Date(`${due}T12:00:00Z`);
    later.setUTCDate(later.getUTCDate() + 14);
    await field(page, "New date").fill(later.toISOString().slice(0, 10));
    expect(await rulesShown(page)).toContain("Saving sends 1 letter");
    await save("the delay");
    await waitFor("the delay notice", () => sent().includes("delay_notice"), docket.log);

    // Step 7: the judgement in a meeting: the proposal for a conversation goes out.
    await openCase(page, docket.base, id);
    await choose(page, "Form", "Meeting");
    await choose(page, "Status", "Judged");
    expect(await rulesShown(page)).toContain("Saving sends 1 letter");
    await save("the judgement in a meeting");
    await waitFor("the meeting proposal", () => sent().includes("meeting_proposal"), docket.log);

    // The complainant withdraws: the withdrawal is confirmed to them, and the handler is told.
    await openCase(page, docket.base, id);
    await choose(page, "Status", "Withdrawn");
    await field(page, "Step 8: closed or withdrawn at").fill(now());
    expect(await rulesShown(page)).toContain("Saving sends 2 letters");
    await save("the withdrawal");
    await waitFor(
      "the withdrawal's letters",
      () => sent().includes("withdrawal_notice"),
      docket.log,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await page.close();
    await context.close();
    expect(problems).toEqual([]);
    expect(sent()).toEqual([
      "acknowledgement",
      "new_case",
      "delay_notice",
      "meeting_proposal",
      "withdrawal_confirmation",
      "withdrawal_notice",
    ]);
  }, 180_000);
});
