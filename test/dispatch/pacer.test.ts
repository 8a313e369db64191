import { describe, expect, it } from "vitest";
import { createPacer } from "../../automation/dispatch/pacer.ts";

describe("createPacer", () => {
  it("spaces calls at least the interval apart, as Resend's 2 requests a second need", async () => {
    let now = 1_000;
    const waits: number[] = [];
    const pace = createPacer(500, {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const times: number[] = [];
    await Promise.all([1, 2, 3].map(() => pace().then(() => times.push(now))));
    expect(times).toEqual([1_000, 1_500, 2_000]);
    now += 2_000;
    await pace();
    expect(waits).toEqual([500, 500]);
  });
});
