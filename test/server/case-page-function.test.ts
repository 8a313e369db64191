import type { SetupServer } from "msw/node";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import complaints from "../../netlify/functions/complaints.ts";
import casePage, { config } from "../../netlify/functions/case-page.ts";
import { GitHubFake, listen } from "../support/github-fake.ts";
import { VALID } from "../support/intake-harness.ts";
import { createResendFake } from "../support/resend-fake.ts";
import { useFixedClock } from "../support/fixed-clock.ts";

/** The complainant's page as a Netlify function beside the intake, on GitHub and Resend (fakes). */

const resend = createResendFake();
const github = new GitHubFake();
let server: SetupServer;
const saved = { ...process.env };
const context = (waited: Promise<unknown>[] = []) => ({
  ip: "192.0.2.7",
  waitUntil: (p: Promise<unknown>) => waited.push(p),
});

// The functions read the clock; the dossiers they file are of 2026.
useFixedClock("2026-11-24T09:00:00+01:00");
beforeAll(() => {
  server = listen(github, ...resend.handlers);
  Object.assign(process.env, {
    GITHUB_REPOSITORY: "acme/complaints",
    GITHUB_TOKEN: "t",
    RESEND_API_KEY: "re_test",
    SITE_URL: "https://klachten.example.nl",
  });
  delete process.env.DOCKET_PAGE_KEY;
});
afterAll(() => {
  server.close();
  process.env = saved;
});

describe("the case page's Netlify function", () => {
  it("is routed at /zaak/* and /en/case/*, and refuses to start without DOCKET_PAGE_KEY", async () => {
    expect(config.path).toEqual(["/zaak/*", "/en/case/*"]);
    await expect(
      casePage(new Request("https://klachten.example.nl/zaak/KL-2026-0001/x"), context()),
    ).rejects.toThrow(/DOCKET_PAGE_KEY is required/);
    process.env.DOCKET_PAGE_KEY = "cd".repeat(32);
  });

  it("opens the page from the link in the acknowledgement Resend sent, and withdraws through GitHub", async () => {
    const waited: Promise<unknown>[] = [];
    const filed = await complaints(
      new Request("https://klachten.example.nl/api/complaints", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(VALID),
      }),
      context(waited),
    );
    expect(filed.status).toBe(201);
    await Promise.all(waited);
    const acknowledgement = resend.sent.find((m) => String(m.subject).includes("ontvangen"));
    const link = /https:\/\/klachten\.example\.nl\/zaak\/\S+/.exec(
      String(acknowledgement?.text),
    )?.[0];
    expect(link).toMatch(/\/zaak\/KL-2026-0001\/[A-Za-z0-9_-]{32}$/);

    const page = await casePage(new Request(link ?? ""), context());
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await page.text()).toContain("Je klacht KL-2026-0001");

    const after: Promise<unknown>[] = [];
    const withdrawn = await casePage(
      new Request(`${link}/intrekken`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "confirm=yes",
      }),
      context(after),
    );
    expect(withdrawn.status).toBe(303);
    await Promise.all(after);
    expect(github.texts().get("dossiers/2026/KL-2026-0001/dossier.md")).toMatch(
      /^status: withdrawn$/m,
    );
    const confirmation = resend.sent.find((m) => String(m.subject).includes("ingetrokken"));
    expect(confirmation).toBeDefined();
    const copy = [...github.texts().keys()].find((p) => p.endsWith("-withdrawal_confirmation.eml"));
    const kept = await PostalMime.parse(github.texts().get(copy ?? "") ?? "");
    expect(kept.text).toContain("REMOVED-personal-link-not-in-git");
    expect(kept.text).not.toContain(new URL(link ?? "").pathname.split("/").pop());
  }, 20_000);
});
