import { describe, expect, it } from "vitest";
import { createCalendar } from "../../automation/domain/calendar.ts";
import { checkChange, type ChangeContext } from "../../automation/domain/check-change.ts";
import { STATUSES, type Status } from "../../automation/domain/dossier-schema.ts";
import { DEFAULT_POLICY } from "../../automation/domain/terms.ts";
import type { RuleCode } from "../../automation/domain/violation.ts";
import {
  CONTEXT,
  WRITTEN_JUDGEMENT,
  dossierText,
  pathOf,
  withFields,
} from "../support/dossiers.ts";

const context: ChangeContext = { ...CONTEXT, policy: DEFAULT_POLICY, calendar: createCalendar({}) };
const FILE = pathOf("KL-2026-0001");
const NOW = new Date("2026-12-01T12:00:00+01:00");
const PIET = { name: "Piet Smit", email: "piet@example.nl" };

/** The life of a case, written out pair by pair: where each status may go in one change. */
const ALLOWED: Record<Status, readonly Status[]> = {
  received: ["received", "in_progress", "awaiting_information", "hearing", "judged", "withdrawn"],
  in_progress: ["in_progress", "awaiting_information", "hearing", "judged", "withdrawn"],
  awaiting_information: ["in_progress", "awaiting_information", "hearing", "judged", "withdrawn"],
  hearing: ["in_progress", "awaiting_information", "hearing", "judged", "withdrawn"],
  judged: ["in_progress", "judged", "closed", "withdrawn"],
  closed: ["closed"],
  withdrawn: ["withdrawn"],
};

/** What makes each status true on its own. */
const FIELDS: Record<Status, Record<string, unknown>> = {
  received: {},
  in_progress: {},
  awaiting_information: { information: { complete: false, request: "Het factuurnummer." } },
  hearing: { staff_involved: [{ ...PIET, summary: "Piet bevestigt de uren." }] },
  judged: { judgement: WRITTEN_JUDGEMENT },
  closed: { judgement: WRITTEN_JUDGEMENT, closed_at: "2026-11-30T16:00:00+01:00" },
  withdrawn: { closed_at: "2026-11-30T16:00:00+01:00" },
};

interface Gate {
  name: string;
  /** Fields on both versions. */
  fields: Record<string, unknown>;
  /** Whether the gate lets a step the transitions allow through. */
  lets: (from: Status, to: Status) => boolean;
  /** The rule a step the gate stops is refused by. */
  rule?: RuleCode;
}

const GATES: Gate[] = [
  { name: "no gate", fields: {}, lets: () => true },
  {
    name: "liability possible, insurer told but not consulted",
    fields: {
      liability: {
        possible: true,
        reason: "Schade aan een machine.",
        insurer_informed_at: "2026-11-25T10:00:00+01:00",
      },
    },
    lets: (from, to) => from === to || !["hearing", "judged", "closed"].includes(to),
    rule: "insurer_gate",
  },
  {
    name: "liability possible, insurer consulted",
    fields: {
      liability: {
        possible: true,
        reason: "Schade aan een machine.",
        insurer_informed_at: "2026-11-25T10:00:00+01:00",
        insurer_consulted_at: "2026-11-26T10:00:00+01:00",
      },
    },
    lets: () => true,
  },
  {
    name: "a staff member without a summary",
    fields: { staff_involved: [{ name: "Ans Visser", email: "ans@example.nl" }] },
    lets: (_from, to) => to !== "judged" && to !== "closed",
    rule: "hearing_gate",
  },
];

function version(status: Status, extra: Record<string, unknown>): string {
  const fields: Record<string, unknown> = { ...FIELDS[status], ...extra, status };
  if (FIELDS[status].staff_involved && extra.staff_involved) {
    fields.staff_involved = [
      ...(FIELDS[status].staff_involved as unknown[]),
      ...(extra.staff_involved as unknown[]),
    ];
  }
  return withFields(dossierText(), fields);
}

const rulesOf = (before: string, after: string) =>
  checkChange({ kind: "modified", path: FILE, before, after }, context, { now: NOW, by: "person" });

describe("every pair of statuses, with and without each gate", () => {
  const cases = GATES.flatMap((gate) =>
    STATUSES.flatMap((from) => STATUSES.map((to) => [gate.name, from, to, gate] as const)),
  );
  it.each(cases)("%s: %s → %s", (_name, from, to, gate) => {
    const before = version(from, { ...FIELDS[to], ...gate.fields });
    const after = version(to, { ...FIELDS[from], ...gate.fields });
    const violations = rulesOf(before, after);
    const rules = new Set(violations.map((v) => v.rule));
    // Refused for the right reason: the transition, the gate, or both; never by accident.
    expect(rules.has("transition")).toBe(!ALLOWED[from].includes(to));
    if (gate.rule) expect(rules.has(gate.rule)).toBe(!gate.lets(from, to));
    if (ALLOWED[from].includes(to) && gate.lets(from, to)) expect(violations).toEqual([]);
    for (const v of violations) expect(v.message).toMatch(/\w{3,}.*\w{3,}/);
  });

  it("covers all 49 pairs under each gate", () => {
    expect(cases).toHaveLength(STATUSES.length * STATUSES.length * GATES.length);
  });
});

describe("the gates of a change", () => {
  const flagged = {
    possible: true,
    reason: "Schade aan een machine.",
    insurer_informed_at: "2026-11-25T10:00:00+01:00",
  };
  const awaiting = version("awaiting_information", {});

  it("lets liability be flagged while awaiting information: the status stays legal", () => {
    expect(
      rulesOf(awaiting, withFields(awaiting, { liability: { possible: true, reason: "x" } })),
    ).toEqual([]);
  });

  it("lets the information come in while liability waits for the insurer", () => {
    const before = withFields(awaiting, { liability: flagged });
    const after = withFields(before, {
      status: "in_progress",
      "information.complete": true,
      "information.received_at": "2026-11-27T09:00:00+01:00",
    });
    expect(rulesOf(before, after)).toEqual([]);
  });

  it.each([
    ["removing the block", { liability: undefined }, "liability"],
    ["setting possible back to false", { "liability.possible": false }, "liability.possible"],
  ])("refuses %s before the insurer is consulted", (_name, change, field) => {
    const before = withFields(version("in_progress", {}), { liability: flagged });
    const violations = rulesOf(before, withFields(before, change));
    expect(violations.filter((v) => v.rule === "insurer_gate")).toEqual([
      expect.objectContaining({ field }),
    ]);
  });

  it("accepts possible: false together with the consultation", () => {
    const before = withFields(version("in_progress", {}), { liability: flagged });
    const after = withFields(before, {
      "liability.possible": false,
      "liability.insurer_consulted_at": "2026-11-27T09:00:00+01:00",
    });
    expect(rulesOf(before, after)).toEqual([]);
  });

  it("refuses a consultation before the insurer was told", () => {
    const before = withFields(version("in_progress", {}), {
      liability: { possible: true, reason: "x" },
    });
    const after = withFields(before, {
      "liability.insurer_consulted_at": "2026-11-27T09:00:00+01:00",
    });
    expect(rulesOf(before, after)).toEqual([
      expect.objectContaining({ rule: "insurer_gate", field: "liability.insurer_consulted_at" }),
    ]);
  });

  it("never removes a staff member whose hearing request went out", () => {
    const before = version("hearing", {
      staff_involved: [{ ...PIET, informed_at: "2026-11-25T10:00:00+01:00" }],
    });
    const after = withFields(before, { staff_involved: undefined, status: "in_progress" });
    expect(rulesOf(before, after)).toEqual([
      expect.objectContaining({ rule: "hearing_gate", field: "staff_involved" }),
    ]);
  });

  it("lets a staff member not yet asked be removed", () => {
    const before = withFields(version("in_progress", {}), { staff_involved: [PIET] });
    expect(rulesOf(before, withFields(before, { staff_involved: undefined }))).toEqual([]);
  });

  it("refuses a judgement dated in the future", () => {
    const before = version("in_progress", {});
    const after = version("judged", { judgement: { ...WRITTEN_JUDGEMENT, date: "2026-12-02" } });
    expect(rulesOf(before, after)).toEqual([
      expect.objectContaining({ rule: "judgement_complete", field: "judgement.date" }),
    ]);
  });

  it("refuses complete information while awaiting it, saying to move on", () => {
    const after = withFields(awaiting, { "information.complete": true });
    expect(rulesOf(awaiting, after)).toEqual([
      expect.objectContaining({
        rule: "status_requires",
        message: expect.stringContaining("set status: in_progress"),
      }),
    ]);
  });

  it.each([
    ["channel", { channel: "email" }],
    ["a time a letter went out", { "information.requested_at": "2026-11-26T10:00:00+01:00" }],
  ])("refuses a change of %s", (_name, change) => {
    const before = withFields(awaiting, {
      "information.requested_at": "2026-11-25T10:00:00+01:00",
    });
    expect(rulesOf(before, withFields(before, change))).toEqual([
      expect.objectContaining({ rule: "immutable" }),
    ]);
  });
});
