import { describe, expect, it } from "vitest";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import { renderDossierBody } from "../../automation/domain/complaint-section.ts";
import { serializeDossier } from "../../automation/domain/dossier-text.ts";
import {
  CONTEXT,
  WRITTEN_JUDGEMENT,
  dossierData,
  dossierText,
  pathOf,
  withFields,
} from "../support/dossiers.ts";

const FILE = pathOf("KL-2026-0001");

/** The 1-based line of the first line of `text` that starts with `prefix` (after indentation). */
function lineStarting(text: string, prefix: string): number {
  const index = text.split("\n").findIndex((l) => l.trimStart().startsWith(prefix));
  if (index < 0) throw new Error(`no line starts with ${prefix}`);
  return index + 1;
}

const base = dossierText();
const judged = withFields(base, { status: "judged", judgement: WRITTEN_JUDGEMENT });

describe("valid dossiers", () => {
  const valid: [string, string][] = [
    ["a new dossier", base],
    [
      "in progress with a pending information request",
      withFields(base, {
        status: "awaiting_information",
        information: { complete: false, request: "Het factuurnummer." },
      }),
    ],
    [
      "a hearing",
      withFields(base, {
        status: "hearing",
        staff_involved: [{ name: "Piet Smit", email: "piet@example.nl" }],
      }),
    ],
    ["a written judgement", judged],
    [
      "a judgement after a hearing",
      withFields(judged, {
        staff_involved: [
          { name: "Piet Smit", email: "piet@example.nl", summary: "Piet bevestigt de fout." },
        ],
      }),
    ],
    ["a meeting", withFields(base, { status: "judged", judgement: { form: "meeting" } })],
    [
      "liability after consulting the insurer",
      withFields(judged, {
        liability: {
          possible: true,
          reason: "Schade door de fout.",
          insurer_informed_at: "2026-11-24T10:00:00+01:00",
          insurer_consulted_at: "2026-11-25T10:00:00+01:00",
        },
      }),
    ],
    [
      "liability while in progress",
      withFields(base, {
        status: "in_progress",
        liability: { possible: true, reason: "Mogelijke schade." },
      }),
    ],
    ["a delay", withFields(base, { delay: { reason: "Ziekte.", new_date: "2026-12-08" } })],
    ["closed", withFields(judged, { status: "closed", closed_at: "2026-12-02T09:00:00+01:00" })],
    [
      "withdrawn",
      withFields(base, { status: "withdrawn", closed_at: "2026-11-25T09:00:00+01:00" }),
    ],
    [
      "an English phone complaint with every optional field",
      withFields(base, {
        language: "en",
        channel: "phone",
        "complainant.phone": "+31 20 123 4567",
        "complainant.organisation": "Acme B.V.",
      }),
    ],
  ];
  it.each(valid)("accepts %s", (_name, text) => {
    expect(checkDossier(FILE, text, CONTEXT).violations).toEqual([]);
  });
});

describe("broken dossiers: each rule refused, naming the field and the line", () => {
  const broken: [string, string, string, string | undefined, string][] = [
    // [name, text, rule, field, line prefix to find]
    ["a missing field", withFields(base, { summary: undefined }), "schema", "summary", "id:"],
    ["an unknown field", withFields(base, { verdikt: "founded" }), "schema", "verdikt", "verdikt:"],
    [
      "a misspelt nested field",
      withFields(base, { "complainant.mail": "x@example.nl" }),
      "schema",
      "complainant.mail",
      "mail:",
    ],
    ["a wrong status", withFields(base, { status: "done" }), "schema", "status", "status:"],
    [
      "a malformed e-mail",
      withFields(base, { "complainant.email": "eva@" }),
      "schema",
      "complainant.email",
      "email: eva@",
    ],
    [
      "a malformed date",
      withFields(base, { "terms.judgement_due": "2026-02-30" }),
      "schema",
      "terms.judgement_due",
      "judgement_due:",
    ],
    [
      "a time without offset",
      withFields(base, { received_at: "2026-11-24T09:13:05" }),
      "schema",
      "received_at",
      "received_at:",
    ],
    [
      "a summary over 140 characters",
      withFields(base, { summary: "x".repeat(141) }),
      "schema",
      "summary",
      "summary:",
    ],
    [
      "a name with a line break",
      withFields(base, { "complainant.name": "Eva\r\nBcc: x@example.nl" }),
      "schema",
      "complainant.name",
      "name: ",
    ],
    [
      "a yes that is not a boolean",
      withFields(base, { information: { complete: "yes" } }),
      "schema",
      "information.complete",
      "complete:",
    ],
    ["a wrong schema version", withFields(base, { schema: 2 }), "schema", "schema", "schema:"],
    [
      "an unknown category",
      withFields(base, { category: "food" }),
      "category",
      "category",
      "category:",
    ],
    ["another prefix", withFields(base, { id: "XX-2026-0001" }), "id", "id", "id:"],
    [
      "an id of another year",
      withFields(base, { received_at: "2025-11-24T09:13:05+01:00" }),
      "id",
      "id",
      "id:",
    ],
    [
      "an id that does not match its folder",
      withFields(base, { id: "KL-2026-0002" }),
      "path",
      "id",
      "id:",
    ],
    [
      "liability without a reason",
      withFields(base, { liability: { possible: true } }),
      "status_requires",
      "liability.possible",
      "possible:",
    ],
    [
      "the hearing gate (§1.4)",
      withFields(judged, { staff_involved: [{ name: "Piet Smit", email: "piet@example.nl" }] }),
      "hearing_gate",
      "staff_involved[0]",
      "- name: Piet",
    ],
    [
      "a hearing without staff",
      withFields(base, { status: "hearing" }),
      "status_requires",
      "status",
      "status:",
    ],
    [
      "an incomplete written judgement (§1.6)",
      withFields(judged, { "judgement.follow_up": undefined }),
      "judgement_complete",
      "judgement",
      "judgement:",
    ],
    [
      "judged without a judgement",
      withFields(base, { status: "judged" }),
      "status_requires",
      "status",
      "status:",
    ],
    [
      "awaiting information without a request",
      withFields(base, { status: "awaiting_information" }),
      "status_requires",
      "status",
      "status:",
    ],
    [
      "incomplete information without saying what",
      withFields(base, { information: { complete: false } }),
      "status_requires",
      "information.complete",
      "complete:",
    ],
    [
      "a delay before the term",
      withFields(base, { delay: { reason: "Druk.", new_date: "2026-11-30" } }),
      "delay",
      "delay.new_date",
      "new_date:",
    ],
    [
      "closed_at on an open case",
      withFields(base, { closed_at: "2026-12-02T09:00:00+01:00" }),
      "status_requires",
      "closed_at",
      "closed_at:",
    ],
  ];

  it.each(broken)("refuses %s", (_name, text, rule, field, prefix) => {
    const { violations } = checkDossier(FILE, text, CONTEXT);
    expect(violations).toContainEqual(
      expect.objectContaining({
        file: FILE,
        rule,
        line: lineStarting(text, prefix),
        ...(field ? { field } : {}),
      }),
    );
    for (const v of violations) expect(v.message.length).toBeGreaterThan(10);
  });

  it("refuses a body without the complaint section, at the body's first line", () => {
    const text = serializeDossier(dossierData(), "## Onderzoek\n\nniets\n");
    const { violations } = checkDossier(FILE, text, CONTEXT);
    expect(violations).toEqual([
      expect.objectContaining({
        rule: "complaint_text",
        line: text.split("\n").indexOf("---", 1) + 2,
      }),
    ]);
  });

  it("refuses a file outside dossiers/<YYYY>/<ID>/", () => {
    const { violations } = checkDossier("notes/dossier.md", base, CONTEXT);
    expect(violations).toEqual([expect.objectContaining({ rule: "path", line: 1 })]);
  });

  it("refuses broken YAML with the line of the error", () => {
    const text = base.replace("status: received", "status: [received");
    const { violations } = checkDossier(FILE, text, CONTEXT);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: "syntax" });
    expect(violations[0]?.line).toBeGreaterThanOrEqual(lineStarting(text, "status:"));
  });

  it("reports every problem of a dossier at once; the insurer gate is a rule of a change, not of a version", () => {
    const text = withFields(judged, {
      liability: { possible: true, reason: "Schade." },
      staff_involved: [{ name: "Piet Smit", email: "piet@example.nl" }],
      "judgement.reasoning": undefined,
    });
    const rules = checkDossier(FILE, text, CONTEXT)
      .violations.map((v) => v.rule)
      .sort();
    expect(rules).toEqual(["hearing_gate", "judgement_complete"]);
  });

  it("an empty complaint text is still a fenced section", () => {
    const text = serializeDossier(dossierData(), renderDossierBody(""));
    expect(checkDossier(FILE, text, CONTEXT).violations).toEqual([]);
  });
});
