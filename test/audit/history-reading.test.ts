import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildAuditReport } from "../../automation/audit/audit-report.ts";
import { readVersion } from "../../automation/audit/dossier-version.ts";
import { parseLog, parseLogRecords } from "../../automation/audit/history.ts";
import { decodeWords, parseLetterHeaders } from "../../automation/audit/letter-headers.ts";
import { logArguments } from "../../automation/audit/history.ts";
import { readHistory } from "../../automation/audit/read-history.ts";
import { auditJson } from "../../automation/audit/render-json.ts";
import { CHANGE_CONTEXT, dossierText, withFields, WRITTEN_JUDGEMENT } from "../support/dossiers.ts";
import { TestRepo } from "../support/git-repo.ts";
import { CaseHistory } from "./case-history.ts";

let repo: TestRepo;
let one: CaseHistory;
beforeEach(() => {
  repo = new TestRepo();
  one = new CaseHistory(repo, 1);
  one.intake("2026-11-24T09:13:06+01:00");
  one.send(["acknowledgement", "new_case"], "2026-11-24T09:13:08+01:00");
});
afterEach(() => repo.dispose());

describe("the history of a branch with merged pull requests", () => {
  function branch(name: string, edit: () => void): void {
    repo.git("checkout", "--quiet", "-b", name);
    edit();
    repo.git("checkout", "--quiet", "main");
  }

  it("reads a merge as one step of main, by the merge's author at the merge's time", async () => {
    branch("hearing", () => one.change({ status: "in_progress" }, "2026-11-25T09:00:00+01:00"));
    repo.write("dossiers/README.md", "Dossiers.\n").commit("Guide", "2026-11-25T10:00:00+01:00");
    repo.git("config", "user.name", "Reviewer");
    execFileSync("git", ["merge", "--quiet", "--no-ff", "-m", "Merge pull request #1", "hearing"], {
      cwd: repo.dir,
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: "2026-11-26T11:00:00+01:00",
        GIT_COMMITTER_DATE: "2026-11-26T11:00:00+01:00",
      },
    });
    const history = await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT);
    const [dossier] = history.dossiers;
    expect(dossier?.timeline.map((e) => [e.subject, e.author.name, e.time, e.fields])).toEqual([
      ["Intake KL-2026-0001: Factuur", "Test Handler", "2026-11-24T09:13:06+01:00", []],
      [
        "Letters for KL-2026-0001: acknowledgement, new_case",
        "Test Handler",
        "2026-11-24T09:13:08+01:00",
        [],
      ],
      ["Merge pull request #1", "Reviewer", "2026-11-26T11:00:00+01:00", ["status"]],
    ]);
    expect(dossier?.timeline[2]?.declared).toBe(false);
    expect(history.findings).toEqual([]);
  });

  it("reads a Dossier: trailer that names the case by its path, as the desk's commits on GitHub do", async () => {
    const two = new CaseHistory(repo, 2);
    two.intake("2026-11-24T10:00:00+01:00");
    one.change(
      { status: "in_progress" },
      "2026-11-25T09:00:00+01:00",
      `Update ${one.path} on the desk\n\nDossier: ${one.path}\n`,
    );
    // A path names only its own case: this commit declares the second case, not the first.
    one.change(
      { summary: "Factuur met uren die niet gewerkt zijn" },
      "2026-11-25T10:00:00+01:00",
      `Update on the desk\n\nDossier: ${two.path}\n`,
    );
    const history = await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT);
    const timeline = history.dossiers.find((d) => d.id === one.id)?.timeline ?? [];
    expect(timeline.map((e) => [e.subject, e.declared])).toEqual([
      ["Intake KL-2026-0001: Factuur", true],
      ["Letters for KL-2026-0001: acknowledgement, new_case", true],
      [`Update ${one.path} on the desk`, true],
      ["Update on the desk", false],
    ]);
  });

  it("flags a rewrite made while resolving a merge", async () => {
    branch("fix", () => one.change({ status: "in_progress" }, "2026-11-25T09:00:00+01:00"));
    repo.git("merge", "--quiet", "--no-ff", "--no-commit", "fix");
    repo.write(one.path, withFields(one.text, { received_at: "2026-11-23T09:13:05+01:00" }));
    const merge = repo.commit("Merge branch 'fix'", "2026-11-26T11:00:00+01:00");
    const findings = (await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT)).findings;
    expect(findings.map((f) => [f.kind, f.commit])).toEqual([["immutable", merge]]);
  });
});

describe("reading git's output as it streams", () => {
  it("parses the log the same in any chunks as at once", () => {
    one.change({ status: "judged", judgement: WRITTEN_JUDGEMENT }, "2026-11-30T10:00:00+01:00");
    const output = execFileSync("git", logArguments("HEAD"), { cwd: repo.dir, encoding: "utf8" });
    const whole = parseLog(output);
    expect(whole.map((c) => c.subject)).toEqual([
      "Intake KL-2026-0001: Factuur",
      "Letters for KL-2026-0001: acknowledgement, new_case",
      "Update KL-2026-0001",
    ]);
    expect(whole[0]?.trailers).toEqual(["KL-2026-0001"]);
    expect(whole[1]?.changes.map((c) => [c.status, c.path.split("/").pop()])).toEqual([
      ["A", "0001-acknowledgement.eml"],
      ["A", "0002-new_case.eml"],
    ]);
    for (let cut = 1; cut < output.length; cut += 7) {
      const first = parseLogRecords(output.slice(0, cut), false);
      const rest = parseLogRecords(output.slice(first.rest), true);
      expect([...first.commits, ...rest.commits]).toEqual(whole);
    }
  });

  it("writes the same JSON in pieces as JSON.stringify at once", async () => {
    const report = buildAuditReport(await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT), {
      now: new Date("2026-12-10T12:00:00+01:00"),
      timeZone: "Europe/Amsterdam",
    });
    expect([...auditJson(report, 10)].join("")).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect([...auditJson({ ...report, dossiers: [] })].join("")).toBe(
      `${JSON.stringify({ ...report, dossiers: [] }, null, 2)}\n`,
    );
  });
});

describe("a dossier's versions", () => {
  const base = dossierText();
  it.each([
    ["a field changed", withFields(base, { status: "in_progress" })],
    ["a block added", withFields(base, { judgement: WRITTEN_JUDGEMENT })],
    ["a comment and a quoted key", base.replace("status:", "# where it stands\n'status':")],
    ["a block scalar", withFields(base, { "information.request": "Twee regels\nvan tekst." })],
    ["an anchor (read whole)", base.replace("channel: web", "channel: &c web\nx: *c")],
    ["broken YAML", base.replace("status: received", "status: [received")],
    ["a duplicate key", base.replace("status: received", "status: received\nstatus: closed")],
  ])("reads %s as splitDossier does, reusing the blocks it keeps", (_what, text) => {
    const previous = readVersion(base);
    if ("error" in previous) throw new Error(previous.error);
    const quick = readVersion(text, previous);
    const whole = readVersion(text);
    if ("error" in whole) {
      expect(quick).toEqual(whole);
      return;
    }
    expect("error" in quick ? quick : [...quick.fields]).toEqual([...whole.fields]);
    expect("error" in quick ? undefined : quick.complaint).toBe(whole.complaint);
  });
});

describe("reading only the blocks that changed", () => {
  it("reuses the parsed blocks a version keeps, and parses the one that changed", () => {
    const previous = readVersion(dossierText());
    if ("error" in previous || !previous.blocks) throw new Error("no blocks");
    const next = readVersion(withFields(dossierText(), { status: "in_progress" }), previous);
    if ("error" in next || !next.blocks) throw new Error("no blocks");
    const kept = [...next.blocks.values()].filter((b) =>
      [...(previous.blocks?.values() ?? [])].includes(b),
    );
    expect(kept.map((b) => b.key)).toEqual([
      "id",
      "schema",
      "received_at",
      "channel",
      "language",
      "summary",
      "category",
      "complainant",
      "handler",
      "terms",
    ]);
  });
});

describe("a letter's headers", () => {
  it("reads Date, To and Subject, unfolded and decoded", () => {
    const text =
      "Date: Tue, 24 Nov 2026 09:13:07 +0100\r\nTo: =?utf-8?Q?Eva_J=C3=A4nsen?=\r\n <eva@example.nl>\r\n" +
      "Subject: =?utf-8?B?QmV2ZXN0aWdpbmcgb250dmFuZ3N0?= KL-2026-0001\r\n\r\nTo: not a header\r\n";
    expect(parseLetterHeaders(text)).toEqual({
      date: "Tue, 24 Nov 2026 09:13:07 +0100",
      to: "Eva Jänsen <eva@example.nl>",
      subject: "Bevestiging ontvangst KL-2026-0001",
    });
    expect(decodeWords("=?utf-8?Q?a?= =?utf-8?Q?b?=")).toBe("ab");
  });
});
