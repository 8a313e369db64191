import { describe, it, expect } from "vitest";
import { createCalendar } from "../../automation/domain/calendar.ts";
import {
  computeTerms,
  DEFAULT_POLICY,
  formatTermSpec,
  parseTermSpec,
  termEnd,
} from "../../automation/domain/terms.ts";
import type { TermSpec } from "../../automation/domain/terms.ts";

// Every expected date below was worked out by hand from a printed calendar;
// the weekday of each date is noted in a comment.

const TZ = "Europe/Amsterdam";
const plain = createCalendar({});

describe("parseTermSpec", () => {
  it.each<[string, TermSpec | undefined]>([
    ["5 working days", { count: 5, unit: "working_day" }],
    ["1 working day", { count: 1, unit: "working_day" }],
    ["1 week", { count: 1, unit: "week" }],
    ["2 weeks", { count: 2, unit: "week" }],
    ["1 month", { count: 1, unit: "month" }],
    ["3 months", { count: 3, unit: "month" }],
    ["10 days", { count: 10, unit: "day" }],
    ["1 day", { count: 1, unit: "day" }],
    ["5 Working Days", { count: 5, unit: "working_day" }],
    ["1 WEEK", { count: 1, unit: "week" }],
    ["  5  working   days ", { count: 5, unit: "working_day" }],
    ["0 working days", undefined],
    ["0 days", undefined],
    ["-1 week", undefined],
    ["1.5 weeks", undefined],
    ["five days", undefined],
    ["week", undefined],
    ["5", undefined],
    ["", undefined],
    ["5 workingdays", undefined],
    ["5 business days", undefined],
    ["1 fortnight", undefined],
    ["1 year", undefined],
    ["5 werkdagen", undefined],
    ["1 week and 2 days", undefined],
    ["10000 days", undefined],
  ])("%j → %j", (text, expected) => {
    expect(parseTermSpec(text)).toEqual(expected);
  });
});

describe("formatTermSpec", () => {
  it.each<[TermSpec, string]>([
    [{ count: 5, unit: "working_day" }, "5 working days"],
    [{ count: 1, unit: "working_day" }, "1 working day"],
    [{ count: 1, unit: "week" }, "1 week"],
    [{ count: 2, unit: "week" }, "2 weeks"],
    [{ count: 1, unit: "month" }, "1 month"],
    [{ count: 10, unit: "day" }, "10 days"],
  ])("%j → %j, and back", (spec, text) => {
    expect(formatTermSpec(spec)).toBe(text);
    expect(parseTermSpec(text)).toEqual(spec);
  });
});

describe("DEFAULT_POLICY", () => {
  it("is 5 working days / 1 week / 1 month", () => {
    expect(DEFAULT_POLICY).toEqual({
      information: { count: 5, unit: "working_day" },
      judgement: { count: 1, unit: "week" },
      resolution: { count: 1, unit: "month" },
    });
  });
});

describe("termEnd", () => {
  it.each<[string, string, string]>([
    ["2026-01-31", "1 month", "2026-03-02"], // Sat → Sat 28 Feb (clamped) → Mon 2 Mar
    ["2027-01-31", "1 month", "2027-03-01"], // Sun → Sun 28 Feb (clamped) → Mon 1 Mar
    ["2028-01-31", "1 month", "2028-02-29"], // Mon → Tue 29 Feb (leap year, clamped)
    ["2024-01-31", "1 month", "2024-02-29"], // Wed → Thu 29 Feb (leap year, clamped)
    ["2026-03-31", "1 month", "2026-04-30"], // Tue → Thu 30 Apr (clamped)
    ["2027-03-31", "1 month", "2027-04-30"], // Wed → Fri 30 Apr (clamped)
    ["2029-03-31", "1 month", "2029-04-30"], // Sat → Mon 30 Apr (clamped)
    ["2026-08-31", "1 month", "2026-09-30"], // Mon → Wed 30 Sep (clamped)
    ["2026-11-30", "3 months", "2027-03-01"], // Mon → Sun 28 Feb (clamped) → Mon 1 Mar
    ["2026-11-24", "10 days", "2026-12-04"], // Tue → Fri
    ["2026-11-27", "1 day", "2026-11-30"], // Fri → Sat → Mon
    ["2026-12-18", "2 weeks", "2027-01-04"], // Fri → Fri 1 Jan (New Year) → Mon 4 Jan
    ["2026-12-24", "1 working day", "2026-12-28"], // Thu → Mon
    ["2026-12-18", "10 working days", "2027-01-05"], // Fri → Tue: 21-24, 28-31 Dec, 4-5 Jan
  ])("%s + %s = %s", (from, term, expected) => {
    expect(termEnd(from, parseTermSpec(term)!, plain)).toBe(expected);
  });

  it.each<[TermSpec]>([
    [{ count: 0, unit: "week" }],
    [{ count: 1.5, unit: "week" }],
    [{ count: 1, unit: "year" as TermSpec["unit"] }],
  ])("rejects %j with a RangeError", (spec) => {
    expect(() => termEnd("2026-11-24", spec, plain)).toThrow(RangeError);
  });

  it("rejects an invalid receipt date", () => {
    expect(() => termEnd("2026-02-30", DEFAULT_POLICY.judgement, plain)).toThrow(RangeError);
  });
});

type Row = [receivedAt: string, information: string, judgement: string, resolution: string];

describe("computeTerms with the default policy", () => {
  const cases: [string, Row[]][] = [
    [
      "the README's example",
      [["2026-11-24T09:13:05+01:00", "2026-12-01", "2026-12-01", "2026-12-24"]],
    ], // Tue; Tue, Tue, Thu
    [
      "receipt on Friday, Saturday, Sunday",
      [
        ["2026-11-27T16:45:00+01:00", "2026-12-04", "2026-12-04", "2026-12-28"], // Fri; Fri, Fri, Sun 27 → Mon
        ["2026-11-28T10:00:00+01:00", "2026-12-04", "2026-12-07", "2026-12-28"], // Sat; Fri, Sat 5 → Mon, Mon
        ["2026-11-29T10:00:00+01:00", "2026-12-04", "2026-12-07", "2026-12-29"], // Sun; Fri, Sun 6 → Mon, Tue
      ],
    ],
    [
      "receipt between 22 and 31 December 2026, across Christmas and New Year",
      [
        ["2026-12-22T10:00:00+01:00", "2026-12-30", "2026-12-29", "2027-01-22"], // Tue; Wed, Tue, Fri
        ["2026-12-23T10:00:00+01:00", "2026-12-31", "2026-12-30", "2027-01-25"], // Wed; Thu, Wed, Sat 23 → Mon
        ["2026-12-24T10:00:00+01:00", "2027-01-04", "2026-12-31", "2027-01-25"], // Thu; Mon, Thu, Sun 24 → Mon
        ["2026-12-25T10:00:00+01:00", "2027-01-04", "2027-01-04", "2027-01-25"], // Fri (Christmas); Mon, Fri 1 Jan → Mon, Mon
        ["2026-12-26T10:00:00+01:00", "2027-01-04", "2027-01-04", "2027-01-26"], // Sat; Mon, Sat 2 → Mon, Tue
        ["2026-12-27T10:00:00+01:00", "2027-01-04", "2027-01-04", "2027-01-27"], // Sun; Mon, Sun 3 → Mon, Wed
        ["2026-12-28T10:00:00+01:00", "2027-01-05", "2027-01-04", "2027-01-28"], // Mon; Tue, Mon, Thu
        ["2026-12-29T10:00:00+01:00", "2027-01-06", "2027-01-05", "2027-01-29"], // Tue; Wed, Tue, Fri
        ["2026-12-30T10:00:00+01:00", "2027-01-07", "2027-01-06", "2027-02-01"], // Wed; Thu, Wed, Sat 30 → Mon
        ["2026-12-31T10:00:00+01:00", "2027-01-08", "2027-01-07", "2027-02-01"], // Thu; Fri, Thu, Sun 31 → Mon
      ],
    ],
    [
      "terms landing on a holiday",
      [
        ["2026-03-27T10:00:00+01:00", "2026-04-07", "2026-04-07", "2026-04-28"], // Fri; Tue, Good Fri → Tue, King's Day → Tue
        ["2026-04-05T12:00:00+02:00", "2026-04-13", "2026-04-13", "2026-05-06"], // Easter Sun; Mon, Sun → Mon, Liberation Day → Wed
        ["2026-04-20T10:00:00+02:00", "2026-04-28", "2026-04-28", "2026-05-20"], // Mon; Tue, King's Day → Tue, Wed
        ["2026-04-25T10:00:00+02:00", "2026-05-04", "2026-05-04", "2026-05-26"], // Sat; Mon, Sat → Mon, Whit Mon → Tue
        ["2026-04-28T10:00:00+02:00", "2026-05-06", "2026-05-06", "2026-05-28"], // Tue; Wed, Liberation Day → Wed, Thu
        ["2027-04-28T10:00:00+02:00", "2027-05-07", "2027-05-07", "2027-05-28"], // Wed; Fri, Liberation Day → Ascension → Fri, Fri
        ["2026-05-07T10:00:00+02:00", "2026-05-15", "2026-05-15", "2026-06-08"], // Thu; Fri, Ascension → Fri, Sun → Mon
        ["2026-11-25T10:00:00+01:00", "2026-12-02", "2026-12-02", "2026-12-28"], // Wed; Wed, Wed, Christmas → Mon
        ["2026-12-01T10:00:00+01:00", "2026-12-08", "2026-12-08", "2027-01-04"], // Tue; Tue, Tue, New Year → Mon
      ],
    ],
    [
      "receipt around midnight in winter time (UTC+1)",
      [
        ["2026-11-23T23:59:59+01:00", "2026-11-30", "2026-11-30", "2026-12-23"], // Mon; Mon, Mon, Wed
        ["2026-11-24T00:00:00+01:00", "2026-12-01", "2026-12-01", "2026-12-24"], // Tue; Tue, Tue, Thu
        ["2026-11-23T22:59:59Z", "2026-11-30", "2026-11-30", "2026-12-23"], // Mon 23:59:59 local
        ["2026-11-23T23:00:00Z", "2026-12-01", "2026-12-01", "2026-12-24"], // Tue 00:00 local
      ],
    ],
    [
      "receipt around midnight in summer time (UTC+2)",
      [
        ["2026-07-14T23:59:59+02:00", "2026-07-21", "2026-07-21", "2026-08-14"], // Tue; Tue, Tue, Fri
        ["2026-07-15T00:00:00+02:00", "2026-07-22", "2026-07-22", "2026-08-17"], // Wed; Wed, Wed, Sat → Mon
        ["2026-07-14T21:59:59Z", "2026-07-21", "2026-07-21", "2026-08-14"], // Tue 23:59:59 local
        ["2026-07-14T22:30:00Z", "2026-07-22", "2026-07-22", "2026-08-17"], // Wed 00:30 local
      ],
    ],
    [
      "receipt on the night the clocks go forward (Sun 2026-03-29)",
      [
        ["2026-03-28T22:59:59Z", "2026-04-07", "2026-04-07", "2026-04-28"], // Sat 23:59:59 CET; Tue, Sat 4 Apr → Tue, Tue
        ["2026-03-28T23:30:00Z", "2026-04-07", "2026-04-07", "2026-04-29"], // Sun 00:30 CET; Tue, Easter → Tue, Wed
        ["2026-03-29T21:59:59Z", "2026-04-07", "2026-04-07", "2026-04-29"], // Sun 23:59:59 CEST
        ["2026-03-29T22:00:00Z", "2026-04-08", "2026-04-07", "2026-04-30"], // Mon 00:00 CEST; Wed, Easter Mon → Tue, Thu
      ],
    ],
    [
      "receipt on the night the clocks go back (Sun 2026-10-25)",
      [
        ["2026-10-24T21:59:59Z", "2026-10-30", "2026-11-02", "2026-11-24"], // Sat 23:59:59 CEST; Fri, Sat → Mon, Tue
        ["2026-10-24T22:00:00Z", "2026-10-30", "2026-11-02", "2026-11-25"], // Sun 00:00 CEST; Fri, Sun → Mon, Wed
        ["2026-10-25T22:59:59Z", "2026-10-30", "2026-11-02", "2026-11-25"], // Sun 23:59:59 CET
        ["2026-10-25T23:00:00Z", "2026-11-02", "2026-11-02", "2026-11-26"], // Mon 00:00 CET; Mon, Mon, Thu
      ],
    ],
  ];

  describe.each(cases)("%s", (_title, rows) => {
    it.each(rows)(
      "received %s → %s / %s / %s",
      (receivedAt, information, judgement, resolution) => {
        expect(computeTerms(receivedAt, DEFAULT_POLICY, plain, TZ)).toEqual({
          information_due: information,
          judgement_due: judgement,
          resolution_due: resolution,
        });
      },
    );
  });

  it("rejects an unparsable receipt instant", () => {
    expect(() => computeTerms("24-11-2026 09:13", DEFAULT_POLICY, plain, TZ)).toThrow(RangeError);
  });
});

describe("computeTerms with closing days from config", () => {
  it.each<[string[], ...Row]>([
    // Fri after Ascension closed: Thu 7 May → Mon 18 May (8, 11, 12, 13, 18), Ascension → Fri 15 (closed) → Mon 18, Sun 7 Jun → Mon 8 Jun
    [["2026-05-15"], "2026-05-07T10:00:00+02:00", "2026-05-18", "2026-05-18", "2026-06-08"],
    // Christmas Eve closed: the README's example's Thu 24 Dec → (Christmas, Boxing Day, Sun) → Mon 28 Dec
    [["2026-12-24"], "2026-11-24T09:13:05+01:00", "2026-12-01", "2026-12-01", "2026-12-28"],
    // Closed 28–31 Dec: Tue 22 Dec → info Wed 6 Jan (23, 24, 4, 5, 6), Tue 29 (closed) → Mon 4 Jan, Fri 22 Jan
    [
      ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"],
      "2026-12-22T10:00:00+01:00",
      "2027-01-06",
      "2027-01-04",
      "2027-01-22",
    ],
  ])(
    "closed %j, received %s → %s / %s / %s",
    (closingDays, receivedAt, info, judgement, resolution) => {
      const calendar = createCalendar({ closingDays });
      expect(computeTerms(receivedAt, DEFAULT_POLICY, calendar, TZ)).toEqual({
        information_due: info,
        judgement_due: judgement,
        resolution_due: resolution,
      });
    },
  );

  it("applies a custom policy", () => {
    const policy = {
      information: parseTermSpec("2 working days")!,
      judgement: parseTermSpec("2 weeks")!,
      resolution: parseTermSpec("6 weeks")!,
    };
    // Tue 24 Nov → Thu 26 Nov; Tue 8 Dec; Tue 5 Jan
    expect(computeTerms("2026-11-24T09:13:05+01:00", policy, plain, TZ)).toEqual({
      information_due: "2026-11-26",
      judgement_due: "2026-12-08",
      resolution_due: "2027-01-05",
    });
  });
});
