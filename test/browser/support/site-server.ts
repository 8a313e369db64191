import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfig } from "../../../automation/config/read-config.ts";
import { ruleContext } from "../../../automation/config/rule-context.ts";
import { dispatch } from "../../../automation/dispatch/dispatch.ts";
import { createIntakeHandler } from "../../../automation/intake/intake-handler.ts";
import { createRateLimiter } from "../../../automation/intake/rate-limit.ts";
import { loadTemplates } from "../../../automation/letters/load-templates.ts";
import { createOutboxMailer } from "../../../automation/mail/outbox-mailer.ts";
import { createNodeServer } from "../../../automation/server/node-server.ts";
import { serveThankYouPages } from "../../../automation/server/thank-you-route.ts";
import { createLocalGitStore } from "../../../automation/store/local-git-store.ts";
import { SITE_DIST } from "./site-build.ts";
import { randomBytes } from "node:crypto";
import { createCaseLinks } from "../../../automation/case-page/case-link.ts";
import {
  createCasePageHandler,
  isCasePagePath,
} from "../../../automation/case-page/case-page-handler.ts";
import { fileMail } from "../../../automation/conversation/file-mail.ts";
import type { DispatchDeps } from "../../../automation/dispatch/dispatch.ts";

export interface SiteServer {
  /** http://127.0.0.1:<port> */
  base: string;
  /** Dossier files at main of the dossier repository. */
  dossiers(): string[];
  /** Every file at main below a folder. */
  files(prefix: string): string[];
  show(path: string): string;
  outbox(): string[];
  /** The text of a file in the outbox. */
  outboxFile(name: string): Buffer;
  close(): Promise<void>;
}

/**
 * What `docket serve` runs, on a temporary local git repository and outbox:
 * the built site and the real intake handler on one port (0: any free one).
 */
export async function startSiteServer(): Promise<SiteServer> {
  const root = mkdtempSync(join(tmpdir(), "docket-site-"));
  const repo = join(root, "repo");
  const outboxDir = join(root, "outbox");
  const config = readConfig(process.env, process.cwd());
  const context = ruleContext(config);
  const store = createLocalGitStore({ dir: repo });
  const deps: DispatchDeps = {
    store,
    mailer: createOutboxMailer({ dir: outboxDir }),
    config,
    context,
    templates: await loadTemplates(),
    now: () => new Date(),
  };
  let queue: Promise<unknown> = Promise.resolve();
  const handler = createIntakeHandler({
    config,
    calendar: context.calendar,
    store,
    clock: () => new Date(),
    rateLimiter: createRateLimiter({ burst: 1000, perMinute: 1000, now: () => Date.now() }),
    deliver: async (filed) => {
      const run = queue.then(() => dispatch(deps, { only: [filed.path] }));
      queue = run.catch(() => undefined);
      await run;
    },
  });
  const deliver = async (path: string) => {
    const run = queue.then(() => dispatch(deps, { only: [path] }));
    queue = run.catch(() => undefined);
    await run;
  };
  // The complainant's page, with a key of this run; its links point at this server once it listens.
  const key = randomBytes(32);
  const casePage = (links: ReturnType<typeof createCaseLinks>) =>
    createCasePageHandler({
      config,
      context,
      store,
      links,
      clock: () => new Date(),
      actionLimiter: createRateLimiter({ burst: 1000, perMinute: 1000, now: () => Date.now() }),
      wrongLinkLimiter: createRateLimiter({ burst: 1000, perMinute: 1000, now: () => Date.now() }),
      fileMessage: async (id, raw) => {
        await fileMail({ store, config, clock: () => new Date(), caseLinks: links }, id, raw);
      },
      deliver,
    });
  const current: { page?: ReturnType<typeof casePage> } = {};
  const server = createNodeServer({
    api: handler,
    siteDir: SITE_DIST,
    pages: {
      match: isCasePagePath,
      handle: (request, context) =>
        current.page
          ? current.page(request, context)
          : Promise.resolve(new Response(null, { status: 503 })),
    },
  });
  serveThankYouPages(server, SITE_DIST);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const links = createCaseLinks(key, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  deps.caseLinks = links;
  current.page = casePage(links);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dossiers() {
      try {
        return git("ls-tree", "-r", "--name-only", "main", "--", "dossiers/")
          .split("\n")
          .filter((f) => f.endsWith("/dossier.md"));
      } catch {
        return [];
      }
    },
    files(prefix) {
      try {
        return git("ls-tree", "-r", "--name-only", "main", "--", prefix)
          .split("\n")
          .filter(Boolean);
      } catch {
        return [];
      }
    },
    show: (path) => git("show", `main:${path}`),
    outbox() {
      try {
        return readdirSync(outboxDir);
      } catch {
        return [];
      }
    },
    outboxFile: (name) => readFileSync(join(outboxDir, name)),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await server.drain();
      await queue;
      rmSync(root, { recursive: true, force: true });
    },
  };
}
