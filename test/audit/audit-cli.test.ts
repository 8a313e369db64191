import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDocket } from "../support/run-docket.ts";
import { withFields, WRITTEN_JUDGEMENT } from "../support/dossiers.ts";
import { bareCloneOf, TestRepo } from "../support/git-repo.ts";
import { CaseHistory } from "./case-history.ts";

const docket = (args: string[]) => runDocket(args);

const NOW = ["--now", "2026-12-10T12:00:00+01:00"];
let clean: TestRepo;
let broken: TestRepo;
let bare: string;
let out: string;

beforeAll(() => {
  clean = new TestRepo();
  const one = new CaseHistory(clean, 1);
  one.intake("2026-11-24T09:13:06+01:00");
  one.send(["acknowledgement", "new_case"], "2026-11-24T09:13:08+01:00");
  one.change({ status: "judged", judgement: WRITTEN_JUDGEMENT }, "2026-11-30T10:00:00+01:00");
  one.send(["judgement"], "2026-11-30T10:01:00+01:00");
  const two = new CaseHistory(clean, 2, "2026-12-03T11:00:00+01:00", { category: "service" });
  two.intake("2026-12-03T11:00:01+01:00");
  bare = bareCloneOf(clean);

  broken = new TestRepo();
  const three = new CaseHistory(broken, 3);
  three.intake("2026-11-24T09:13:06+01:00");
  broken.write(three.path, withFields(three.text, { "terms.resolution_due": "2027-01-31" }));
  broken.commit("More time", "2026-12-01T08:00:00+01:00");
  out = mkdtempSync(join(tmpdir(), "docket-audit-out-"));
});
afterAll(() => {
  clean.dispose();
  broken.dispose();
  rmSync(bare, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe("docket audit", () => {
  it("prints a text summary and exits 0 on a clean history", async () => {
    const { code, stdout, stderr } = await docket(["audit", "--repo", clean.dir, ...NOW]);
    expect(code).toBe(0);
    expect(stdout).toContain("Complaints received: 2");
    expect(stdout).toMatch(/judgement\s+1\s+0\s+0\s+1/);
    expect(stdout).toContain("Integrity: no change outside the rules in 5 commit(s).");
    expect(stderr).toContain("Audited 2 complaint(s) in 5 commit(s): no change outside the rules.");
  });

  it("prints the report as JSON: figures, dossiers with terms and timelines, findings", async () => {
    const { code, stdout } = await docket(["audit", "--repo", bare, "--json", ...NOW]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      "generatedAt",
      "timeZone",
      "organisation",
      "period",
      "repository",
      "figures",
      "dossiers",
      "integrity",
    ]);
    expect(report.repository).toMatchObject({ ref: "main", commits: 5, shallow: false });
    expect(report.repository.head).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(report.figures)).toEqual([
      "complaints",
      "perMonth",
      "perCategory",
      "verdicts",
      "handlingDays",
      "terms",
    ]);
    expect(report.figures.perCategory).toContainEqual({
      category: "service",
      label: "Service",
      count: 1,
    });
    const [first] = report.dossiers;
    expect(first).toMatchObject({
      id: "KL-2026-0001",
      folder: "dossiers/2026/KL-2026-0001",
      receivedAt: "2026-11-24T09:13:05+01:00",
      status: "judged",
      verdict: "founded",
      deleted: false,
    });
    expect(first.terms).toEqual([
      {
        kind: "information",
        due: "2026-12-01",
        state: "met",
        at: "2026-11-30T10:01:00+01:00",
        by: "judgement",
      },
      {
        kind: "judgement",
        due: "2026-12-01",
        state: "met",
        at: "2026-11-30T10:01:00+01:00",
        by: "judgement",
      },
      { kind: "resolution", due: "2026-12-24", state: "open" },
    ]);
    expect(first.timeline).toHaveLength(4);
    expect(first.timeline[1].letters.map((l: { key: string }) => l.key)).toEqual([
      "acknowledgement",
      "new_case",
    ]);
    expect(report.integrity).toEqual([]);
  });

  it("exits 1 and names the dossier, commit, time and author of a change outside the rules", async () => {
    const { code, stdout, stderr } = await docket(["audit", "--repo", broken.dir, ...NOW]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /KL-2026-0003: line \d+: terms\.resolution_due: terms\.resolution_due never changes; it was 2026-12-24, restore that value \(commit [0-9a-f]{12}, 2026-12-01T08:00:00\+01:00, Test Handler <handler@example.nl>: "More time"\)/,
    );
    expect(stderr).toContain("1 change(s) outside the rules in 1 dossier(s)");
    const json = await docket(["audit", "--repo", broken.dir, "--json", ...NOW]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).integrity[0].kind).toBe("immutable");
    expect(json.stderr).toContain("KL-2026-0003: line");
  });

  it.each([
    ["a date that is not one", ["--from", "2026-13-01"]],
    ["--from after --to", ["--from", "2026-12-01", "--to", "2026-11-01"]],
    ["a bad --now", ["--now", "yesterday"]],
    ["an unknown option", ["--since", "2026-01-01"]],
    ["a stray argument", ["KL-2026-0001"]],
    ["an empty --out", ["--out", ""]],
    ["an --out in a folder that is not there", ["--out", "/nonexistent-folder/audit.html"]],
  ])("exits 2 on %s", async (_what, args) => {
    const { code, stderr } = await docket(["audit", "--repo", clean.dir, ...args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/docket audit: /);
  });

  it("exits 2 for a folder that is not a git repository, or one without commits", async () => {
    expect((await docket(["audit", "--repo", out])).code).toBe(2);
    const empty = new TestRepo();
    try {
      const { code, stderr } = await docket(["audit", "--repo", empty.dir]);
      expect(code).toBe(2);
      expect(stderr).toContain("no commits at HEAD");
    } finally {
      empty.dispose();
    }
  });

  it("explains itself with --help", async () => {
    const { code, stdout } = await docket(["audit", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: docket audit [--repo DIR] [--from DATE] [--to DATE]");
  });
});

describe("docket audit --out", () => {
  let html = "";
  beforeAll(async () => {
    const file = join(out, "audit.html");
    const { code } = await docket(["audit", "--repo", clean.dir, "--out", file, ...NOW]);
    expect(code).toBe(0);
    html = readFileSync(file, "utf8");
  });

  it("writes one self-contained page: no script, no external resource, no URL", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^#[\w-]+$/);
  });

  it("draws the charts as SVG with accessible names and their figures in words", () => {
    const charts = [...html.matchAll(/<svg role="img" aria-labelledby="([\w-]+) ([\w-]+)"/g)];
    expect(charts.map((m) => m[1])).toEqual([
      "chart-terms-title",
      "chart-months-title",
      "chart-categories-title",
      "chart-verdicts-title",
    ]);
    for (const [, title, desc] of charts) {
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toContain(`<desc id="${desc}">`);
    }
    expect(html).toContain('<desc id="chart-months-desc">2026-11: 1; 2026-12: 1</desc>');
    expect(html).toContain("judgement: met 1, notified 0, missed 0, open 1");
  });

  it("uses headings, captioned tables with header cells, and prints on A4", () => {
    expect(html).toMatch(/<h1>Complaints audit — Interforce<\/h1>/);
    expect(html.match(/<h2 /g)?.length).toBeGreaterThanOrEqual(6);
    const tables = html.match(/<table[\s>]/g)?.length ?? 0;
    expect(html.match(/<caption>/g)?.length).toBe(tables);
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('<th scope="row">');
    expect(html).toContain("@page { size: A4; margin: 15mm }");
    expect(html).toMatch(/break-before: page/);
    expect(html).toMatch(/tr, svg, dl, \.timeline \{ break-inside: avoid \}/);
  });
});
