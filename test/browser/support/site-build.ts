import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../../automation/runtime.ts";
import { configPath } from "../../../automation/config/read-config.ts";

export const SITE_DIST = join(PROJECT_ROOT, "site", "dist");

/** What the built pages are made of: when any of it is newer than the build, build again. */
function sources(): string[] {
  const roots = [
    "site/src",
    "site/astro.config.mjs",
    "automation/intake",
    "automation/config",
    "automation/desk",
    "automation/domain",
  ];
  const files = roots.flatMap((r) => walk(join(PROJECT_ROOT, r)));
  files.push(configPath(process.env, process.cwd(), existsSync));
  return files;
}

function walk(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => walk(join(path, name)));
}

function isStale(): boolean {
  const built = join(SITE_DIST, "index.html");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return sources().some((file) => existsSync(file) && statSync(file).mtimeMs > builtAt);
}

/**
 * Builds site/dist when it is missing or older than its sources. Test files
 * run in parallel: a lock folder makes one of them build while the others wait.
 */
export async function ensureSiteBuilt(): Promise<void> {
  const lock = join(PROJECT_ROOT, "node_modules", ".cache", "docket-site-build.lock");
  mkdirSync(join(lock, ".."), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (!isStale()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another build is running; a lock older than 3 minutes is left over from a crash.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 180_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the site build (${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!isStale()) return;
    execFileSync(
      process.execPath,
      [join(PROJECT_ROOT, "node_modules", "astro", "bin", "astro.mjs"), "build", "--root", "site"],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
