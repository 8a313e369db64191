import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

/**
 * The Nu HTML Checker (npm `vnu-jar`, the checker the W3C runs), in Debian's
 * Java. Without Java the suite is skipped loudly, or fails where it must
 * run: REQUIRE_BROWSER=1 or CI (whose .ci/run installs Java).
 */
export const VNU_JAR: string = createRequire(import.meta.url)("vnu-jar");
export const hasJava = spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0;
export const requireJava = process.env.REQUIRE_BROWSER === "1" || process.env.CI === "true";

export function warnNoJava(suite: string): void {
  if (hasJava) return;
  const outcome = requireJava ? "FAILED (REQUIRE_BROWSER=1 or CI)" : "SKIPPED";
  console.warn(
    `\n*** ${suite}: ${outcome}: no java on PATH for the Nu HTML Checker. Install it with ` +
      "`apt-get install -y default-jre-headless`" +
      (requireJava ? ". ***\n" : "; set REQUIRE_BROWSER=1 to make this a failure. ***\n"),
  );
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Every error the checker finds in the HTML files under `dir`, as `file:line: message`. */
export function nuErrors(dir: string): string[] {
  const run = spawnSync(
    "java",
    ["-Xss4m", "-jar", VNU_JAR, "--format", "json", "--stdout", "--skip-non-html", dir],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error) throw run.error;
  let messages: VnuMessage[];
  try {
    messages = (JSON.parse(run.stdout) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(`The Nu HTML Checker gave no report: ${run.stderr || run.stdout}`);
  }
  return messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map((m) => `${(m.url ?? "").replace(/^file:/, "")}:${m.lastLine ?? 0}: ${m.message}`);
}
