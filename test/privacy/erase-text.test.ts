import { describe, expect, it } from "vitest";
import { createCalendar } from "../../automation/domain/calendar.ts";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { lettersOwed } from "../../automation/domain/letters-owed.ts";
import {
  eraseDossierText,
  eraseLetter,
  eraseStaffText,
  personalTerms,
  scrubMessage,
  type ErasureRecord,
} from "../../automation/privacy/erase-text.ts";
import { retentionEnds, retentionVerdict } from "../../automation/privacy/retention.ts";
import { CONTEXT, dossierData, dossierText, WRITTEN_JUDGEMENT } from "../support/dossiers.ts";

const RECORD: ErasureRecord = {
  at: "2029-01-10T03:00:00+01:00",
  rule: "retention",
  digest: `sha256:${"a".repeat(64)}`,
};
const NOW = new Date("2029-01-10T03:00:00+01:00");
const closed: Dossier = {
  ...dossierData(),
  status: "closed",
  complainant: {
    name: "Zoë Çelik",
    email: "zoe@example.nl",
    phone: "0612345678",
    organisation: "Çelik BV",
  },
  staff_involved: [
    {
      name: "Piet Smit",
      email: "piet@example.nl",
      informed_at: "2026-11-25T10:00:00+01:00",
      summary: "Piet erkent het.",
    },
  ],
  judgement: { ...WRITTEN_JUDGEMENT, form: "written", verdict: "founded" },
  closed_at: "2026-12-05T12:00:00+01:00",
};

describe("eraseDossierText", () => {
  const text = dossierText(closed, "Zoë schreef: mijn factuur klopt niet.");
  const erased = eraseDossierText(text, closed.id, RECORD);

  it("keeps a dossier that passes every rule, with what the audit reads", () => {
    const checked = checkDossier("dossiers/2026/KL-2026-0001/dossier.md", erased, CONTEXT, NOW);
    expect(checked.violations).toEqual([]);
    expect(checked.dossier).toMatchObject({
      id: closed.id,
      status: "closed",
      terms: closed.terms,
      handler: closed.handler,
      judgement: { verdict: "founded", date: "2026-11-30", form: "written" },
      staff_involved: [{ informed_at: "2026-11-25T10:00:00+01:00" }],
      erasure: [RECORD],
    });
  });

  it("leaves no name, address, phone, organisation or word of the complaint", () => {
    for (const gone of [
      "Zoë",
      "Çelik",
      "zoe@example.nl",
      "0612345678",
      "Piet",
      "factuur klopt",
      "dubbel geboekt",
    ])
      expect(erased).not.toContain(gone);
  });

  it("is the same for the same version, and appends to an earlier erasure", () => {
    expect(eraseDossierText(text, closed.id, RECORD)).toBe(erased);
    const staffFirst = eraseStaffText(text, "PIET@example.nl", {
      ...RECORD,
      rule: "staff_request",
    });
    expect(staffFirst).not.toContain("Piet");
    expect(staffFirst).toContain("Zoë");
    // A version without them still records the erasure, as every version does.
    expect(eraseStaffText(text, "nobody@example.nl", RECORD)).toBe(
      `${text.split("---\n")[0]}---\n${text.split("---\n")[1]}erasure:\n  - at: "${RECORD.at}"\n    rule: retention\n    digest: ${RECORD.digest}\n---\n${text.split("---\n").slice(2).join("---\n")}`,
    );
    const both = eraseDossierText(staffFirst, closed.id, RECORD);
    expect(both).toMatch(/rule: staff_request[\s\S]*rule: retention/);
  });

  it("makes an erased dossier owe no letter", () => {
    const { dossier } = checkDossier("dossiers/2026/KL-2026-0001/dossier.md", erased, CONTEXT, NOW);
    const context = {
      now: NOW,
      timeZone: "Europe/Amsterdam",
      calendar: createCalendar({}),
      lead: { count: 1, unit: "working_day" as const },
      automaticDelayNotice: true,
    };
    expect(dossier && lettersOwed(dossier, context)).toEqual([]);
    expect(lettersOwed(closed, context).map((l) => l.key)).toContain("judgement");
  });
});

describe("letters and commit messages", () => {
  it("keeps a letter's Date and nothing personal", () => {
    const eml =
      "Date: Wed, 25 Nov 2026 09:01:00 +0000\r\nTo: =?utf-8?Q?Zo=C3=AB?= <zoe@example.nl>\r\nSubject: Uw klacht\r\n\r\nBeste Zoë";
    const erased = eraseLetter(eml, "KL-2026-0001", RECORD);
    expect(erased).toContain("Date: Wed, 25 Nov 2026 09:01:00 +0000\r\n");
    expect(erased).not.toMatch(/zoe|Zo=C3|Zoë|Uw klacht/i);
  });

  it("clears names, addresses and the summary from a message, whatever their case", () => {
    const terms = personalTerms(dossierText(closed));
    expect(
      scrubMessage(
        "Intake KL-2026-0001: Factuur bevat uren die niet gewerkt zijn\n\nZOE@example.nl belde\nDossier: KL-2026-0001\n",
        terms,
      ),
    ).toBe("Intake KL-2026-0001: [erased]\n\n[erased] belde\nDossier: KL-2026-0001\n");
  });
});

describe("retention", () => {
  it.each([
    ["2 years", "2026-12-05", "2028-12-05"],
    ["1 month", "2028-01-31", "2028-02-29"],
    ["1 year", "2028-02-29", "2029-02-28"],
    ["30 days", "2026-12-05", "2027-01-04"],
  ])("%s from %s ends on %s", (spec, from, end) => expect(retentionEnds(from, spec)).toBe(end));

  it("counts from closed_at, and keeps an open case or a claim in progress", () => {
    expect(
      retentionVerdict(
        closed,
        new Date("2028-12-05T00:00:00+01:00"),
        "2 years",
        "Europe/Amsterdam",
      ),
    ).toEqual({ erase: true, since: "2028-12-05" });
    expect(
      retentionVerdict(
        closed,
        new Date("2028-12-04T23:59:00+01:00"),
        "2 years",
        "Europe/Amsterdam",
      ),
    ).toMatchObject({ erase: false, until: "2028-12-05" });
    expect(
      retentionVerdict({ ...closed, status: "judged" }, NOW, "2 years", "Europe/Amsterdam"),
    ).toMatchObject({ erase: false, reason: expect.stringContaining("still open") });
    expect(
      retentionVerdict(
        { ...closed, status: "withdrawn", liability: { possible: true } },
        NOW,
        "2 years",
        "Europe/Amsterdam",
      ),
    ).toMatchObject({ erase: false, reason: expect.stringContaining("liability claim") });
  });
});

describe("the erasure record in a change", () => {
  it("cannot be added, changed or removed by a change", async () => {
    const { checkChange } = await import("../../automation/domain/check-change.ts");
    const { CHANGE_CONTEXT } = await import("../support/dossiers.ts");
    const path = "dossiers/2026/KL-2026-0001/dossier.md";
    const open = dossierText(dossierData());
    const forged = eraseDossierText(open, "KL-2026-0001", RECORD).replace("[erased]", "Eva");
    const withRecord = `${open.split("---\n")[1]}erasure:\n  - at: "${RECORD.at}"\n    rule: retention\n    digest: ${RECORD.digest}\n`;
    const added = `---\n${withRecord}---\n${open.split("---\n").slice(2).join("---\n")}`;
    for (const [before, after] of [
      [open, added],
      [added, open],
      [forged, forged.replace("rule: retention", "rule: request")],
    ] as const) {
      const found = checkChange({ kind: "modified", path, before, after }, CHANGE_CONTEXT, {
        now: NOW,
        by: "person",
      });
      expect(found.map((v) => [v.rule, v.field])).toContainEqual(["immutable", "erasure"]);
    }
  });
});
