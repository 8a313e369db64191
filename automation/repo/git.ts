import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { GitError } from "../errors.ts";

/** The id git uses for "no object": a ref that does not exist yet. */
export const ZERO_OID = "0".repeat(40);

export interface GitRun {
  /** Runs git with `args`, optionally feeding `input`; resolves to stdout. */
  (args: readonly string[], input?: string | Uint8Array, env?: NodeJS.ProcessEnv): Promise<string>;
}

/** A git runner bound to a repository (bare or not). */
export function gitIn(dir: string): GitRun {
  return async (args, input, env) => (await gitBytes(dir, args, input, env)).toString("utf8");
}

/**
 * The one place Docket starts git: in `cwd`, with LC_ALL=C (messages and
 * formats as the parsers expect) and never a prompt for credentials. The
 * caller owns the streams; a caller without input ends stdin.
 */
export function spawnGit(
  cwd: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): ChildProcessWithoutNullStreams {
  return spawn("git", args, {
    cwd,
    env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/**
 * Runs git in `dir` and gives its standard output as bytes (sizes in git's
 * streams count bytes). LC_ALL=C, never a prompt for credentials.
 */
export function gitBytes(
  dir: string,
  args: readonly string[],
  input?: string | Uint8Array,
  env?: NodeJS.ProcessEnv,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(dir, args, env);
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", (error) =>
      reject(new GitError(`git ${args[0]} failed: ${error.message}`, { cause: error })),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new GitError(
            `git ${args.join(" ").slice(0, 200)} failed in ${dir}: ${err.trim() || `exit ${code}`}`,
          ),
        );
    });
    // A git that exits before reading all its input is reported by its exit code, not as EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}

/** Runs git in `cwd` and returns its standard output. */
export function git(
  cwd: string,
  args: readonly string[],
  input?: string | Uint8Array,
): Promise<string> {
  return gitIn(cwd)(args, input);
}

/**
 * Reads many blobs (`<rev>:<path>`) through one `git cat-file --batch`;
 * missing ones map to `undefined`.
 */
export function readBlobs(
  cwd: string,
  specs: readonly string[],
): Promise<Map<string, string | undefined>> {
  const result = new Map<string, string | undefined>();
  // The batch protocol is line based: a name with a line break cannot be asked for.
  for (const spec of specs) if (/[\r\n]/.test(spec)) result.set(spec, undefined);
  specs = specs.filter((spec) => !result.has(spec));
  if (specs.length === 0) return Promise.resolve(result);
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, ["cat-file", "--batch"]);
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) =>
      reject(new GitError(`git cat-file failed: ${error.message}`, { cause: error })),
    );
    child.on("close", (code) => {
      if (code !== 0)
        return reject(new GitError(`git cat-file failed in ${cwd}: ${stderr.trim()}`));
      const out = Buffer.concat(chunks);
      let at = 0;
      for (const spec of specs) {
        const end = out.indexOf(10, at);
        const header = out.toString("utf8", at, end);
        at = end + 1;
        if (header.endsWith(" missing") || header.endsWith(" ambiguous")) {
          result.set(spec, undefined);
          continue;
        }
        const size = Number(header.split(" ")[2]);
        result.set(spec, out.toString("utf8", at, at + size));
        at += size + 1;
      }
      resolve(result);
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(specs.map((s) => `${s}\n`).join(""));
  });
}
