import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { WRITTEN_JUDGEMENT, withFields } from "../support/dossiers.ts";
import { CONFIG, createHarness, json, VALID, type Harness } from "../support/intake-harness.ts";

/**
 * The life of a case on real git: a complaint comes in, a handler pushes
 * changes as they would to GitHub, and each dispatch sends exactly the
 * letters the new state owes, once, with their copies committed.
 */

let h: Harness;
let clone: string;
const ONE = "dossiers/2026/KL-2026-0001/dossier.md";
const context = {
  idPrefix: "KL",
  timeZone: "Europe/Amsterdam",
  categories: CONFIG.categories.map((c) => c.id),
};

beforeEach(async () => {
  h = await createHarness();
  await h.post(...json(VALID)); // Tuesday 24 Nov 2026, 09:13
  clone = join(h.root, "clone");
  execFileSync("git", ["clone", "--quiet", h.repo, clone]);
});
afterEach(() => h.dispose());

const git = (...args: string[]) =>
  execFileSync(
    "git",
    ["-c", "user.name=Sanne de Vries", "-c", "user.email=sanne.devries@example.nl", ...args],
    {
      cwd: clone,
      encoding: "utf8",
    },
  );

/** A handler's change: pull, edit the dossier's frontmatter, check it, commit and push. */
function handlerEdits(fields: Record<string, unknown>, message: string, path = ONE): void {
  git("pull", "--quiet", "--rebase");
  const file = join(clone, path);
  const text = withFields(readFileSync(file, "utf8"), fields);
  expect(checkDossier(path, text, context).violations).toEqual([]);
  writeFileSync(file, text);
  git("commit", "--quiet", "-am", `${message}\n\nDossier: KL-2026-0001`);
  git("push", "--quiet", "origin", "main");
}

async function dispatchAt(iso: string) {
  const report = await dispatch({ ...h.dispatchDeps, now: () => new Date(iso) });
  expect(report.failed).toEqual([]);
  expect(report.skipped).toEqual([]);
  return report.sent.map((s) => s.letter);
}

const dossier = () => splitDossier(h.show(ONE)).data as Record<string, Record<string, unknown>>;
const copies = () =>
  h.files("dossiers/2026/KL-2026-0001/correspondence/").map((p) => p.split("/").pop());

describe("a complaint handled from receipt to judgement", () => {
  it("sends each letter its step owes, once, and holds the gates", async () => {
    expect(copies()).toEqual(["0001-acknowledgement.eml", "0002-new_case.eml"]);

    // §1.6 missing information.
    handlerEdits(
      {
        status: "awaiting_information",
        information: { complete: false, request: "Het factuurnummer." },
      },
      "Information missing",
    );
    expect(await dispatchAt("2026-11-25T10:00:00+01:00")).toEqual(["information_request"]);
    expect(dossier().information).toMatchObject({
      complete: false,
      requested_at: "2026-11-25T10:00:00+01:00",
    });

    // §1.5 possible liability and §1.4 staff involved: only the insurer hears of it before consultation.
    handlerEdits(
      {
        status: "in_progress",
        "information.complete": true,
        liability: { possible: true, reason: "De klant noemt schade door de fout." },
        staff_involved: [{ name: "Piet Smit", email: "piet.smit@example.nl" }],
      },
      "Liability possible, staff involved",
    );
    expect(await dispatchAt("2026-11-26T10:00:00+01:00")).toEqual(["insurer_notice"]);
    expect(dossier().liability).toMatchObject({ insurer_informed_at: "2026-11-26T10:00:00+01:00" });

    handlerEdits(
      { "liability.insurer_consulted_at": "2026-11-26T15:00:00+01:00", status: "hearing" },
      "Insurer consulted",
    );
    const hearing = await dispatchAt("2026-11-27T09:00:00+01:00");
    expect(hearing).toEqual([expect.stringMatching(/^hearing_request-[0-9a-f]{8}$/)]);
    expect((dossier().staff_involved as unknown as Record<string, unknown>[])[0]).toMatchObject({
      informed_at: "2026-11-27T09:00:00+01:00",
    });

    // §1.6 the written judgement, after the staff member's comment is summarised.
    handlerEdits(
      {
        "staff_involved.0.summary": "Piet bevestigt de dubbele boeking.",
        status: "judged",
        judgement: WRITTEN_JUDGEMENT,
      },
      "Judgement",
    );
    expect(await dispatchAt("2026-11-30T10:00:00+01:00")).toEqual(["judgement"]);

    // Twice in a row sends nothing twice.
    expect(await dispatchAt("2026-11-30T10:05:00+01:00")).toEqual([]);
    expect(copies()).toEqual([
      "0001-acknowledgement.eml",
      "0002-new_case.eml",
      "0003-information_request.eml",
      "0004-insurer_notice.eml",
      expect.stringMatching(/^0005-hearing_request-[0-9a-f]{8}\.eml$/),
      "0006-judgement.eml",
    ]);
    expect(h.outboxFiles()).toHaveLength(6);
    const judgement = h.show(`dossiers/2026/KL-2026-0001/correspondence/0006-judgement.eml`);
    expect(judgement).toMatch(/^To: Eva Jansen <eva\.jansen@example\.nl>\r$/m);
    expect(judgement).toMatch(/^In-Reply-To: <KL-2026-0001@interforce\.eu>\r$/m);
  });

  it("keeps the hearing gate: no judgement without the staff member's summary", () => {
    git("pull", "--quiet");
    const text = withFields(readFileSync(join(clone, ONE), "utf8"), {
      status: "judged",
      judgement: WRITTEN_JUDGEMENT,
      staff_involved: [{ name: "Piet Smit", email: "piet.smit@example.nl" }],
    });
    expect(checkDossier(ONE, text, context).violations.map((v) => v.rule)).toEqual([
      "hearing_gate",
    ]);
  });
});

describe("terms that pass", () => {
  it("sends the delay notice on the last day of the judgement term without judgement, and records the delay", async () => {
    // Monday 30 Nov, one working day before both terms: the handler is reminded.
    expect(await dispatchAt("2026-11-30T07:17:00+01:00")).toEqual([
      "reminder-information-2026-12-01",
      "reminder-judgement-2026-12-01",
    ]);
    // Tuesday 1 Dec, the last day of the judgement term, still no judgement: the complainant hears that day.
    const sent = await dispatchAt("2026-12-01T07:17:00+01:00");
    expect(sent).toEqual(["delay_notice-2026-12-24"]);
    expect(dossier().delay).toMatchObject({ new_date: "2026-12-24" });
    expect(checkDossier(ONE, h.show(ONE), context).violations).toEqual([]);
    expect(await dispatchAt("2026-12-02T09:00:00+01:00")).toEqual([]);
    const notice = h.show(`dossiers/2026/KL-2026-0001/correspondence/${copies().at(-1)}`);
    expect(notice).toMatch(/^To: Eva Jansen <eva\.jansen@example\.nl>\r$/m);
    expect(notice).toContain("24 december 2026");
  });
});
