import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCalendar } from "../../automation/domain/calendar.ts";
import type { ChangeContext } from "../../automation/domain/check-change.ts";
import { DEFAULT_POLICY } from "../../automation/domain/terms.ts";
import { openDossierSource, RepositoryError } from "../../automation/repo/dossier-source.ts";
import { validate } from "../../automation/validate.ts";
import {
  CONTEXT,
  WRITTEN_JUDGEMENT,
  dossierData,
  dossierText,
  pathOf,
  withFields,
} from "../support/dossiers.ts";
import { TestRepo, bareCloneOf } from "../support/git-repo.ts";

const context: ChangeContext = { ...CONTEXT, policy: DEFAULT_POLICY, calendar: createCalendar({}) };
const NOW = new Date("2026-12-01T12:00:00+01:00");
const ONE = pathOf("KL-2026-0001");
const TWO = pathOf("KL-2026-0002");
const LETTER = "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml";

let repo: TestRepo;
let base: string;
const inProgress = withFields(dossierText(), { status: "in_progress" });

beforeEach(() => {
  repo = new TestRepo();
  repo.write(ONE, inProgress).write(LETTER, "Subject: Bevestiging\r\n\r\nDank je.\r\n");
  repo.write(TWO, dossierText(dossierData(2)));
  base = repo.commit("Intake KL-2026-0001 and KL-2026-0002");
});
afterEach(() => repo.dispose());

const run = (paths: string[] = []) =>
  validate({ source: openDossierSource(repo.dir), context, now: NOW, base, paths });
const rulesOf = async (paths: string[] = []) =>
  (await run(paths)).violations.map((v) => `${v.file}:${v.rule}`);

describe("docket validate --base on a real repository", () => {
  it("accepts an unchanged repository, and checks only what changed: it was all judged when it landed", async () => {
    expect(await run()).toEqual({ checked: 0, violations: [] });
    repo.write(ONE, withFields(inProgress, { status: "judged", judgement: WRITTEN_JUDGEMENT }));
    expect(await run()).toEqual({ checked: 1, violations: [] });
    // Named paths are checked whole, changed or not, as without --base.
    expect((await run(["dossiers"])).checked).toBe(2);
  });

  it("accepts a forward transition with everything it needs, committed or not", async () => {
    repo.write(ONE, withFields(inProgress, { status: "judged", judgement: WRITTEN_JUDGEMENT }));
    expect((await run()).violations).toEqual([]);
    repo.commit("Judgement KL-2026-0001");
    expect((await run()).violations).toEqual([]);
  });

  it.each([
    [
      "from judged to hearing",
      {
        status: "judged",
        judgement: WRITTEN_JUDGEMENT,
        staff_involved: [{ name: "Piet Smit", email: "piet@example.nl", summary: "Akkoord." }],
      },
      { status: "hearing" },
    ],
    [
      "anything after closed",
      { status: "closed", judgement: WRITTEN_JUDGEMENT },
      { status: "withdrawn" },
    ],
    [
      "back to received",
      { status: "hearing", staff_involved: [{ name: "Piet Smit", email: "piet@example.nl" }] },
      { status: "received" },
    ],
    ["reopening a withdrawn case", { status: "withdrawn" }, { status: "in_progress" }],
  ])("refuses going %s, on the status line", async (_name, first, second) => {
    const before = withFields(inProgress, first);
    repo.write(ONE, before);
    base = repo.commit("step one");
    const after = withFields(before, second);
    repo.write(ONE, after);
    const { violations } = await run();
    expect(violations).toEqual([
      expect.objectContaining({
        file: ONE,
        rule: "transition",
        field: "status",
        line:
          after.split("\n").indexOf(after.split("\n").find((l) => l.startsWith("status:"))!) + 1,
      }),
    ]);
  });

  it.each([
    ["received_at", { received_at: "2026-11-24T09:14:05+01:00" }, "received_at"],
    ["a term", { "terms.resolution_due": "2026-12-31" }, "terms.resolution_due"],
  ])("refuses a changed %s", async (_name, fields, field) => {
    repo.write(ONE, withFields(inProgress, fields));
    expect((await run()).violations).toEqual([
      expect.objectContaining({ rule: "immutable", field }),
    ]);
  });

  it("refuses changed complainant's words, pointing at ## Klacht", async () => {
    const changed = inProgress.replace("niet gewerkt zijn.", "wel gewerkt zijn.");
    repo.write(ONE, changed);
    expect((await run()).violations).toEqual([
      expect.objectContaining({
        rule: "immutable",
        line: changed.split("\n").indexOf("## Klacht") + 1,
      }),
    ]);
  });

  it("accepts handler notes added below the complaint", async () => {
    repo.write(ONE, `${inProgress}\nGebeld met Eva op 25 november.\n`);
    expect((await run()).violations).toEqual([]);
  });

  it("refuses a deleted or moved dossier", async () => {
    repo.remove("dossiers/2026/KL-2026-0002");
    expect(await rulesOf()).toEqual([`${TWO}:deleted`]);
    repo.write("dossiers/2027/KL-2026-0002/dossier.md", dossierText(dossierData(2))).commit("move");
    expect(await rulesOf()).toEqual([
      "dossiers/2026/KL-2026-0002/dossier.md:deleted",
      "dossiers/2027/KL-2026-0002/dossier.md:path",
    ]);
  });

  it("refuses changed, deleted or hand-added correspondence", async () => {
    const added = "dossiers/2026/KL-2026-0001/correspondence/0002-judgement.eml";
    repo.write(added, "Subject: Oordeel\r\n\r\n");
    expect(await rulesOf()).toEqual([`${added}:correspondence`]);
    repo.remove(added);
    repo.write(LETTER, "Subject: Bevestiging (aangepast)\r\n\r\n");
    expect(await rulesOf()).toEqual([`${LETTER}:correspondence`]);
    repo.remove(LETTER);
    expect(await rulesOf()).toEqual([`${LETTER}:correspondence`]);
  });

  it("checks the terms of a dossier a handler adds (a phone complaint)", async () => {
    const three = {
      ...dossierData(3),
      channel: "phone" as const,
      received_at: "2026-12-23T16:00:00+01:00",
    };
    // Received Wednesday 23 Dec: 5 working days skip Christmas, Boxing Day, the weekend and New Year's Day.
    const right = {
      information_due: "2026-12-31",
      judgement_due: "2026-12-30",
      resolution_due: "2027-01-25",
    };
    repo.write(pathOf("KL-2026-0003"), dossierText({ ...three, terms: right }));
    expect(await rulesOf()).toEqual([]);
    repo.write(
      pathOf("KL-2026-0003"),
      dossierText({ ...three, terms: { ...right, judgement_due: "2026-12-29" } }),
    );
    const { violations } = await run();
    expect(violations).toEqual([
      expect.objectContaining({
        rule: "terms",
        field: "terms.judgement_due",
        message: expect.stringContaining("2026-12-30"),
      }),
    ]);
  });

  it("limits the check to the paths given", async () => {
    repo.write(ONE, withFields(inProgress, { status: "received" }));
    repo.write(TWO, withFields(dossierText(dossierData(2)), { category: "food" }));
    expect(await rulesOf([ONE])).toEqual([`${ONE}:transition`]);
    expect(await rulesOf(["dossiers/2026/KL-2026-0002"])).toEqual([`${TWO}:category`]);
    expect((await run([ONE])).checked).toBe(1);
  });

  it("reports an unknown base as a repository error", async () => {
    await expect(
      validate({ source: openDossierSource(repo.dir), context, now: NOW, base: "no-such-ref" }),
    ).rejects.toThrow(RepositoryError);
    await expect(
      validate({ source: openDossierSource(repo.dir), context, now: NOW, base: "--output=/tmp/x" }),
    ).rejects.toThrow(/not a git ref/);
  });
});

describe("a bare repository is read at its main", () => {
  it("sees what main holds, not an unpushed work tree", async () => {
    const bare = bareCloneOf(repo);
    repo.write(ONE, withFields(inProgress, { status: "received" }));
    expect((await validate({ source: openDossierSource(bare), context, now: NOW })).checked).toBe(
      2,
    );
    expect(
      (await validate({ source: openDossierSource(bare), context, now: NOW, base })).violations,
    ).toEqual([]);
  });

  it("checks main against a base ref", async () => {
    repo.write(ONE, withFields(inProgress, { status: "received" })).commit("back");
    const bare = bareCloneOf(repo);
    const { violations } = await validate({
      source: openDossierSource(bare),
      context,
      now: NOW,
      base,
    });
    expect(violations.map((v) => v.rule)).toEqual(["transition"]);
  });
});
