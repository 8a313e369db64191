import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readHistory } from "../../automation/audit/read-history.ts";
import { termOutcomes } from "../../automation/audit/term-outcomes.ts";
import { BUNDLED_CONFIG } from "../../automation/config/read-config.ts";
import type { RuleCode } from "../../automation/domain/violation.ts";
import { openDossierSource } from "../../automation/repo/dossier-source.ts";
import { installPushHook } from "../../automation/repo/push-hook.ts";
import { validate } from "../../automation/validate.ts";
import { CaseHistory, eml } from "../audit/case-history.ts";
import { CHANGE_CONTEXT, WRITTEN_JUDGEMENT, withFields } from "../support/dossiers.ts";
import { TestRepo, bareCloneOf } from "../support/git-repo.ts";

/**
 * Every way around the rules a handler found, tried on all three paths that
 * judge a change: a pull request (`docket validate --base`), a push to the
 * embedded repository (its pre-receive hook), and the audit of a history
 * that contains it. Each must be refused or flagged, with the rule named.
 */

const CLI = join(import.meta.dirname, "..", "..", "automation", "cli", "bin.ts");
const NOW = new Date("2026-12-02T12:00:00+01:00");
const PIET = { name: "Piet Smit", email: "piet@example.nl" };

let repo: TestRepo;
let one: CaseHistory;
const cleanup: string[] = [];

/** A case carried by the rules: liability flagged, the insurer told, Piet asked for comment. */
beforeEach(() => {
  repo = new TestRepo();
  one = new CaseHistory(repo, 1);
  repo.write(`${one.folder}/attachments/bon.pdf`, "%PDF-1.4 bon\n");
  one.intake("2026-11-24T09:13:06+01:00");
  one.send(["acknowledgement", "new_case"], "2026-11-24T09:13:08+01:00");
  one.change(
    {
      status: "in_progress",
      liability: { possible: true, reason: "Schade aan een machine." },
      staff_involved: [PIET],
    },
    "2026-11-25T10:00:00+01:00",
  );
  one.send(["insurer_notice", "hearing_request-0a1b2c3d"], "2026-11-25T10:01:00+01:00", {
    "liability.insurer_informed_at": "2026-11-25T10:01:00+01:00",
    "staff_involved.0.informed_at": "2026-11-25T10:01:00+01:00",
  });
});
afterEach(() => {
  repo.dispose();
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Edit = (text: string) => string;
interface Bypass {
  name: string;
  rule: RuleCode;
  /** Changes to the work tree of a clone at the case's current state. */
  apply: (work: WorkTree) => void;
}
interface WorkTree {
  edit: (edit: Edit) => void;
  write: (path: string, text: string) => void;
  remove: (path: string) => void;
}

const judged = { status: "judged", judgement: { ...WRITTEN_JUDGEMENT, date: "2026-12-01" } };
const BYPASSES: Bypass[] = [
  {
    name: "liability.possible set to false together with judged",
    rule: "insurer_gate",
    apply: (w) =>
      w.edit((t) =>
        withFields(t, {
          ...judged,
          "liability.possible": false,
          "staff_involved.0.summary": "Akkoord.",
        }),
      ),
  },
  {
    name: "the liability block deleted together with judged",
    rule: "insurer_gate",
    apply: (w) =>
      w.edit((t) =>
        withFields(t, { ...judged, liability: undefined, "staff_involved.0.summary": "Akkoord." }),
      ),
  },
  {
    name: "a staff member without a summary deleted together with judged",
    rule: "hearing_gate",
    apply: (w) =>
      w.edit((t) =>
        withFields(t, {
          ...judged,
          staff_involved: undefined,
          "liability.insurer_consulted_at": "2026-11-27T10:00:00+01:00",
        }),
      ),
  },
  {
    name: "a judgement without the hearing summary",
    rule: "hearing_gate",
    apply: (w) =>
      w.edit((t) =>
        withFields(t, { ...judged, "liability.insurer_consulted_at": "2026-11-27T10:00:00+01:00" }),
      ),
  },
  {
    name: "a complainant's attachment deleted",
    rule: "attachments",
    apply: (w) => w.remove("attachments/bon.pdf"),
  },
  {
    name: "a letter's copy added by hand",
    rule: "correspondence",
    apply: (w) =>
      w.write(
        "correspondence/0005-delay_notice-2026-12-29.eml",
        eml("delay_notice", "2026-12-01T10:00:00+01:00"),
      ),
  },
  {
    name: "a status typo",
    rule: "schema",
    apply: (w) => w.edit((t) => t.replace("status: in_progress", "status: in_progres")),
  },
  {
    name: "broken indentation",
    rule: "syntax",
    apply: (w) => w.edit((t) => t.replace("  reason: Schade", "   reason: Schade")),
  },
  {
    name: "a rewritten terms.judgement_due",
    rule: "immutable",
    apply: (w) => w.edit((t) => withFields(t, { "terms.judgement_due": "2026-12-15" })),
  },
  {
    name: "a request that # would cut short",
    rule: "yaml_text",
    apply: (w) =>
      w.edit((t) =>
        t.replace(
          "  reason: Schade aan een machine.",
          "  reason: Schade aan machine #4411 in hal 2.",
        ),
      ),
  },
];

function workTree(dir: string, folder: string): WorkTree {
  const file = (path: string) => join(dir, folder, path);
  return {
    edit: (edit) =>
      writeFileSync(file("dossier.md"), edit(readFileSync(file("dossier.md"), "utf8"))),
    write: (path, text) => {
      mkdirSync(dirname(file(path)), { recursive: true });
      writeFileSync(file(path), text);
    },
    remove: (path) => rmSync(file(path)),
  };
}

describe.each(BYPASSES)("$name", ({ rule, apply }) => {
  it("is refused by docket validate --base (a pull request)", async () => {
    const base = repo.git("rev-parse", "HEAD").trim();
    apply(workTree(repo.dir, one.folder));
    repo.commit("Bypass", "2026-12-02T10:00:00+01:00");
    const { violations } = await validate({
      source: openDossierSource(repo.dir),
      context: CHANGE_CONTEXT,
      base,
      now: NOW,
    });
    expect(violations.map((v) => v.rule)).toContain(rule);
  });

  it("is refused by a push to the embedded repository, with the rule in the pusher's terminal", () => {
    const bare = bareCloneOf(repo);
    const clone = mkdtempSync(join(tmpdir(), "docket-clone-"));
    cleanup.push(bare, clone);
    installPushHook(bare, {
      node: process.execPath,
      cli: CLI,
      config: BUNDLED_CONFIG,
      branch: "main",
    });
    execFileSync("git", ["clone", "--quiet", bare, clone]);
    apply(workTree(clone, one.folder));
    const git = (...args: string[]) =>
      spawnSync("git", ["-c", "user.name=Sanne", "-c", "user.email=sanne@example.nl", ...args], {
        cwd: clone,
        encoding: "utf8",
      });
    git("add", "--all");
    git("commit", "--quiet", "-m", "Bypass");
    const before = execFileSync("git", ["rev-parse", "main"], { cwd: bare, encoding: "utf8" });
    const push = git("push", "--quiet", "origin", "main");
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain("Docket refused commit");
    expect(push.stderr).toContain(`[${rule}]`);
    expect(execFileSync("git", ["rev-parse", "main"], { cwd: bare, encoding: "utf8" })).toBe(
      before,
    );
  });

  it("is flagged by the audit, naming the rule and the commit", async () => {
    apply(workTree(repo.dir, one.folder));
    const commit = repo.commit("Bypass", "2026-12-02T10:00:00+01:00");
    const { findings } = await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT);
    expect(findings.filter((f) => f.commit === commit).map((f) => f.kind)).toContain(rule);
    expect(findings.filter((f) => f.commit !== commit)).toEqual([]);
  });
});

describe("what the audit counts", () => {
  it("gives a copy added by hand no weight: the judgement term is not notified by it", async () => {
    repo.write(
      `${one.folder}/correspondence/0005-delay_notice-2026-12-08.eml`,
      eml("delay_notice", "2026-11-30T10:00:00+01:00"),
    );
    repo.commit("Delay noted", "2026-11-30T10:00:00+01:00");
    const history = await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT);
    const dossier = history.dossiers.find((d) => d.id === one.id);
    expect(dossier?.letters.map((l) => l.letter)).not.toContain("delay_notice");
    const judgement = termOutcomes(dossier!, NOW, "Europe/Amsterdam").find(
      (t) => t.kind === "judgement",
    );
    expect(judgement?.state).toBe("missed");
  });

  it("meets the judgement term when the letter went out, not at a rule-breaking commit", async () => {
    const early = one.change(
      { ...judged, judgement: { ...judged.judgement, date: "2026-11-30" } },
      "2026-11-30T10:00:00+01:00",
    ); // Piet's summary missing, insurer not consulted
    one.change(
      {
        "staff_involved.0.summary": "Akkoord.",
        "liability.insurer_consulted_at": "2026-12-02T09:00:00+01:00",
        status: "in_progress",
      },
      "2026-12-02T09:00:00+01:00",
    );
    one.change({ status: "judged" }, "2026-12-02T09:30:00+01:00");
    one.send(["judgement"], "2026-12-02T09:31:00+01:00");
    const history = await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT);
    expect(history.findings.map((f) => [f.commit, f.kind]).sort()).toEqual([
      [early, "hearing_gate"],
      [early, "insurer_gate"],
    ]);
    const dossier = history.dossiers.find((d) => d.id === one.id);
    expect(
      termOutcomes(dossier!, new Date("2026-12-03T12:00:00+01:00"), "Europe/Amsterdam").find(
        (t) => t.kind === "judgement",
      ),
    ).toEqual({
      kind: "judgement",
      due: "2026-12-01",
      state: "missed",
      at: "2026-12-02T09:31:00+01:00",
      by: "judgement",
    });
  });

  it("flags a closed case pushed back to in_progress", async () => {
    one.change(
      {
        ...judged,
        "staff_involved.0.summary": "Akkoord.",
        "liability.insurer_consulted_at": "2026-11-27T10:00:00+01:00",
      },
      "2026-12-01T10:00:00+01:00",
    );
    one.change(
      { status: "closed", closed_at: "2026-12-01T11:00:00+01:00" },
      "2026-12-01T11:00:00+01:00",
    );
    const back = one.change(
      { status: "in_progress", closed_at: undefined },
      "2026-12-02T10:00:00+01:00",
    );
    const { findings } = await readHistory(repo.dir, "HEAD", CHANGE_CONTEXT);
    expect(findings.map((f) => [f.commit, f.kind])).toEqual([[back, "transition"]]);
  });
});

describe("pushes that would rewrite main", () => {
  it("refuses moving main back to an earlier commit", () => {
    const bare = bareCloneOf(repo);
    const clone = mkdtempSync(join(tmpdir(), "docket-clone-"));
    cleanup.push(bare, clone);
    installPushHook(bare, {
      node: process.execPath,
      cli: CLI,
      config: BUNDLED_CONFIG,
      branch: "main",
    });
    execFileSync("git", ["clone", "--quiet", bare, clone]);
    execFileSync("git", ["reset", "--quiet", "--hard", "HEAD~1"], { cwd: clone });
    const push = spawnSync("git", ["push", "--quiet", "--force", "origin", "main"], {
      cwd: clone,
      encoding: "utf8",
    });
    expect(push.status).not.toBe(0);
    expect(push.stderr).toContain("would rewrite main");
  });
});
