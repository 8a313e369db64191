import { describe, expect, it } from "vitest";
import { createCalendar } from "../../automation/domain/calendar.ts";
import {
  caseDeadlines,
  remindFrom,
  type DeadlineContext,
} from "../../automation/domain/deadlines.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { dossierData } from "../support/dossiers.ts";

const at = (
  iso: string,
  lead: DeadlineContext["lead"] = { count: 1, unit: "working_day" },
): DeadlineContext => ({
  now: new Date(iso),
  timeZone: "Europe/Amsterdam",
  calendar: createCalendar({}),
  lead,
});
const base = dossierData();

describe("caseDeadlines", () => {
  it.each([
    // [now, information state, judgement state, resolution state]
    ["2026-11-25T09:00:00+01:00", "ok", "ok", "ok"],
    ["2026-11-30T09:00:00+01:00", "due_soon", "due_soon", "ok"],
    ["2026-12-01T23:59:59+01:00", "due_soon", "due_soon", "ok"],
    ["2026-12-01T23:00:00Z", "overdue", "overdue", "ok"], // already Wednesday 2 Dec in Amsterdam
    ["2026-12-23T09:00:00+01:00", "overdue", "overdue", "due_soon"],
    ["2026-12-28T09:00:00+01:00", "overdue", "overdue", "overdue"],
  ])(
    "at %s: information %s, judgement %s, resolution %s",
    (now, information, judgement, resolution) => {
      const result = caseDeadlines(base, at(now));
      expect(result?.terms.map((t) => t.state)).toEqual([information, judgement, resolution]);
    },
  );

  it("the next term is the earliest one not met", () => {
    const assessed = { ...base, information: { complete: true } } as Dossier;
    expect(caseDeadlines(assessed, at("2026-11-25T09:00:00+01:00"))?.next).toMatchObject({
      kind: "judgement",
      due: "2026-12-01",
    });
    const judged = { ...base, status: "judged", judgement: { form: "meeting" } } as Dossier;
    expect(caseDeadlines(judged, at("2026-11-25T09:00:00+01:00"))?.next).toMatchObject({
      kind: "resolution",
      due: "2026-12-24",
    });
  });

  it("a delay moves the judgement term to its new date", () => {
    const delayed = { ...base, delay: { reason: "Ziekte.", new_date: "2026-12-08" } } as Dossier;
    const judgement = caseDeadlines(delayed, at("2026-12-02T09:00:00+01:00"))?.terms[1];
    expect(judgement).toMatchObject({ due: "2026-12-08", state: "ok" });
  });

  it("a closed or withdrawn case has no deadlines", () => {
    expect(
      caseDeadlines({ ...base, status: "withdrawn" }, at("2026-12-28T09:00:00+01:00")),
    ).toBeUndefined();
  });
});

describe("remindFrom", () => {
  it.each([
    [{ count: 1, unit: "working_day" as const }, "2026-12-01", "2026-11-30"],
    [{ count: 2, unit: "working_day" as const }, "2026-12-28", "2026-12-23"], // skips Christmas and Boxing Day
    [{ count: 3, unit: "day" as const }, "2026-12-01", "2026-11-28"],
    [{ count: 1, unit: "week" as const }, "2026-12-24", "2026-12-17"],
  ])("%o before %s is %s", (lead, due, expected) => {
    expect(remindFrom(due, at("2026-11-25T09:00:00+01:00", lead))).toBe(expected);
  });
});
