import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../automation/runtime.ts";

/**
 * The repository stands on its own: its code, docs, tests and comments cite
 * its own docs (docs/procedure.md for the procedure, docs/dossier-format.md
 * for the format), never a document that is not in it.
 */
const OUTSIDE = [
  // Spelled in pieces, so that this file does not cite what it looks for.
  new RegExp(["klachtenprocedure", "txt"].join("\\."), "i"),
  new RegExp(`\\b${["SP", "EC"].join("")}\\b`),
  new RegExp(`\\bthe ${["sp", "ec"].join("")}\\b`, "i"),
  new RegExp(`\\b(${["SP", "EC"].join("")}|${["ST", "YLE"].join("")})\\.md\\b`, "i"),
];

describe("the repository's own words", () => {
  it("cites no document outside it", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: PROJECT_ROOT, encoding: "utf8" })
      .split("\0")
      .filter((f) => f && !/\.(png|jpe?g|ico|pdf|woff2?)$/.test(f) && f !== "package-lock.json");
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(PROJECT_ROOT, file), "utf8");
      } catch {
        continue; // deleted in the work tree, not yet committed
      }
      text.split("\n").forEach((line, n) => {
        if (OUTSIDE.some((pattern) => pattern.test(line))) found.push(`${file}:${n + 1}: ${line}`);
      });
    }
    expect(found).toEqual([]);
  });
});
