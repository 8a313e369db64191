import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readServeIntervals } from "../../automation/cli/serve-intervals.ts";
import { runDocket } from "../support/run-docket.ts";

describe("docket serve's intervals", () => {
  it("defaults to a minute of dispatch, a look at the inbox every second and retention daily", () => {
    expect(readServeIntervals({}, true)).toEqual({
      dispatch: 60_000,
      watch: 2_000,
      inbox: 1_000,
      retention: 24 * 3_600_000,
    });
    expect(readServeIntervals({}, false).watch).toBe(60_000);
  });

  it("takes fractions, and 0 hours as retention off", () => {
    const read = readServeIntervals(
      { DOCKET_INBOX_SECONDS: "0.2", DOCKET_DISPATCH_SECONDS: "3600", DOCKET_RETENTION_HOURS: "0" },
      true,
    );
    expect(read).toMatchObject({ inbox: 200, dispatch: 3_600_000, retention: 0 });
  });

  it.each([
    ["DOCKET_INBOX_SECONDS", "abc"],
    ["DOCKET_INBOX_SECONDS", "0"],
    ["DOCKET_DISPATCH_SECONDS", "-5"],
    ["DOCKET_WATCH_SECONDS", "1e9"],
    // Longer than a Node.js timer can wait: it would fire every millisecond instead.
    ["DOCKET_RETENTION_HOURS", "1000"],
    ["DOCKET_RETENTION_HOURS", "-1"],
  ])("refuses %s=%s, naming the variable and what it takes", (name, value) => {
    expect(() => readServeIntervals({ [name]: value }, true)).toThrow(
      new RegExp(
        `^${name} must be a number of (seconds|hours) from .* e\\.g\\. \\d+; got "${value}"$`,
      ),
    );
  });

  it("stops docket serve before it starts, with exit 2", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "docket-serve-intervals-"));
    try {
      const result = await runDocket(["serve", "--port", "0"], {
        cwd,
        env: { DOCKET_REPO: join(cwd, "repo"), DOCKET_INBOX_SECONDS: "soon" },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("DOCKET_INBOX_SECONDS must be a number of seconds from 0.1");
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
