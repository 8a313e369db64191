import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDocket } from "../support/run-docket.ts";
import { dossierText, pathOf, withFields } from "../support/dossiers.ts";
import { TestRepo } from "../support/git-repo.ts";

const docket = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) =>
  runDocket(args, { env, cwd });

let repo: TestRepo;
const ONE = pathOf("KL-2026-0001");
beforeAll(() => {
  repo = new TestRepo();
  repo.write(ONE, dossierText()).commit("Intake KL-2026-0001");
});
afterAll(() => repo.dispose());

describe("docket --help", () => {
  it.each(["validate", "terms"])(
    "docket %s --help explains the command and exits 0",
    async (name) => {
      const { code, stdout } = await docket([name, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: docket ${name}`);
    },
  );

  it("lists the commands", async () => {
    const { code, stdout } = await docket(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/validate\s+check dossiers/);
    expect(stdout).toMatch(/terms\s+print the terms/);
  });

  it.each([
    ["no command", []],
    ["an unknown command", ["frobnicate"]],
    ["an unknown option", ["validate", "--frobnicate"]],
    ["a missing option value", ["terms", "--received"]],
    ["a stray argument", ["terms", "now", "--received", "2026-11-24T09:00:00Z"]],
  ])("exits 2 on %s", async (_name, args) => {
    const { code, stderr } = await docket(args);
    expect(code).toBe(2);
    expect(stderr).not.toBe("");
  });
});

describe("docket terms", () => {
  it.each([
    [
      "2026-11-24T09:13:05+01:00",
      { information_due: "2026-12-01", judgement_due: "2026-12-01", resolution_due: "2026-12-24" },
    ],
    // 23:30 UTC on Friday 24 April 2026 is Saturday 25 April in Amsterdam (UTC+2):
    // working days Mon 27 Apr is King's Day, so 28, 29, 30 Apr, 1 May, 4 May; 1 week is Sat 2 May → Mon 4 May;
    // 1 month is Mon 25 May (Whit Monday) → Tue 26 May.
    [
      "2026-04-24T23:30:00Z",
      { information_due: "2026-05-04", judgement_due: "2026-05-04", resolution_due: "2026-05-26" },
    ],
  ])("prints the terms for %s as JSON", async (received, terms) => {
    const { code, stdout } = await docket(["terms", "--received", received]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(terms);
    expect(Object.keys(JSON.parse(stdout))).toEqual([
      "information_due",
      "judgement_due",
      "resolution_due",
    ]);
  });

  it.each(["2026-11-24", "2026-11-24T09:13:05", "yesterday", "2026-02-30T09:00:00Z"])(
    "refuses %s with exit 2, naming --received",
    async (received) => {
      const { code, stderr } = await docket(["terms", "--received", received]);
      expect(code).toBe(2);
      expect(stderr).toContain("--received");
    },
  );

  it("uses the policy and closing days of DOCKET_CONFIG", async () => {
    const dir = mkdtempSync(join(tmpdir(), "docket-config-"));
    const config = readFileSync("docket.config.yaml", "utf8")
      .replace("information: 5 working days", "information: 3 working days")
      .replace("closing_days: []", "closing_days: [2026-11-25]");
    writeFileSync(join(dir, "c.yaml"), config);
    const { stdout } = await docket(["terms", "--received", "2026-11-24T09:13:05+01:00"], {
      DOCKET_CONFIG: join(dir, "c.yaml"),
    });
    expect(JSON.parse(stdout)).toMatchObject({ information_due: "2026-11-30" });
  });

  it("stops on a wrong config with exit 2, naming the key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "docket-config-"));
    writeFileSync(join(dir, "c.yaml"), "organisation: {}\n");
    const { code, stderr } = await docket(["terms", "--received", "2026-11-24T09:13:05+01:00"], {
      DOCKET_CONFIG: join(dir, "c.yaml"),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/c\.yaml:1: organisation\.name: is required/);
  });
});

describe("docket validate", () => {
  it("exits 0 when every rule holds", async () => {
    const { code, stdout, stderr } = await docket(["validate", "--repo", repo.dir]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain("Checked 1 dossier");
  });

  it("exits 1 naming file, line and field, with annotations on GitHub Actions", async () => {
    repo.write(ONE, withFields(dossierText(), { status: "judged" }));
    try {
      const { code, stdout } = await docket(["validate", "--repo", repo.dir, "--base", "main"], {
        GITHUB_ACTIONS: "true",
      });
      expect(code).toBe(1);
      expect(stdout).toContain(`${ONE}:7: status: status judged needs a judgement block`);
      expect(stdout).toContain(
        `::error file=${ONE},line=7,title=status (status_requires)::status judged needs`,
      );
    } finally {
      repo.write(ONE, dossierText());
    }
  });

  it("takes paths relative to the working directory", async () => {
    const noRepo = await docket(["validate", "dossiers/2026"], {}, repo.dir);
    expect(noRepo).toMatchObject({ code: 2, stderr: expect.stringContaining(".docket/repo") });
    const viaEnv = await docket(["validate", "dossiers/2026"], { DOCKET_REPO: "." }, repo.dir);
    expect(viaEnv).toMatchObject({ code: 0, stderr: expect.stringContaining("Checked 1 dossier") });
    const inside = await docket(["validate", "--repo", ".", "dossiers/2026"], {}, repo.dir);
    expect(inside).toMatchObject({ code: 0 });
    expect(inside.stderr).toContain("Checked 1 dossier");
    const outside = await docket(["validate", "--repo", ".", "/etc/passwd"], {}, repo.dir);
    expect(outside).toMatchObject({ code: 2 });
    expect(outside.stderr).toContain("outside the repository");
  });

  it("exits 2 when the repository is missing or the base unknown", async () => {
    expect((await docket(["validate", "--repo", "/nonexistent/docket"])).code).toBe(2);
    const unknown = await docket(["validate", "--repo", repo.dir, "--base", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown base ref "nope"');
  });
});

describe("the installed bin", () => {
  it("runs on the project's pinned Node and returns the exit code", async () => {
    const bin = join(process.cwd(), JSON.parse(readFileSync("package.json", "utf8")).bin.docket);
    const pinned = {
      ...process.env,
      PATH: `${join(process.cwd(), "node_modules/.bin")}:${process.env.PATH}`,
    };
    const { stdout } = await promisify(execFile)(
      bin,
      ["terms", "--received", "2026-11-24T09:13:05+01:00"],
      { env: pinned },
    );
    expect(JSON.parse(stdout)).toMatchObject({ resolution_due: "2026-12-24" });
    await expect(
      promisify(execFile)(bin, ["validate", "--repo", "/nonexistent"], { env: pinned }),
    ).rejects.toMatchObject({ code: 2 });
  });
});
