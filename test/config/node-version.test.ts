import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../automation/runtime.ts";

/**
 * One Node version story: the pinned `node` dev dependency, `.nvmrc`, the
 * `engines` floor, the README, and an npm that stays quiet about engines
 * whatever Node runs npm itself.
 */
const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), "utf8");
const pkg = JSON.parse(read("package.json")) as { engines: { node: string } };
const lock = JSON.parse(read("package-lock.json")) as {
  packages: Record<string, { version?: string }>;
};
const pinned = lock.packages["node_modules/node"]?.version ?? "";
const floor = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(pkg.engines.node);
const numbers = (version: string) => version.split(".").map(Number);
const atLeast = (version: string, minimum: number[]) => {
  const [a = 0, b = 0, c = 0] = numbers(version);
  const [x = 0, y = 0, z = 0] = minimum;
  return a !== x ? a > x : b !== y ? b > y : c >= z;
};

describe("the Node version", () => {
  it("is pinned in the lockfile at the major version of .nvmrc", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(numbers(pinned)[0]).toBe(Number(read(".nvmrc").trim()));
  });

  it("meets the engines floor, which every installed package's own floor is within", () => {
    expect(floor, `engines.node is ${pkg.engines.node}`).not.toBeNull();
    const minimum = (floor ?? []).slice(1).map(Number);
    expect(atLeast(pinned, minimum)).toBe(true);
    // Every dependency's `>=x.y.z` floor is at most ours: nothing needs a newer Node than we say.
    for (const [path, entry] of Object.entries(lock.packages)) {
      const engines = (entry as { engines?: { node?: string } }).engines?.node ?? "";
      const theirs = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(engines.trim())?.[1];
      if (theirs)
        expect(atLeast(`${floor?.[1]}.${floor?.[2]}.${floor?.[3]}`, numbers(theirs)), path).toBe(
          true,
        );
    }
  });

  it("is what the README says", () => {
    const readme = read("README.md");
    expect(readme).toContain(`Node ${floor?.[1]}.${floor?.[2]} or newer`);
    expect(readme).toContain(`Docket itself runs on Node ${numbers(pinned)[0]}`);
  });

  it("is what the handlers' guide says, in both languages, and no other version", () => {
    const guide = read("dossiers/README.md");
    const version = `${floor?.[1]}.${floor?.[2]}`;
    expect(guide).toContain(`(Node.js ${version} of nieuwer)`);
    expect(guide).toContain(`(Node.js ${version} or newer)`);
    for (const [, said] of guide.matchAll(/Node(?:\.js)? (\d+(?:\.\d+)*)/g))
      expect(said).toBe(version);
  });

  // The Node on the machine's PATH, as a person typing npx would run it; and the pinned one
  // first on PATH, as for someone whose own Node is that version (nvm use).
  const machinePath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((dir) => !dir.includes("node_modules"));
  it.each([
    ["the machine's Node", machinePath],
    ["the pinned Node", [join(PROJECT_ROOT, "node_modules", ".bin"), ...machinePath]],
  ])(
    "keeps npm quiet about engines: npx docket --help on %s prints its help and nothing else",
    (_, path) => {
      expect(read(".npmrc")).toMatch(/^loglevel=error$/m);
      const env = {
        // Without the npm_* settings `npm test` hands its scripts: a fresh shell's environment.
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
        PATH: path.join(delimiter),
      };
      const version = spawnSync("node", ["--version"], { encoding: "utf8", env });
      if (path[0]?.includes("node_modules")) expect(version.stdout.trim()).toBe(`v${pinned}`);
      const run = spawnSync("npx", ["docket", "--help"], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        env,
      });
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain("Usage: docket <command>");
      expect(run.status).toBe(0);
    },
    60_000,
  );
});
