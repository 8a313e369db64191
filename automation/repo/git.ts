import { execFile, spawn } from "node:child_process";
import { GitError } from "../errors.ts";

const MAX_BUFFER = 1024 * 1024 * 1024;

/** Runs git in `cwd` and returns its standard output. */
export function git(cwd: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "git",
      args,
      { cwd, maxBuffer: MAX_BUFFER, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new GitError(
              `git ${args.join(" ")} failed in ${cwd}: ${stderr.trim() || error.message}`,
              { cause: error },
            ),
          );
        } else {
          resolve(stdout);
        }
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
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
    const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
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
