import PostalMime from "postal-mime";
import type { Request as PageRequest } from "playwright-core";
import { expect, it } from "vitest";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { browserSuite } from "./support/browser-suite.ts";
import { axeViolations, COMPLAINT, scrollsSideways, watchPage } from "./support/page-helpers.ts";

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

/** Each language with and without JavaScript, on a phone and on a desktop: every combination. */
const RUNS = (["nl", "en"] as const).flatMap((language) =>
  [true, false].flatMap((javaScriptEnabled) =>
    (["phone", "desktop"] as const).map((device) => ({
      language,
      javaScriptEnabled,
      device,
      viewport: device === "phone" ? PHONE : DESKTOP,
    })),
  ),
);

const WORDS = {
  nl: {
    title: "Je klacht",
    status: "Ontvangen",
    acknowledgement: "We hebben je klacht ontvangen",
    addText: "Je aanvulling",
    added: "Je aanvulling staat in je dossier",
    withdraw: "Mijn klacht intrekken",
    confirm: "Ja, trek mijn klacht in",
    withdrawn: "Ingetrokken",
  },
  en: {
    title: "Your complaint",
    status: "Received",
    acknowledgement: "We have received your complaint",
    addText: "What you would like to add",
    added: "What you added is in your case file",
    withdraw: "Withdraw my complaint",
    confirm: "Yes, withdraw my complaint",
    withdrawn: "Withdrawn",
  },
} as const;

browserSuite("the complainant's page in Chromium", (site) => {
  const waitFor = async <T>(what: string, get: () => T | undefined | Promise<T | undefined>) => {
    for (let i = 0; i < 100; i++) {
      const value = await get();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const fileComplaint = async (language: "nl" | "en", summary: string) => {
    const response = await fetch(`${site.server.base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ ...COMPLAINT, summary, language, consent: "on" }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const linkFromAcknowledgement = async (id: string) => {
    const name = `${id}--acknowledgement.eml`;
    // Sent, and its copy committed to the dossier (the page lists the copies).
    const copy = `dossiers/${id.split("-")[1]}/${id}/correspondence/0001-acknowledgement.eml`;
    await waitFor("the acknowledgement's copy", () =>
      site.server.files(copy).find((f) => f === copy),
    );
    const mail = await PostalMime.parse(site.server.outboxFile(name));
    const link = /http:\/\/127\.0\.0\.1:\d+\/(?:zaak|en\/case)\/\S+/.exec(mail.text ?? "")?.[0];
    expect(link, "the personal link in the acknowledgement").toBeDefined();
    return link ?? "";
  };

  for (const run of RUNS) {
    const label = `${run.language}, ${run.javaScriptEnabled ? "with" : "without"} JavaScript, ${run.device}`;
    it(`from the acknowledgement's link: read, add information with an attachment, withdraw (${label})`, async () => {
      const words = WORDS[run.language];
      const id = await fileComplaint(run.language, `Pagina ${label}`);
      const link = await linkFromAcknowledgement(id);
      const token = link.slice(link.lastIndexOf("/") + 1);
      const context = await site.browser.newContext({
        javaScriptEnabled: run.javaScriptEnabled,
        viewport: run.viewport,
      });
      const page = await context.newPage();
      const watch = watchPage(page, site.server.base);
      // axe runs in the page: without JavaScript the same address (a GET changes nothing) is checked in a
      // second page that has it, at the same size.
      const checker = run.javaScriptEnabled
        ? undefined
        : await site.browser.newPage({ viewport: run.viewport });
      const axe = async () => {
        if (!checker) return axeViolations(page);
        await checker.goto(page.url());
        return axeViolations(checker);
      };
      const requests: PageRequest[] = [];
      page.on("request", (r) => requests.push(r));

      // The page.
      const response = await page.goto(link);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
      expect(response?.headers()["cache-control"]).toBe("no-store");
      expect(await page.getAttribute("html", "lang")).toBe(run.language);
      expect(await page.textContent("h1")).toContain(`${words.title} ${id}`);
      expect(await page.textContent(".case-status")).toContain(words.status);
      const folder = `dossiers/${id.split("-")[1]}/${id}/`;
      const dossier = splitDossier(site.server.show(`${folder}dossier.md`)).data as {
        handler: { name: string };
      };
      expect(await page.textContent(".case-facts")).toContain(dossier.handler.name);
      await page.click(".case-letters summary");
      expect(await page.isVisible(".case-letters .letter-text")).toBe(true);
      expect(await page.textContent(".case-letters")).toContain(words.acknowledgement);
      expect(await axe()).toEqual([]);
      expect(await (checker ? scrollsSideways(checker) : scrollsSideways(page))).toBe(false);

      // Add information with an attachment.
      await page.fill("#field-text", `Aanvulling ${label}: de urenstaat.`);
      await page.setInputFiles("#field-attachments", {
        name: "urenstaat.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n% urenstaat\n"),
      });
      await Promise.all([
        page.waitForURL(/\?done=added$/),
        page.click("form[enctype] button[type=submit]"),
      ]);
      expect(await page.textContent("[role=status]")).toContain(words.added);
      expect(await axe()).toEqual([]);
      const files = site.server.files(folder);
      expect(files).toContain(`${folder}attachments/01-urenstaat.pdf`);
      const received = files.find((f) => f.includes("-received-reply-"));
      expect(site.server.show(received ?? "")).toContain(`Aanvulling ${label}: de urenstaat.`);
      // The handler hears of it as of any mail received.
      await waitFor("the handler's mail received", () =>
        site.server.outbox().find((f) => f.startsWith(`${id}--mail_received`)),
      );

      // Withdraw, with a confirmation step.
      await Promise.all([
        page.waitForURL(/\/(intrekken|withdraw)$/),
        page.click(`text=${words.withdraw}`),
      ]);
      expect(await axe()).toEqual([]);
      expect(site.server.show(`${folder}dossier.md`)).toMatch(/^status: received$/m);
      await Promise.all([
        page.waitForURL(/\?done=withdrawn$/),
        page.click(`text=${words.confirm}`),
      ]);
      expect(await page.textContent(".case-status")).toContain(words.withdrawn);
      expect(site.server.show(`${folder}dossier.md`)).toMatch(/^status: withdrawn$/m);
      await waitFor("the withdrawal confirmation", () =>
        site.server.outbox().find((f) => f === `${id}--withdrawal_confirmation.eml`),
      );
      expect(await axe()).toEqual([]);

      // No request carried the link in a Referer; nothing loaded from elsewhere.
      for (const request of requests) {
        expect(request.headers().referer ?? "", request.url()).not.toContain(token);
      }
      expect(watch.problems).toEqual([]);
      await context.close();
      await checker?.close();
    });
  }

  for (const [language, viewport] of [
    ["nl", PHONE],
    ["en", DESKTOP],
  ] as const) {
    it(`an error in what is added comes back with what was typed, and axe finds nothing (${language})`, async () => {
      const id = await fileComplaint(language, `Fout ${language}`);
      const link = await linkFromAcknowledgement(id);
      const page = await site.browser.newPage({ viewport });
      const watch = watchPage(page, site.server.base);
      await page.goto(link);
      const typed = `Mijn aanvulling (${language}), met een bestand dat niet mag.`;
      await page.fill("#field-text", typed);
      await page.setInputFiles("#field-attachments", {
        name: "virus.exe",
        mimeType: "application/octet-stream",
        buffer: Buffer.from("MZ\x90\x00 not a document"),
      });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.click("form[enctype] button[type=submit]"),
      ]);
      expect(response.status()).toBe(422);
      await page.waitForLoadState();
      expect(await page.inputValue("#field-text")).toBe(typed);
      expect(await page.getAttribute("#field-attachments", "aria-invalid")).toBe("true");
      expect(await page.textContent("#error-summary")).toContain("virus.exe");
      expect(await page.getAttribute("#error-summary a", "href")).toBe("#field-attachments");
      expect(await axeViolations(page)).toEqual([]);
      const folder = `dossiers/${id.split("-")[1]}/${id}/`;
      expect(site.server.files(folder).some((f) => f.includes("-received-"))).toBe(false);
      // Chromium reports the page's own 422 as a failed load; nothing else may go wrong.
      expect(watch.problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
      await page.close();
    });
  }

  it("axe finds nothing in dark mode at 320 pixels wide, and a link that opens nothing gets the site's frame", async () => {
    const id = await fileComplaint("nl", "Donkere modus");
    const link = await linkFromAcknowledgement(id);
    const page = await site.browser.newPage({
      colorScheme: "dark",
      viewport: { width: 320, height: 640 },
    });
    await page.goto(link);
    await page.click(".case-letters summary");
    expect(await axeViolations(page)).toEqual([]);
    // Reflow (WCAG 1.4.10): at 320 CSS pixels nothing scrolls sideways, the letters included.
    expect(await scrollsSideways(page)).toBe(false);
    const wrong = await page.goto(`${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`);
    expect(wrong?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("Deze link werkt niet");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
