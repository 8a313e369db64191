import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { declaredDossier } from "../../automation/audit/history.ts";
import { deskConfig } from "../../automation/desk/desk-config.ts";
import {
  DECAP_PULL_REQUEST_BODY,
  deskCase,
  deskPullRequestBody,
} from "../../automation/desk/desk-pull-request.ts";
import { GitHubFake } from "../support/github-fake.ts";
import { deskGitHub } from "../support/github-fake-desk.ts";
import { dossierText } from "../support/dossiers.ts";
import { hasChromium, requireBrowser, warnNoBrowser } from "./support/browser.ts";
import { choose, field, rulesShown } from "./support/desk-driver.ts";
import { runDesk } from "./support/desk-suite.ts";
import { watchPage } from "./support/page-helpers.ts";

/**
 * The desk as a GitHub deployment builds it (Decap's GitHub backend, editorial
 * workflow), against the GitHub fake held to GitHub's REST description: a
 * save opens a pull request from a branch of its own that changes the
 * dossier and nothing else.
 */
const suite = hasChromium ? describe : requireBrowser ? describe : describe.skip;
warnNoBrowser("the desk on GitHub");

const PATH = "dossiers/2026/KL-2026-0001/dossier.md";

suite("the handler's desk on GitHub", () => {
  const run = runDesk();

  /** The desk in `language` as a GitHub deployment builds it, signed in, on the case's form. */
  async function openOnGitHub(language: "nl" | "en") {
    const { docket, browser } = run;
    const fake = new GitHubFake({ files: { [PATH]: dossierText() } });
    const github = deskGitHub(fake, { login: "sannedevries", name: "Sanne de Vries" });
    const page = await browser.newPage();
    const { problems } = watchPage(page, docket.base);
    const config = deskConfig({
      language,
      categories: [{ id: "invoice", label: { nl: "Factuur", en: "Invoice" } }],
      backend: { name: "github", repo: "acme/complaints", branch: "main" },
      publishMode: "editorial_workflow",
    });
    const desk = language === "nl" ? "/desk/" : "/en/desk/";
    await page.route(`${docket.base}${desk}`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        /(<script type="application\/json" id="docket-desk-config">)[^<]*/,
        `$1${JSON.stringify(config).replace(/</g, "\\u003c")}`,
      );
      await route.fulfill({ response, body: html });
    });
    await page.route("https://api.github.com/**", github.route);
    const notFound: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 404)
        notFound.push(response.url().replace("https://api.github.com", ""));
    });
    await page.goto(`${docket.base}${desk}`);
    // Signed in as after the GitHub sign-in: Decap keeps the handler's token in localStorage.
    await page.evaluate(() =>
      (
        globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
      ).localStorage.setItem(
        "decap-cms-user",
        JSON.stringify({ token: "gho_handler", backendName: "github", login: "sannedevries" }),
      ),
    );
    await page.goto(
      `${docket.base}${desk}#/collections/dossiers/entries/2026/KL-2026-0001/dossier`,
    );
    await page.reload();
    await field(page, "Status")
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        throw new Error(
          `${String(error)}\n${JSON.stringify({ unhandled: github.unhandled, violations: fake.violations, problems })}`,
        );
      });
    return { fake, github, page, problems, notFound };
  }

  it("a save opens a pull request from the case's own branch, changing only its dossier", async () => {
    const { fake, github, page, problems, notFound } = await openOnGitHub("en");
    await choose(page, "Status", "In progress");
    await page.getByText("This step breaks no rule.").waitFor();
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByText(/Changes saved|Entry saved/i)
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    await page.waitForTimeout(2000);
    expect(github.unhandled).toEqual([]);
    expect(fake.violations).toEqual([]);
    // Answered 404, as GitHub and Netlify would: the desk's media folder, which Decap asks for on every
    // start and no repository has, and the desk API of docket serve, which does not judge a GitHub dossier
    // (the form then judges the rules in the browser).
    expect(notFound.filter((url) => !url.endsWith("/api/desk/v1"))).toEqual([
      "/repos/acme/complaints/git/trees/main:dossiers/.desk-media",
    ]);
    expect(
      problems.filter(
        (p) =>
          !p.startsWith("request to another origin: https://api.github.com/") &&
          !p.includes("status of 404"),
      ),
    ).toEqual([]);
    // One pull request, from the case's own branch, labelled a draft of Decap's editorial workflow.
    expect(
      github.pulls.map(({ head, base, labels, state }) => ({ head, base, labels, state })),
    ).toEqual([
      {
        head: "cms/dossiers/2026/KL-2026-0001/dossier",
        base: "main",
        labels: ["decap-cms/draft"],
        state: "open",
      },
    ]);
    // Its body is the one `docket preview` recognises and replaces with the template, filled in for the
    // case its branch names (test/github/pr-preview.test.ts runs that replacement on GitHub's side).
    const [pull] = github.pulls;
    expect(pull?.body).toBe(DECAP_PULL_REQUEST_BODY);
    expect(deskCase(pull?.head ?? "")).toBe("KL-2026-0001");
    const template = readFileSync(".github/pull_request_template.md", "utf8");
    expect(deskPullRequestBody(template, "KL-2026-0001")).toContain("**Dossier:** KL-2026-0001");
    // Its branch changes the dossier, by the one line of the step, and nothing else; main is untouched.
    const branch = fake.texts(fake.head("cms/dossiers/2026/KL-2026-0001/dossier"));
    const main = fake.texts();
    expect([...branch.keys()].filter((path) => branch.get(path) !== main.get(path))).toEqual([
      PATH,
    ]);
    expect(branch.get(PATH)).toBe(dossierText().replace("status: received", "status: in_progress"));
    // The commit names its dossier in a Dossier: trailer, by path, which the audit reads as the case's id.
    const commit = fake.git.commit(fake.head("cms/dossiers/2026/KL-2026-0001/dossier"));
    const trailers = execFileSync("git", ["interpret-trailers", "--parse", "--no-divider"], {
      input: commit?.message ?? "",
      encoding: "utf8",
    });
    expect(trailers).toBe(`Dossier: ${PATH}\n`);
    expect(declaredDossier(PATH)).toBe("KL-2026-0001");
    expect(main.get(PATH)).toBe(dossierText());
    await page.close();
  }, 120_000);

  it("shows a rule the step breaks, judged in the browser, in Dutch on the Dutch desk", async () => {
    const { page, problems } = await openOnGitHub("nl");
    // Hearing without a staff member to hear: the desk API of docket serve does not judge a GitHub
    // dossier (404), so the form judges the rules itself.
    await choose(page, "Status", "Wederhoor");
    const shown = await rulesShown(page);
    expect(shown).toContain("Deze stap breekt een regel");
    expect(shown).toContain(
      "Status: Deze status vraagt nog gegevens: vul in wat bij deze stap hoort.",
    );
    expect(shown).not.toContain("needs at least one entry");
    await page.locator(".docket-rules details.docket-detail summary").click();
    expect(await page.locator('.docket-rules details p[lang="en"]').innerText()).toContain(
      "status hearing needs at least one entry in staff_involved",
    );
    expect(
      problems.filter(
        (p) =>
          !p.startsWith("request to another origin: https://api.github.com/") &&
          !p.includes("status of 404"),
      ),
    ).toEqual([]);
    await page.close();
  }, 120_000);
});
