import { afterAll, beforeAll, vi } from "vitest";

/**
 * For code that reads the clock itself (the Netlify functions, `new Date()`):
 * `Date` starts at `iso` for the tests of the calling file or `describe` and
 * runs on from there; timers stay real. Fixtures are dated: without this,
 * their terms pass and their year ends as the calendar moves on.
 */
export function useFixedClock(iso: string): void {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(iso), shouldAdvanceTime: true });
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
