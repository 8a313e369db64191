import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WRITTEN_JUDGEMENT } from "../support/dossiers.ts";
import { TestRepo } from "../support/git-repo.ts";
import { runDocket } from "../support/run-docket.ts";
import { CaseHistory } from "./case-history.ts";

/**
 * A case registered by phone with its receipt in UTC, committed by machines
 * whose clocks say UTC, its letters dated +0000: the audit gives every time
 * in the organisation's zone (Europe/Amsterdam, +01:00 in November).
 */
let repo: TestRepo;
let json: string;

beforeAll(async () => {
  repo = new TestRepo();
  const one = new CaseHistory(repo, 1, "2026-11-24T08:13:05Z", { channel: "phone" });
  one.intake("2026-11-24T08:13:06Z");
  one.send(["acknowledgement", "new_case"], "2026-11-24T08:13:08Z");
  one.change(
    { status: "judged", judgement: { ...WRITTEN_JUDGEMENT, date: "2026-11-30" } },
    "2026-11-30T09:00:00Z",
  );
  one.send(["judgement"], "2026-11-30T09:01:00Z");
  one.change({ status: "closed", closed_at: "2026-11-30T09:05:00Z" }, "2026-11-30T09:05:00Z");
  const result = await runDocket([
    "audit",
    "--json",
    "--repo",
    repo.dir,
    "--now",
    "2026-12-10T12:00:00Z",
  ]);
  expect(result.code).toBe(0);
  json = result.stdout;
});
afterAll(() => repo.dispose());

describe("the audit's times", () => {
  it("are all in the organisation's zone, whatever zone they were written in", () => {
    const times = [
      ...json.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})/g),
    ];
    expect(times.length).toBeGreaterThan(10);
    for (const [time] of times) expect(time).toMatch(/\+01:00$/);
    expect(json).not.toMatch(/\+0000|GMT|UTC/);
  });

  it("give the receipt and the letters' dates as the same instants", () => {
    const report = JSON.parse(json) as {
      dossiers: { receivedAt: string; letters: { date?: string; sentAt: string }[] }[];
    };
    const [dossier] = report.dossiers;
    expect(dossier?.receivedAt).toBe("2026-11-24T09:13:05+01:00");
    expect(dossier?.letters.map((l) => [l.date, l.sentAt])).toEqual([
      ["2026-11-24T09:13:08+01:00", "2026-11-24T09:13:08+01:00"],
      ["2026-11-24T09:13:08+01:00", "2026-11-24T09:13:08+01:00"],
      ["2026-11-30T10:01:00+01:00", "2026-11-30T10:01:00+01:00"],
    ]);
  });
});
