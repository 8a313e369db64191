import { describe, expect, it } from "vitest";
import { formatInstant } from "../../automation/domain/instant.ts";

describe("formatInstant", () => {
  it.each([
    ["2026-11-24T08:13:05.789Z", "Europe/Amsterdam", "2026-11-24T09:13:05+01:00"],
    ["2026-07-14T22:30:00Z", "Europe/Amsterdam", "2026-07-15T00:30:00+02:00"],
    // The night summer time starts: 01:59:59 UTC+1, then 03:00 UTC+2.
    ["2026-03-29T00:59:59Z", "Europe/Amsterdam", "2026-03-29T01:59:59+01:00"],
    ["2026-03-29T01:00:00Z", "Europe/Amsterdam", "2026-03-29T03:00:00+02:00"],
    // The night it ends: 02:30 happens twice.
    ["2026-10-25T00:30:00Z", "Europe/Amsterdam", "2026-10-25T02:30:00+02:00"],
    ["2026-10-25T01:30:00Z", "Europe/Amsterdam", "2026-10-25T02:30:00+01:00"],
    ["2026-12-31T23:59:59Z", "UTC", "2026-12-31T23:59:59+00:00"],
    ["2026-06-01T12:00:00Z", "America/St_Johns", "2026-06-01T09:30:00-02:30"],
  ])("%s in %s is %s", (instant, zone, expected) => {
    expect(formatInstant(new Date(instant), zone)).toBe(expected);
    expect(new Date(expected).getTime()).toBe(
      Math.floor(new Date(instant).getTime() / 1000) * 1000,
    );
  });
});
