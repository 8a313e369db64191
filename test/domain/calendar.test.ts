import { describe, it, expect } from "vitest";
import {
  addDays,
  addMonthsClamped,
  compareDates,
  createCalendar,
  easterSunday,
  isIsoDate,
  localDate,
  statutoryHolidays,
  weekday,
} from "../../automation/domain/calendar.ts";

// Every expected value below was worked out by hand from a printed calendar;
// the weekday of each date is noted in a comment.

describe("isIsoDate", () => {
  it.each([
    ["2026-11-24", true],
    ["2024-02-29", true], // leap year
    ["2000-02-29", true], // divisible by 400: leap
    ["1900-02-29", false], // divisible by 100: not leap
    ["2026-02-29", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["2026-01-00", false],
    ["2026-1-5", false],
    ["26-11-24", false],
    ["2026/11/24", false],
    [" 2026-11-24", false],
    ["2026-11-24T00:00:00Z", false],
    ["", false],
  ])("%j → %s", (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });
});

describe("addDays", () => {
  it.each([
    ["2026-11-24", 0, "2026-11-24"],
    ["2026-12-31", 1, "2027-01-01"], // year end
    ["2028-02-28", 1, "2028-02-29"], // leap day
    ["2026-02-28", 1, "2026-03-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-03-28", 2, "2026-03-30"], // across the spring DST change
    ["2026-10-24", 2, "2026-10-26"], // across the autumn DST change
    ["2024-01-01", 366, "2025-01-01"],
    ["2026-11-24", 7, "2026-12-01"],
  ])("%s + %i days = %s", (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it.each([
    ["2026-02-30", 1],
    ["2026-11-24", 1.5],
    ["9999-12-31", 1],
  ])("rejects %s + %s with a RangeError", (d, n) => {
    expect(() => addDays(d, n)).toThrow(RangeError);
  });
});

describe("addMonthsClamped", () => {
  it.each([
    ["2026-11-24", 1, "2026-12-24"],
    ["2026-01-31", 1, "2026-02-28"], // non-leap year: clamped
    ["2028-01-31", 1, "2028-02-29"], // leap year: clamped
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-08-31", 1, "2026-09-30"],
    ["2026-12-15", 1, "2027-01-15"], // year end
    ["2024-12-31", 2, "2025-02-28"],
    ["2025-11-30", 3, "2026-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-01-15", -1, "2025-12-15"],
  ])("%s + %i months = %s", (d, n, expected) => {
    expect(addMonthsClamped(d, n)).toBe(expected);
  });
});

describe("weekday", () => {
  it.each([
    ["1970-01-01", 4], // Thursday
    ["2000-01-01", 6], // Saturday
    ["2025-04-27", 0], // Sunday
    ["2026-11-24", 2], // Tuesday
    ["2026-11-27", 5], // Friday
    ["2026-11-28", 6], // Saturday
    ["2026-03-29", 0], // Sunday (DST starts)
    ["2038-01-19", 2], // Tuesday
  ])("%s → %i", (d, expected) => {
    expect(weekday(d)).toBe(expected);
  });
});

describe("compareDates", () => {
  it.each([
    ["2026-11-24", "2026-11-25", -1],
    ["2026-11-24", "2026-11-24", 0],
    ["2027-01-01", "2026-12-31", 1],
  ])("%s vs %s → %i", (a, b, expected) => {
    expect(Math.sign(compareDates(a, b))).toBe(expected);
  });
});

describe("easterSunday", () => {
  it.each([
    [1583, "1583-04-10"],
    [1818, "1818-03-22"], // earliest possible
    [1943, "1943-04-25"], // latest possible
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2016, "2016-03-27"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2029, "2029-04-01"],
    [2030, "2030-04-21"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
    [9999, "9999-03-28"],
  ])("%i → %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it.each([1582, 10000, 2026.5])("rejects %s with a RangeError", (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

// Each year's holidays in the order of NAMES, as "MM-DD Weekday".
const NAMES = [
  ["Nieuwjaarsdag", "New Year's Day"],
  ["Goede Vrijdag", "Good Friday"],
  ["Eerste Paasdag", "Easter Sunday"],
  ["Tweede Paasdag", "Easter Monday"],
  ["Koningsdag", "King's Day"],
  ["Bevrijdingsdag", "Liberation Day"],
  ["Hemelvaartsdag", "Ascension Day"],
  ["Eerste Pinksterdag", "Whit Sunday"],
  ["Tweede Pinksterdag", "Whit Monday"],
  ["Eerste Kerstdag", "Christmas Day"],
  ["Tweede Kerstdag", "Boxing Day"],
] as const;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
// prettier-ignore
const HOLIDAYS: [number, string][] = [
  //      NewYear    GoodFri    Easter     EasterMon  King's     Liberation Ascension  Whitsun    WhitMon    Christmas  Boxing
  [2024, "01-01 Mon 03-29 Fri 03-31 Sun 04-01 Mon 04-27 Sat 05-05 Sun 05-09 Thu 05-19 Sun 05-20 Mon 12-25 Wed 12-26 Thu"],
  [2025, "01-01 Wed 04-18 Fri 04-20 Sun 04-21 Mon 04-26 Sat 05-05 Mon 05-29 Thu 06-08 Sun 06-09 Mon 12-25 Thu 12-26 Fri"],
  [2026, "01-01 Thu 04-03 Fri 04-05 Sun 04-06 Mon 04-27 Mon 05-05 Tue 05-14 Thu 05-24 Sun 05-25 Mon 12-25 Fri 12-26 Sat"],
  [2027, "01-01 Fri 03-26 Fri 03-28 Sun 03-29 Mon 04-27 Tue 05-05 Wed 05-06 Thu 05-16 Sun 05-17 Mon 12-25 Sat 12-26 Sun"],
  [2028, "01-01 Sat 04-14 Fri 04-16 Sun 04-17 Mon 04-27 Thu 05-05 Fri 05-25 Thu 06-04 Sun 06-05 Mon 12-25 Mon 12-26 Tue"],
  [2029, "01-01 Mon 03-30 Fri 04-01 Sun 04-02 Mon 04-27 Fri 05-05 Sat 05-10 Thu 05-20 Sun 05-21 Mon 12-25 Tue 12-26 Wed"],
  [2030, "01-01 Tue 04-19 Fri 04-21 Sun 04-22 Mon 04-27 Sat 05-05 Sun 05-30 Thu 06-09 Sun 06-10 Mon 12-25 Wed 12-26 Thu"],
  [2031, "01-01 Wed 04-11 Fri 04-13 Sun 04-14 Mon 04-26 Sat 05-05 Mon 05-22 Thu 06-01 Sun 06-02 Mon 12-25 Thu 12-26 Fri"],
  [2038, "01-01 Fri 04-23 Fri 04-25 Sun 04-26 Mon 04-27 Tue 05-05 Wed 06-03 Thu 06-13 Sun 06-14 Mon 12-25 Sat 12-26 Sun"],
  [2285, "01-01 Thu 03-20 Fri 03-22 Sun 03-23 Mon 04-27 Mon 05-05 Tue 04-30 Thu 05-10 Sun 05-11 Mon 12-25 Fri 12-26 Sat"],
];

describe.each(HOLIDAYS)("statutoryHolidays(%i)", (year, table) => {
  const expected = table.match(/\d\d-\d\d \w{3}/g)!.map((cell, i) => ({
    date: `${year}-${cell.slice(0, 5)}`,
    day: cell.slice(6),
    name: { nl: NAMES[i]![0], en: NAMES[i]![1] },
  }));

  it("lists the eleven holidays sorted by date, named in Dutch and English", () => {
    const sorted = [...expected].sort((a, b) => (a.date < b.date ? -1 : 1));
    const actual = statutoryHolidays(year);
    expect(actual.map((h) => h.date)).toEqual(sorted.map((h) => h.date));
    expect(actual).toEqual(sorted.map(({ date, name }) => ({ date, name })));
  });

  it.each(expected)("$date ($name.nl, $day) is not a working day", ({ date, day, name }) => {
    const calendar = createCalendar({});
    expect(DAYS[weekday(date)]).toBe(day);
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.holidayOn(date)).toEqual({ date, name });
  });
});

describe("statutoryHolidays details", () => {
  it("keeps both holidays when Ascension Day falls on 5 May (2016, Thu)", () => {
    const onFifth = statutoryHolidays(2016).filter((h) => h.date === "2016-05-05");
    expect(onFifth.map((h) => h.name.nl).sort()).toEqual(["Bevrijdingsdag", "Hemelvaartsdag"]);
  });

  it("is not affected by a caller mutating the returned list", () => {
    statutoryHolidays(2026).splice(0, 11);
    expect(statutoryHolidays(2026)).toHaveLength(11);
  });

  it.each([1500, 10000])("rejects year %i with a RangeError", (year) => {
    expect(() => statutoryHolidays(year)).toThrow(RangeError);
  });
});

describe("King's Day when 27 April is a Sunday", () => {
  it.each([
    [2025, "2025-04-26"], // 27 April 2025 is a Sunday → Saturday 26 April
    [2031, "2031-04-26"], // 27 April 2031 is a Sunday → Saturday 26 April
    [2036, "2036-04-26"], // 27 April 2036 is a Sunday → Saturday 26 April
  ])("%i → %s", (year, expected) => {
    const kingsDay = statutoryHolidays(year).find((h) => h.name.nl === "Koningsdag");
    expect(kingsDay?.date).toBe(expected);
    expect(createCalendar({}).holidayOn(`${year}-04-27`)).toBeUndefined();
  });
});

describe("Liberation Day is a holiday every year", () => {
  it.each([
    ["2025-05-05", "Mon"], // lustrum year
    ["2026-05-05", "Tue"], // not a lustrum year
    ["2027-05-05", "Wed"], // not a lustrum year
    ["2028-05-05", "Fri"], // not a lustrum year
  ])("%s (%s) is not a working day", (date, day) => {
    const calendar = createCalendar({});
    expect(DAYS[weekday(date)]).toBe(day);
    expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.holidayOn(date)?.name).toEqual({ nl: "Bevrijdingsdag", en: "Liberation Day" });
  });
});

describe("createCalendar: isWorkingDay", () => {
  const calendar = createCalendar({ closingDays: ["2026-05-15", "2026-12-24"] });
  it.each([
    ["2026-11-24", true], // Tue
    ["2026-11-27", true], // Fri
    ["2026-11-28", false], // Sat
    ["2026-11-29", false], // Sun
    ["2026-04-28", true], // Tue, the day after King's Day
    ["2026-05-15", false], // Fri after Ascension: closing day
    ["2026-05-22", true], // Fri, a week later: no closing day
    ["2026-12-24", false], // Thu: closing day
    ["2026-12-31", true], // Thu: New Year's Eve is no holiday
    ["2025-04-27", false], // Sun (King's Day moved to Sat 26th)
  ])("%s → %s", (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it("treats a plain calendar's Friday after Ascension as a working day", () => {
    expect(createCalendar({}).isWorkingDay("2026-05-15")).toBe(true); // Fri
  });

  it.each(["2026-02-30", "15-05-2026", ""])("rejects the date %j", (date) => {
    expect(() => calendar.isWorkingDay(date)).toThrow(RangeError);
  });
});

describe("createCalendar: holidayOn", () => {
  const calendar = createCalendar({ closingDays: ["2026-05-15", "2026-12-25"] });
  it.each([
    ["2026-05-15", { nl: "Sluitingsdag", en: "Closing day" }], // Fri: closing day
    ["2026-12-25", { nl: "Eerste Kerstdag", en: "Christmas Day" }], // Fri: holiday wins
    ["2026-05-14", { nl: "Hemelvaartsdag", en: "Ascension Day" }], // Thu
    ["2026-11-28", undefined], // Sat: a weekend day is no holiday
    ["2026-11-24", undefined], // Tue
  ])("%s → %j", (date, name) => {
    expect(calendar.holidayOn(date)).toEqual(name && { date, name });
  });

  it("rejects an invalid closing day", () => {
    expect(() => createCalendar({ closingDays: ["2026-02-30"] })).toThrow(/2026-02-30/);
  });
});

describe("createCalendar: nextWorkingDayOnOrAfter", () => {
  const calendar = createCalendar({ closingDays: ["2026-05-15"] });
  it.each([
    ["2026-11-24", "2026-11-24"], // Tue → itself
    ["2026-11-28", "2026-11-30"], // Sat → Mon
    ["2026-11-29", "2026-11-30"], // Sun → Mon
    ["2026-04-03", "2026-04-07"], // Good Friday → (Easter Sat, Sun, Mon) → Tue
    ["2026-04-27", "2026-04-28"], // King's Day (Mon) → Tue
    ["2026-05-14", "2026-05-18"], // Ascension (Thu) → closing day Fri → Mon
    ["2026-12-25", "2026-12-28"], // Christmas (Fri) → Boxing Day (Sat), Sun → Mon
    ["2027-01-01", "2027-01-04"], // New Year's Day (Fri) → Mon
  ])("%s → %s", (date, expected) => {
    expect(calendar.nextWorkingDayOnOrAfter(date)).toBe(expected);
  });
});

describe("createCalendar: addWorkingDays", () => {
  const calendar = createCalendar({ closingDays: ["2026-05-15"] });
  it.each([
    ["2026-11-24", 5, "2026-12-01"], // Tue → Tue: 25, 26, 27, 30, 1
    ["2026-11-27", 1, "2026-11-30"], // Fri → Mon
    ["2026-11-28", 1, "2026-11-30"], // Sat → Mon
    ["2026-12-24", 1, "2026-12-28"], // Thu → Mon (Christmas, Boxing Day, Sun)
    ["2026-12-31", 1, "2027-01-04"], // Thu → Mon (New Year's Day, Sat, Sun)
    ["2026-05-13", 1, "2026-05-18"], // Wed → Mon (Ascension, closing day, weekend)
    ["2026-11-24", 0, "2026-11-24"], // zero: the day itself
    ["2026-12-01", -5, "2026-11-24"], // backwards: Tue → Tue
    ["2026-12-28", -1, "2026-12-24"], // backwards over Christmas: Mon → Thu
  ])("%s + %i working days = %s", (date, n, expected) => {
    expect(calendar.addWorkingDays(date, n)).toBe(expected);
  });

  it("rejects a fractional count", () => {
    expect(() => calendar.addWorkingDays("2026-11-24", 1.5)).toThrow(RangeError);
  });
});

describe("localDate in Europe/Amsterdam", () => {
  const tz = "Europe/Amsterdam";
  it.each([
    // winter time (UTC+1)
    ["2026-11-24T09:13:05+01:00", "2026-11-24"], // the README's example, Tue
    ["2026-11-23T23:59:59+01:00", "2026-11-23"], // just before midnight
    ["2026-11-24T00:00:00+01:00", "2026-11-24"], // midnight
    ["2026-11-23T22:59:59Z", "2026-11-23"], // 23:59:59 local
    ["2026-11-23T23:00:00Z", "2026-11-24"], // 00:00 local
    ["2026-11-23T23:30:00.123Z", "2026-11-24"], // 00:30 local, with fraction
    ["2026-11-24T00:30:00+02:00", "2026-11-23"], // 23:30 local
    ["2026-11-23T18:00:00-05:00", "2026-11-24"], // 00:00 local
    ["2026-12-31T23:30:00Z", "2027-01-01"], // 00:30 local on New Year's Day
    // summer time (UTC+2)
    ["2026-07-14T21:59:59Z", "2026-07-14"], // 23:59:59 local
    ["2026-07-14T22:00:00Z", "2026-07-15"], // 00:00 local
    ["2026-07-14T22:30:00Z", "2026-07-15"], // 00:30 local
    ["2026-07-14T23:59:59+02:00", "2026-07-14"],
    ["2026-07-15T00:00:00+02:00", "2026-07-15"],
    ["2026-07-15t00:00:00z", "2026-07-15"], // lower-case T and Z
    ["2026-07-14 22:30:00+0000", "2026-07-15"], // space separator, offset without colon
    // Sun 2026-03-29: clocks go from 02:00 CET to 03:00 CEST
    ["2026-03-28T22:59:59Z", "2026-03-28"], // 23:59:59 CET
    ["2026-03-28T23:00:00Z", "2026-03-29"], // 00:00 CET
    ["2026-03-29T01:30:00Z", "2026-03-29"], // 03:30 CEST
    ["2026-03-29T21:59:59Z", "2026-03-29"], // 23:59:59 CEST
    ["2026-03-29T22:00:00Z", "2026-03-30"], // 00:00 CEST
    // Sun 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET
    ["2026-10-24T21:59:59Z", "2026-10-24"], // 23:59:59 CEST
    ["2026-10-24T22:00:00Z", "2026-10-25"], // 00:00 CEST
    ["2026-10-25T02:30:00+02:00", "2026-10-25"], // first 02:30
    ["2026-10-25T02:30:00+01:00", "2026-10-25"], // second 02:30
    ["2026-10-25T22:59:59Z", "2026-10-25"], // 23:59:59 CET
    ["2026-10-25T23:00:00Z", "2026-10-26"], // 00:00 CET
  ])("%s → %s", (instant, expected) => {
    expect(localDate(instant, tz)).toBe(expected);
  });

  it.each([
    [new Date(Date.UTC(2026, 6, 14, 22, 30)), "2026-07-15"], // 00:30 CEST
    [new Date(Date.UTC(2026, 10, 23, 22, 59, 59)), "2026-11-23"], // 23:59:59 CET
  ])("Date %s → %s", (instant, expected) => {
    expect(localDate(instant, tz)).toBe(expected);
  });

  it.each([
    ["2026-11-24T02:00:00Z", "America/New_York", "2026-11-23"], // 21:00 EST
    ["2026-11-24T16:00:00Z", "Asia/Tokyo", "2026-11-25"], // 01:00 JST
    ["2026-11-24T23:59:59Z", "UTC", "2026-11-24"],
  ])("%s in %s → %s", (instant, timeZone, expected) => {
    expect(localDate(instant, timeZone)).toBe(expected);
  });

  it.each([
    "",
    "not a date",
    "2026-11-24", // a date is not an instant
    "2026-11-24T09:13:05", // no offset: ambiguous
    "2026-13-01T00:00:00Z",
    "2026-02-30T10:00:00Z",
    "2026-11-24T24:00:00Z",
    "2026-11-24T09:60:00+01:00",
    "Tue, 24 Nov 2026 09:13:05 +0100",
  ])("rejects %j with a RangeError naming it", (instant) => {
    expect(() => localDate(instant, tz)).toThrow(RangeError);
    expect(() => localDate(instant, tz)).toThrow(JSON.stringify(instant));
  });

  it("rejects an invalid Date and an unknown time zone", () => {
    expect(() => localDate(new Date(NaN), tz)).toThrow(RangeError);
    expect(() => localDate("2026-11-24T09:13:05Z", "Europe/Nowhere")).toThrow(RangeError);
  });
});
