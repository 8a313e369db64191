import { spawn } from "node:child_process";
import { GitError } from "../errors.ts";

export const ZERO_OID = "0".repeat(40);

export interface GitRun {
  /** Runs git with `args`, optionally feeding `input`; resolves to stdout. */
  (args: readonly string[], input?: string | Uint8Array, env?: NodeJS.ProcessEnv): Promise<string>;
}

/** A git runner bound to a repository (bare or not). */
export function gitIn(dir: string): GitRun {
  return (args, input, env) =>
    new Promise((resolve, reject) => {
      const child = spawn("git", args, {
        cwd: dir,
        env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", ...env },
        stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      let err = "";
      child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
      child.on("error", (error) =>
        reject(new GitError(`git ${args[0]} failed: ${error.message}`, { cause: error })),
      );
      child.on("close", (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
        else
          reject(
            new GitError(`git ${args.join(" ")} failed in ${dir}: ${err.trim() || `exit ${code}`}`),
          );
      });
      if (child.stdin) {
        // A git that exits before reading all its input is reported by its exit code, not as EPIPE.
        child.stdin.on("error", () => undefined);
        child.stdin.end(input);
      }
    });
}

interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  name: string;
}

/**
 * Writes a new tree: `base` (a tree id, or undefined for none) with `files`
 * (path → blob id) put in. Only the folders on the changed paths are read
 * and written, so the cost does not grow with the size of the repository.
 */
export async function writeTree(
  git: GitRun,
  base: string | undefined,
  files: ReadonlyMap<string, string>,
): Promise<string> {
  const entries = new Map<string, TreeEntry>();
  if (base) for (const entry of await listTree(git, base)) entries.set(entry.name, entry);
  const folders = new Map<string, Map<string, string>>();
  for (const [path, sha] of files) {
    const slash = path.indexOf("/");
    if (slash === -1) {
      entries.set(path, { mode: "100644", type: "blob", sha, name: path });
    } else {
      const folder = path.slice(0, slash);
      if (!folders.has(folder)) folders.set(folder, new Map());
      folders.get(folder)?.set(path.slice(slash + 1), sha);
    }
  }
  await Promise.all(
    [...folders].map(async ([name, inside]) => {
      const existing = entries.get(name);
      const sha = await writeTree(
        git,
        existing?.type === "tree" ? existing.sha : undefined,
        inside,
      );
      entries.set(name, { mode: "040000", type: "tree", sha, name });
    }),
  );
  const listing = [...entries.values()]
    .map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.name}\0`)
    .join("");
  return (await git(["mktree", "-z"], listing)).trim();
}

async function listTree(git: GitRun, tree: string): Promise<TreeEntry[]> {
  const out = await git(["ls-tree", "-z", tree]);
  return out
    .split("\0")
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode = "", type = "", sha = ""] = line.slice(0, tab).split(" ");
      return { mode, type, sha, name: line.slice(tab + 1) };
    });
}

/** Writes blobs; returns their ids in order. One git process per blob. */
export async function writeBlobs(
  git: GitRun,
  contents: readonly (string | Uint8Array)[],
): Promise<string[]> {
  return Promise.all(
    contents.map(async (c) => (await git(["hash-object", "-w", "--stdin"], c)).trim()),
  );
}
