import { describe, expect, it } from "vitest";
import { createCalendar } from "../../automation/domain/calendar.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import {
  copyName,
  lettersOwed,
  lettersSent,
  recentlyWithdrawn,
  type OwedContext,
} from "../../automation/domain/letters-owed.ts";
import { WRITTEN_JUDGEMENT, dossierData } from "../support/dossiers.ts";

const at = (iso: string): OwedContext => ({
  now: new Date(iso),
  timeZone: "Europe/Amsterdam",
  calendar: createCalendar({}),
  lead: { count: 1, unit: "working_day" },
  automaticDelayNotice: true,
});
// Received Tuesday 24 Nov 2026; information and judgement due Tuesday 1 Dec, resolution Thursday 24 Dec.
const WEDNESDAY = at("2026-11-25T09:00:00+01:00");
const base = dossierData();
const with_ = (fields: Partial<Dossier>): Dossier => ({ ...base, ...fields }) as Dossier;
const keys = (d: Dossier, context = WEDNESDAY) => lettersOwed(d, context).map((l) => l.key);
const staff = { name: "Piet Smit", email: "piet.smit@example.nl" };

describe("lettersOwed", () => {
  it.each<[string, Partial<Dossier>, string[]]>([
    [
      "a new complaint: the acknowledgement and the new-case notice",
      {},
      ["acknowledgement", "new_case"],
    ],
    [
      "missing information",
      { status: "awaiting_information", information: { complete: false, request: "De factuur." } },
      ["acknowledgement", "new_case", "information_request"],
    ],
    [
      "information complete: no request",
      { information: { complete: true } },
      ["acknowledgement", "new_case"],
    ],
    [
      "a delay the handler set",
      { delay: { reason: "Ziekte.", new_date: "2026-12-08" } },
      ["acknowledgement", "new_case", "delay_notice-2026-12-08"],
    ],
    [
      "a written judgement",
      { status: "judged", judgement: WRITTEN_JUDGEMENT as Dossier["judgement"] },
      ["acknowledgement", "new_case", "judgement"],
    ],
    [
      "a judgement in a meeting",
      { status: "judged", judgement: { form: "meeting" } },
      ["acknowledgement", "new_case", "meeting_proposal"],
    ],
    [
      "a withdrawn complaint",
      {
        status: "withdrawn",
        closed_at: "2026-11-25T08:30:00+01:00",
        information: { complete: false, request: "x" },
      },
      ["acknowledgement", "new_case", "withdrawal_confirmation", "withdrawal_notice"],
    ],
  ])("%s", (_name, fields, expected) => {
    expect(keys(with_(fields))).toEqual(expected);
  });

  // 5 working days after the withdrawal's local date; Wednesday 25 Nov 2026 counts back to Wednesday 18 Nov.
  it.each<[string, string | undefined, string, boolean]>([
    ["withdrawn this morning", "2026-11-25T08:30:00+01:00", "2026-11-25T09:00:00+01:00", true],
    [
      "withdrawn 5 working days ago",
      "2026-11-18T16:00:00+01:00",
      "2026-11-25T09:00:00+01:00",
      true,
    ],
    [
      "withdrawn 6 working days ago",
      "2026-11-17T16:00:00+01:00",
      "2026-11-25T09:00:00+01:00",
      false,
    ],
    [
      "late on the 17th UTC is the 18th in Amsterdam",
      "2026-11-17T23:30:00Z",
      "2026-11-25T09:00:00+01:00",
      true,
    ],
    [
      "over Christmas: 23 Dec, on 31 Dec",
      "2026-12-23T10:00:00+01:00",
      "2026-12-31T17:00:00+01:00",
      true,
    ],
    [
      "over Christmas: 22 Dec, on 31 Dec",
      "2026-12-22T10:00:00+01:00",
      "2026-12-31T17:00:00+01:00",
      false,
    ],
    [
      "withdrawn years before this version",
      "2023-03-14T11:00:00+01:00",
      "2026-11-25T09:00:00+01:00",
      false,
    ],
    ["withdrawn without closed_at: cannot be dated", undefined, "2026-11-25T09:00:00+01:00", false],
    ["closed_at later than now", "2026-11-26T10:00:00+01:00", "2026-11-25T09:00:00+01:00", true],
  ])("withdrawal letters: %s", (_name, closedAt, now, owed) => {
    const d = with_({ status: "withdrawn", ...(closedAt ? { closed_at: closedAt } : {}) });
    const letters = keys(d, at(now)).filter((k) => k.startsWith("withdrawal_"));
    expect(letters).toEqual(owed ? ["withdrawal_confirmation", "withdrawal_notice"] : []);
    expect(recentlyWithdrawn(d, at(now))).toBe(owed);
  });

  it("owes no withdrawal letters for a case that is not withdrawn, however recently closed", () => {
    const closed = with_({ status: "closed", closed_at: "2026-11-25T08:30:00+01:00" });
    expect(recentlyWithdrawn(closed, WEDNESDAY)).toBe(false);
    expect(keys(closed).filter((k) => k.startsWith("withdrawal_"))).toEqual([]);
  });

  it("asks each staff member involved once, keyed by their address (§1.4)", () => {
    const owed = lettersOwed(
      with_({
        status: "hearing",
        staff_involved: [staff, { name: "An de Wit", email: "an@example.nl" }],
      }),
      WEDNESDAY,
    );
    const hearings = owed.filter((l) => l.letter === "hearing_request");
    expect(hearings.map((h) => h.staff)).toEqual([0, 1]);
    expect(new Set(hearings.map((h) => h.key)).size).toBe(2);
    expect(hearings[0]?.key).toMatch(/^hearing_request-[0-9a-f]{8}$/);
    expect(hearings[0]?.records).toEqual(["staff_involved", 0, "informed_at"]);
    // Wednesday 25 Nov + 3 working days is Monday 30 Nov; the day before the term is Monday 30 Nov too.
    expect(hearings[0]?.respondBy).toBe("2026-11-30");
  });

  it("§1.5: with possible liability only the insurer notice goes until the insurer is consulted", () => {
    const liable = with_({
      staff_involved: [staff],
      information: { complete: false, request: "x" },
      liability: { possible: true, reason: "Schade." },
    });
    expect(keys(liable)).toEqual(["acknowledgement", "new_case", "insurer_notice"]);
    const consulted = {
      ...liable,
      liability: { ...liable.liability!, insurer_consulted_at: "2026-11-25T10:00:00+01:00" },
    };
    expect(keys(consulted)).toEqual([
      "acknowledgement",
      "new_case",
      "insurer_notice",
      "information_request",
      expect.stringMatching(/^hearing_request-/),
    ]);
  });

  it("§1.6: the delay notice goes by itself on the last day of the judgement term without judgement", () => {
    // Tuesday 1 Dec: the judgement term ends today and there is no judgement.
    const owed = lettersOwed(base, at("2026-12-01T07:17:00+01:00"));
    const delay = owed.find((l) => l.letter === "delay_notice");
    expect(delay).toMatchObject({
      key: "delay_notice-2026-12-24",
      delay: { new_date: "2026-12-24" },
    });
    expect(delay?.delay?.reason).toMatch(/meer tijd/);
    expect(
      lettersOwed(base, { ...at("2026-12-02T09:00:00+01:00"), automaticDelayNotice: false }).some(
        (l) => l.letter === "delay_notice",
      ),
    ).toBe(false);
    expect(
      lettersOwed(base, at("2026-11-30T23:59:00+01:00")).some((l) => l.letter === "delay_notice"),
    ).toBe(false);
  });

  it("reminds the handler of a term from the reminder lead on, once per term and date", () => {
    // Monday 30 Nov is one working day before Tuesday 1 Dec.
    expect(keys(base, at("2026-11-27T12:00:00+01:00"))).toEqual(["acknowledgement", "new_case"]);
    expect(keys(base, at("2026-11-30T08:00:00+01:00"))).toEqual([
      "acknowledgement",
      "new_case",
      "reminder-information-2026-12-01",
      "reminder-judgement-2026-12-01",
    ]);
    const assessed = with_({ information: { complete: true } });
    expect(keys(assessed, at("2026-11-30T08:00:00+01:00"))).toEqual([
      "acknowledgement",
      "new_case",
      "reminder-judgement-2026-12-01",
    ]);
  });
});

describe("lettersSent", () => {
  it("reads the keys and the next number from the copies", () => {
    const sent = lettersSent([
      "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml",
      "dossiers/2026/KL-2026-0001/correspondence/0002-new_case.eml",
      "dossiers/2026/KL-2026-0001/correspondence/notes.txt",
    ]);
    expect([...sent.keys]).toEqual(["acknowledgement", "new_case"]);
    expect(sent.next).toBe(3);
    expect(copyName(3, "hearing_request-1a2b3c4d")).toBe("0003-hearing_request-1a2b3c4d.eml");
  });
});

describe("steps a handler recorded as done", () => {
  it("are not repeated by letter", () => {
    const done = with_({
      status: "hearing",
      information: { complete: false, request: "x", requested_at: "2026-11-25T10:00:00+01:00" },
      liability: {
        possible: true,
        reason: "Schade.",
        insurer_informed_at: "2026-11-25T10:00:00+01:00",
        insurer_consulted_at: "2026-11-25T11:00:00+01:00",
      },
      staff_involved: [
        { ...staff, informed_at: "2026-11-25T10:00:00+01:00" },
        { name: "An de Wit", email: "an@example.nl" },
      ],
    });
    expect(keys(done)).toEqual([
      "acknowledgement",
      "new_case",
      expect.stringMatching(/^hearing_request-/),
    ]);
    expect(lettersOwed(done, WEDNESDAY).find((l) => l.letter === "hearing_request")?.staff).toBe(1);
  });
});
