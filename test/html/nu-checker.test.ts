import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderFormErrorPage, renderMessagePage } from "../../automation/intake/error-page.ts";
import { fillThankYouPage } from "../../automation/intake/thank-you-page.ts";
import { caseView } from "../../automation/case-page/case-view.ts";
import {
  renderCasePage,
  renderConfirmPage,
  renderMessagePage as renderCaseMessage,
} from "../../automation/case-page/render-case-page.ts";
import { composeLetter, LETTERS, type LetterName } from "../../automation/letters/letters.ts";
import { CaseHistory } from "../audit/case-history.ts";
import { ensureSiteBuilt, SITE_DIST } from "../browser/support/site-build.ts";
import { configIn, fullDossier, OPTIONS, templates } from "../letters/letter-fixtures.ts";
import { WRITTEN_JUDGEMENT } from "../support/dossiers.ts";
import { TestRepo } from "../support/git-repo.ts";
import { runDocket } from "../support/run-docket.ts";
import { hasJava, nuErrors, requireJava, warnNoJava } from "./nu-checker.ts";

/**
 * What people see, checked by the Nu HTML Checker: every page of the built
 * site, the pages the server writes (the form with errors, a refusal, the
 * thank-you page with its number), an audit report and every letter's HTML
 * part in both languages. No error may be found.
 */
const SUITE = "the Nu HTML Checker";

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

if (!hasJava) warnNoJava(SUITE);

describe.skipIf(!hasJava && !requireJava)(SUITE, () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "docket-vnu-"));
    await ensureSiteBuilt();
    cpSync(SITE_DIST, join(dir, "site"), { recursive: true });
    mkdirSync(join(dir, "server"));
    mkdirSync(join(dir, "letters"));
    for (const language of ["nl", "en"] as const) {
      const config = configIn(language);
      const errors = { email: "Vul een geldig e-mailadres in.", consent: "Geef toestemming." };
      const values = { name: "Zoë <b>Müller</b>", email: "zoe@", submission_id: "abcdefgh12" };
      const page = (name: string, html: string) =>
        writeFileSync(join(dir, "server", `${name}.${language}.html`), html);
      page(
        "form-errors",
        renderFormErrorPage({
          config,
          language,
          values,
          errors,
          action: "/api/complaints",
          attachments: 1,
        }),
      );
      page(
        "refusal",
        renderMessagePage(config, language, "Te veel klachten", "Probeer het over een minuut."),
      );
      const thanks = language === "nl" ? "bedankt" : join("en", "thank-you");
      page(
        "thank-you",
        fillThankYouPage(
          readFileSync(join(SITE_DIST, thanks, "index.html"), "utf8"),
          "KL-2026-0042",
        ),
      );
      // The complainant's page: a judged case with letters, the form with errors, the confirmation step.
      const dossier = { ...fullDossier(language), status: "judged" as const };
      const view = caseView(
        dossier,
        [
          {
            key: "acknowledgement",
            sentAt: new Date("2026-11-24T08:13:30Z"),
            subject: "We hebben je klacht ontvangen <b>",
            text: "Beste Eva,\n\nRegel één\nRegel <twee> & drie",
          },
        ],
        new Date("2026-12-02T10:00:00Z"),
        config.timezone,
      );
      const token = "A".repeat(32);
      page(
        "case-page",
        renderCasePage({
          config,
          language,
          view,
          token,
          submissionId: "abcdefgh12",
          notice: "added",
          form: {
            text: "<script>",
            errors: { text: "Vul dit veld in.", attachments: "Te groot." },
            attachments: 1,
          },
        }),
      );
      page("case-confirm", renderConfirmPage(config, language, dossier.id, token));
      page("case-not-found", renderCaseMessage(config, language, "notFound"));
      for (const name of Object.keys(LETTERS) as LetterName[]) {
        const { html } = composeLetter(name, fullDossier(language), config, templates, {
          ...OPTIONS,
          caseFile: {
            complaint: "Regel één\n\nRegel <twee> & drie",
            attachments: ["01-factuur.pdf"],
          },
        });
        writeFileSync(join(dir, "letters", `${name}.${language}.html`), html);
      }
    }
    const repo = new TestRepo();
    try {
      const one = new CaseHistory(repo, 1);
      one.intake("2026-11-24T09:13:06+01:00");
      one.send(["acknowledgement", "new_case"], "2026-11-24T09:13:08+01:00");
      one.change({ status: "judged", judgement: WRITTEN_JUDGEMENT }, "2026-11-30T10:00:00+01:00");
      const two = new CaseHistory(repo, 2, "2026-12-03T11:00:00+01:00", { category: "service" });
      two.intake("2026-12-03T11:00:01+01:00");
      const out = join(dir, "audit-report.html");
      const { code, stderr } = await runDocket([
        "audit",
        "--repo",
        repo.dir,
        "--out",
        out,
        "--now",
        "2026-12-10T12:00:00+01:00",
      ]);
      expect(code, stderr).toBe(0);
    } finally {
      repo.dispose();
    }
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("finds no error in the site, the server's pages, the audit report and the letters", () => {
    if (!hasJava) throw new Error("no java on PATH: apt-get install -y default-jre-headless");
    const files = walk(dir).filter((f) => f.endsWith(".html"));
    // Every kind is there: 9 site pages, 12 server pages (3 of intake, 3 of the complainant's page, each
    // in 2 languages), the report, every letter in 2 languages.
    expect(files.filter((f) => f.includes("/site/")).length).toBeGreaterThanOrEqual(9);
    expect(files.filter((f) => f.includes("/server/"))).toHaveLength(12);
    expect(files.filter((f) => f.includes("/letters/"))).toHaveLength(
      2 * Object.keys(LETTERS).length,
    );
    expect(files.some((f) => f.endsWith("audit-report.html"))).toBe(true);
    expect(nuErrors(dir).map((e) => e.replace(dir, ""))).toEqual([]);
  }, 180_000);
});
