import { readersDiffer } from "./yaml11.ts";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLED_CONFIG, parseConfig } from "../../automation/config/read-config.ts";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { dispatch, type DispatchDeps } from "../../automation/dispatch/dispatch.ts";
import { createIntakeHandler } from "../../automation/intake/intake-handler.ts";
import { createRateLimiter } from "../../automation/intake/rate-limit.ts";
import { loadTemplates } from "../../automation/letters/load-templates.ts";
import type { Mailer } from "../../automation/mail/mailer.ts";
import { createOutboxMailer } from "../../automation/mail/outbox-mailer.ts";
import type { DossierStore } from "../../automation/store/dossier-store.ts";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";

export const CONFIG = parseConfig(readFileSync(BUNDLED_CONFIG, "utf8"));
export const NOW = new Date("2026-11-24T08:13:05Z");

export interface Harness {
  root: string;
  repo: string;
  outbox: string;
  store: DossierStore;
  mailer: Mailer;
  dispatchDeps: DispatchDeps;
  /** Posts to the intake function and waits for the work it deferred. */
  post(
    body: ConstructorParameters<typeof Request>[1] extends infer I
      ? I extends { body?: infer B }
        ? B
        : never
      : never,
    init?: { headers?: Record<string, string>; client?: string; url?: string },
  ): Promise<Response>;
  /** Files at main of the dossier repository. */
  files(prefix?: string): string[];
  show(path: string): string;
  outboxFiles(): string[];
  dispose(): void;
}

/** The intake function on real parts: a local git repository and an outbox folder. */
export async function createHarness(
  options: {
    mailer?: Mailer;
    store?: DossierStore;
    burst?: number;
    /** Simulates a process that dies right after answering: the letters are never sent. */
    crashBeforeLetters?: boolean;
    /** The operator's log. */
    log?: (message: string) => void;
  } = {},
): Promise<Harness> {
  const root = mkdtempSync(join(tmpdir(), "docket-intake-"));
  const repo = join(root, "repo");
  const outbox = join(root, "outbox");
  const store = options.store ?? createLocalGitStore({ dir: repo });
  const mailer = options.mailer ?? createOutboxMailer({ dir: outbox });
  const context = ruleContext(CONFIG);
  const dispatchDeps: DispatchDeps = {
    store,
    mailer,
    config: CONFIG,
    context,
    templates: await loadTemplates(),
    now: () => NOW,
  };
  let queue: Promise<unknown> = Promise.resolve();
  const handler = createIntakeHandler({
    config: CONFIG,
    calendar: context.calendar,
    store,
    clock: () => NOW,
    rateLimiter: createRateLimiter({ burst: options.burst ?? 1000, perMinute: 5, now: () => 0 }),
    deliver: async (filed) => {
      if (options.crashBeforeLetters) return;
      const run = queue.then(() => dispatch(dispatchDeps, { only: [filed.path] }));
      queue = run.catch(() => undefined);
      const report = await run;
      if (report.failed.length > 0) throw new Error(report.failed.map((f) => f.reason).join("; "));
    },
    allowedOrigins: ["https://klachten.example.nl"],
    ...(options.log ? { log: options.log } : {}),
  });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  return {
    root,
    repo,
    outbox,
    store,
    mailer,
    dispatchDeps,
    async post(body, init = {}) {
      const deferred: Promise<unknown>[] = [];
      let headers = init.headers ?? {};
      if (body instanceof FormData) {
        // Encode the form as a browser would send it: bytes on the wire, with the boundary in the header.
        const encoded = new Response(body);
        headers = { ...headers, "content-type": encoded.headers.get("content-type") ?? "" };
        body = new Uint8Array(await encoded.arrayBuffer());
      }
      const response = await handler(
        new Request(init.url ?? "http://localhost:4321/api/complaints", {
          method: "POST",
          headers,
          body,
        }),
        { clientAddress: init.client ?? "127.0.0.1", defer: (work) => deferred.push(work) },
      );
      await Promise.all(deferred);
      return response;
    },
    files(prefix = "dossiers/") {
      try {
        return git("ls-tree", "-r", "--name-only", "main", "--", prefix)
          .split("\n")
          .filter(Boolean);
      } catch {
        return [];
      }
    },
    show(path) {
      return git("show", `main:${path}`);
    },
    outboxFiles() {
      try {
        return readdirSync(outbox).sort();
      } catch {
        return [];
      }
    },
    dispose() {
      // Every dossier a test made reads the same to a YAML 1.1 reader as to a 1.2 one.
      let dossiers: string[] = [];
      try {
        dossiers = git("ls-tree", "-r", "--name-only", "main", "--", "dossiers/")
          .split("\n")
          .filter((f) => f.endsWith("/dossier.md"));
      } catch {
        // no commits yet
      }
      for (const path of dossiers) {
        const differ = readersDiffer(git("show", `main:${path}`));
        if (differ)
          throw new Error(`${path} reads differently in YAML 1.1: ${JSON.stringify(differ)}`);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const VALID = {
  name: "Eva Jansen",
  email: "eva.jansen@example.nl",
  summary: "Factuur bevat uren die niet gewerkt zijn",
  description: "Op mijn factuur van oktober staan 12 uur die niet gewerkt zijn.",
  category: "invoice",
  consent: "on",
} as const;

export function json(body: unknown): [string, { headers: Record<string, string> }] {
  return [
    JSON.stringify(body),
    { headers: { "content-type": "application/json", accept: "application/json" } },
  ];
}

export function form(
  fields: Record<string, string>,
): [URLSearchParams, { headers: Record<string, string> }] {
  return [
    new URLSearchParams(fields),
    { headers: { "content-type": "application/x-www-form-urlencoded" } },
  ];
}
