import { spawn } from "node:child_process";
import { GitError } from "../errors.ts";

/** Runs git and gives its output as bytes: sizes in git's streams count bytes. */
export function gitBytes(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      env: { ...process.env, LC_ALL: "C" },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", (error) => reject(new GitError(`git ${args[0]} failed: ${error.message}`)));
    child.on("close", (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new GitError(`git ${args.join(" ").slice(0, 200)} failed: ${err.trim()}`)),
    );
    if (child.stdin) {
      child.stdin.on("error", () => undefined);
      child.stdin.end(input);
    }
  });
}
