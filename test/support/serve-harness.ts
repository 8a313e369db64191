import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../automation/runtime.ts";

/**
 * What `npm start` runs — `docket serve` on the embedded default — as a real
 * process on a free port, with a fresh repository, outbox and inbox in a
 * temporary folder, no GitHub and no Resend.
 */
export interface ServeHarness {
  /** `http://127.0.0.1:<port>`, no slash at the end. */
  base: string;
  /** The temporary folder everything lives in; removed by `stop`. */
  root: string;
  repo: string;
  outbox: string;
  inbox: string;
  /** What the server wrote to stderr so far. */
  log(): string;
  /** What the server printed (stdout) so far: its address and what it serves. */
  printed(): string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** The temporary folder's name starts with this. */
  prefix?: string;
  /** More environment, or other values for it (`DOCKET_INBOX_SECONDS`, `SITE_URL`, …). */
  env?: Record<string, string>;
  /** Whether the server is ready, given what it printed so far; by default once it prints its address. */
  ready?: (stdout: string) => boolean;
}

const CLI = join(PROJECT_ROOT, "automation", "cli", "bin.ts");

export async function startServe(options: ServeOptions = {}): Promise<ServeHarness> {
  const root = mkdtempSync(join(tmpdir(), options.prefix ?? "docket-serve-"));
  const repo = join(root, "repo");
  const outbox = join(root, "outbox");
  const inbox = join(root, "inbox");
  let log = "";
  let out = "";
  const server = spawn(process.execPath, [CLI, "serve", "--port", "0"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DOCKET_REPO: repo,
      DOCKET_OUTBOX: outbox,
      DOCKET_INBOX: inbox,
      DOCKET_WATCH_SECONDS: "0.2",
      DOCKET_DISPATCH_SECONDS: "3600",
      GITHUB_REPOSITORY: "",
      RESEND_API_KEY: "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
    await exited;
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const base = await new Promise<string>((resolve, reject) => {
      server.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const address = /running at (http:\/\/[^/\s]+)\//.exec(out)?.[1];
        if (address && (options.ready?.(out) ?? true)) resolve(address);
      });
      server.once("exit", (code) => reject(new Error(`docket serve exited ${code}: ${log}`)));
    });
    return { base, root, repo, outbox, inbox, log: () => log, printed: () => out, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
