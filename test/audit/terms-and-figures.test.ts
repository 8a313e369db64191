import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAuditReport, type AuditReport } from "../../automation/audit/audit-report.ts";
import type { AuditHistory } from "../../automation/audit/audit-types.ts";
import { readHistory } from "../../automation/audit/read-history.ts";
import { CHANGE_CONTEXT, WRITTEN_JUDGEMENT } from "../support/dossiers.ts";
import { TestRepo } from "../support/git-repo.ts";
import { CaseHistory } from "./case-history.ts";

const CATEGORIES = ["service", "invoice", "conduct", "other"].map((id) => ({ id, label: id }));
const verdict = (v: string, date: string) => ({ ...WRITTEN_JUDGEMENT, verdict: v, date });

let repo: TestRepo;
let history: AuditHistory;
const report = (now: string, period: { from?: string; to?: string } = {}): AuditReport =>
  buildAuditReport(history, {
    now: new Date(now),
    timeZone: "Europe/Amsterdam",
    categories: CATEGORIES,
    ...period,
  });

// Seven cases, received 1 October, 24 November (five) and 8 December 2026. Most have
// the terms of a receipt on 24 November: information and judgement 1 December,
// resolution 24 December. Dates in the comments are Amsterdam dates.
beforeAll(async () => {
  repo = new TestRepo();
  const d1 = new CaseHistory(repo, 1);
  const d2 = new CaseHistory(repo, 2);
  const d3 = new CaseHistory(repo, 3);
  const d4 = new CaseHistory(repo, 4, "2026-12-08T10:00:00+01:00", { category: "conduct" });
  const d5 = new CaseHistory(repo, 5, "2026-10-01T09:00:00+02:00", { category: "service" });
  const d6 = new CaseHistory(repo, 6);
  const d7 = new CaseHistory(repo, 7);

  // KL-2026-0005: terms 8 Oct, 8 Oct, 2 Nov. Judged in time, closed 18 days late.
  d5.intake("2026-10-01T09:00:05+02:00");
  d5.send(["acknowledgement", "new_case"], "2026-10-01T09:01:00+02:00");
  d5.change(
    { status: "judged", judgement: verdict("partly_founded", "2026-10-05") },
    "2026-10-05T10:00:00+02:00",
  );
  d5.send(["judgement"], "2026-10-05T10:05:00+02:00");
  d5.change({ status: "closed" }, "2026-11-20T08:00:00+01:00"); // 50 days after receipt

  for (const d of [d1, d2, d3, d6, d7]) d.intake("2026-11-24T09:13:06+01:00");
  d1.change({ status: "in_progress", "information.complete": true }, "2026-11-25T10:00:00+01:00");
  d3.change(
    { status: "in_progress", information: { complete: false, request: "Het factuurnummer." } },
    "2026-11-26T10:00:00+01:00",
  );
  d3.send(["information_request"], "2026-11-26T10:05:00+01:00", {
    "information.requested_at": "2026-11-26T10:05:00+01:00",
  });
  d6.change({ status: "withdrawn" }, "2026-11-26T12:00:00+01:00");
  d1.change(
    { status: "judged", judgement: verdict("founded", "2026-11-30") },
    "2026-11-30T15:00:00+01:00",
  );
  d1.send(["judgement"], "2026-11-30T15:05:00+01:00");
  // On the due date, in Amsterdam: a delay notice in time.
  d3.send(["delay_notice-2026-12-08"], "2026-12-01T10:00:00+01:00", {
    delay: { reason: "Meer tijd nodig.", new_date: "2026-12-08" },
  });
  // 22:30 UTC on 1 December is 23:30 in Amsterdam: still the due date.
  d7.change(
    { status: "judged", judgement: verdict("founded", "2026-12-01") },
    "2026-12-01T22:30:00Z",
  );
  d7.send(["judgement"], "2026-12-01T22:35:00Z");
  // 23:30 UTC on 1 December is 00:30 on 2 December in Amsterdam: a day late.
  d2.change({ status: "in_progress", "information.complete": true }, "2026-12-01T23:30:00Z");
  d2.send(["delay_notice-2026-12-08"], "2026-12-02T10:00:00+01:00");
  d1.change({ status: "closed" }, "2026-12-04T09:13:05+01:00"); // 10 days
  d2.change(
    { status: "judged", judgement: verdict("founded", "2026-12-05") },
    "2026-12-05T10:00:00+01:00",
  );
  d2.send(["judgement"], "2026-12-05T10:05:00+01:00");
  d7.change({ status: "closed" }, "2026-12-05T21:13:05+01:00"); // 11.5 days
  d4.intake("2026-12-08T10:00:01+01:00");
  d3.change(
    { status: "judged", judgement: verdict("unfounded", "2026-12-09") },
    "2026-12-09T10:00:00+01:00",
  );
  d3.send(["judgement"], "2026-12-09T10:05:00+01:00");
  d3.change({ status: "closed" }, "2026-12-09T21:13:05+01:00"); // 15.5 days
  history = await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT);
});
afterAll(() => repo.dispose());

const states = (r: AuditReport, id: string) =>
  Object.fromEntries(
    (r.dossiers.find((d) => d.id === id)?.terms ?? []).map((t) => [t.kind, [t.state, t.by]]),
  );

describe("terms as met, notified, missed or open, from the history", () => {
  const now = "2026-12-10T12:00:00+01:00";
  // Each term as state:event, the event being what settled it (or came too late).
  it.each([
    ["KL-2026-0001", "all met in time", "met:information_complete", "met:judgement", "met:closed"],
    [
      "KL-2026-0002",
      "late information (00:30 in Amsterdam), a late delay notice, not yet due to close",
      "missed:information_complete",
      "missed:judgement",
      "open:",
    ],
    [
      "KL-2026-0003",
      "information requested in time, a delay notice on the due date",
      "met:information_request",
      "notified:delay_notice",
      "met:closed",
    ],
    ["KL-2026-0004", "received 8 December: nothing due yet", "open:", "open:", "open:"],
    [
      "KL-2026-0005",
      "judged in time, closed late",
      "met:judgement",
      "met:judgement",
      "missed:closed",
    ],
    ["KL-2026-0006", "withdrawn early", "met:withdrawn", "met:withdrawn", "met:withdrawn"],
    [
      "KL-2026-0007",
      "judgement sent at 23:35 on the due date",
      "met:judgement",
      "met:judgement",
      "met:closed",
    ],
  ])("%s: %s", (id, _what, information, judgement, resolution) => {
    const expected = { information, judgement, resolution };
    const actual = Object.fromEntries(
      Object.entries(states(report(now), id)).map(([k, [state, by]]) => [
        k,
        `${state}:${by ?? ""}`,
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("counts only what was committed by --now: a judgement after it leaves the term open", () => {
    const early = report("2026-11-30T12:00:00+01:00");
    expect(states(early, "KL-2026-0001").judgement).toEqual(["open", undefined]);
    expect(early.dossiers.map((d) => d.id)).not.toContain("KL-2026-0004"); // not yet received
  });

  it("gives the due date and the commit time of what decided the term", () => {
    const d3 = report(now).dossiers.find((d) => d.id === "KL-2026-0003");
    expect(d3?.terms.find((t) => t.kind === "judgement")).toEqual({
      kind: "judgement",
      due: "2026-12-01",
      state: "notified",
      at: "2026-12-01T10:00:00+01:00",
      by: "delay_notice",
    });
  });
});

describe("the figures for a period", () => {
  const now = "2026-12-10T12:00:00+01:00";
  it("counts complaints per month and per category, with empty months and categories shown", () => {
    const { figures } = report(now);
    expect(figures.complaints).toBe(7);
    expect(figures.perMonth).toEqual([
      { month: "2026-10", count: 1 },
      { month: "2026-11", count: 5 },
      { month: "2026-12", count: 1 },
    ]);
    expect(figures.perCategory).toEqual([
      { category: "service", label: "service", count: 1 },
      { category: "invoice", label: "invoice", count: 5 },
      { category: "conduct", label: "conduct", count: 1 },
      { category: "other", label: "other", count: 0 },
    ]);
  });

  it("counts verdicts, with `none` for cases without one", () => {
    expect(report(now).figures.verdicts).toEqual([
      { verdict: "founded", count: 3 },
      { verdict: "partly_founded", count: 1 },
      { verdict: "unfounded", count: 1 },
      { verdict: "none", count: 2 },
    ]);
  });

  it("computes the median and 90th percentile of handling times by hand", () => {
    // Closed after 10, 11.5, 15.5 and 50 days. Median: (11.5 + 15.5) / 2 = 13.5.
    // 90th percentile, nearest rank: ceil(0.9 × 4) = 4th value = 50.
    expect(report(now).figures.handlingDays).toEqual({ closed: 4, median: 13.5, p90: 50 });
  });

  it("counts each kind of term by outcome", () => {
    expect(report(now).figures.terms).toEqual({
      information: { met: 5, notified: 0, missed: 1, open: 1 },
      judgement: { met: 4, notified: 1, missed: 1, open: 1 },
      resolution: { met: 4, notified: 0, missed: 1, open: 2 },
    });
  });

  it("limits figures to complaints received in --from … --to (Amsterdam dates)", () => {
    const november = report(now, { from: "2026-11-01", to: "2026-11-30" });
    expect(november.figures.complaints).toBe(5);
    expect(november.figures.perMonth).toEqual([{ month: "2026-11", count: 5 }]);
    expect(november.figures.handlingDays).toEqual({ closed: 3, median: 11.5, p90: 15.5 });
    expect(report(now, { from: "2026-12-01" }).dossiers.map((d) => d.id)).toEqual(["KL-2026-0004"]);
  });
});

describe("the timeline of a dossier", () => {
  it("names each commit's author, time, the fields it changed and the letters it added", () => {
    const d3 = report("2026-12-10T12:00:00+01:00").dossiers.find((d) => d.id === "KL-2026-0003");
    const steps = d3?.timeline.map((e) => ({
      time: e.time,
      change: e.change,
      fields: e.fields,
      status: e.status,
      letters: e.letters.map((l) => [l.file, l.key, l.to]),
    }));
    expect(steps?.slice(0, 3)).toEqual([
      {
        time: "2026-11-24T09:13:06+01:00",
        change: "added",
        fields: [],
        status: "received",
        letters: [],
      },
      {
        time: "2026-11-26T10:00:00+01:00",
        change: "modified",
        fields: ["status", "information.complete", "information.request"],
        status: "in_progress",
        letters: [],
      },
      {
        time: "2026-11-26T10:05:00+01:00",
        change: "modified",
        fields: ["information.requested_at"],
        status: undefined,
        letters: [
          [
            "0001-information_request.eml",
            "information_request",
            "Eva Jänsen <eva.jansen@example.nl>",
          ],
        ],
      },
    ]);
    expect(d3?.timeline[0]?.author).toEqual({ name: "Test Handler", email: "handler@example.nl" });
    expect(d3?.timeline.every((e) => e.declared)).toBe(true);
    expect(d3?.letters.map((l) => l.letter)).toEqual([
      "information_request",
      "delay_notice",
      "judgement",
    ]);
  });

  it("finds no change outside the rules in this history", () => {
    expect(history.findings).toEqual([]);
  });
});
