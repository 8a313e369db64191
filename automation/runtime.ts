import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DocketConfig } from "./config/config-schema.ts";
import { readConfig } from "./config/read-config.ts";
import { ruleContext } from "./config/rule-context.ts";
import type { ChangeContext } from "./domain/check-change.ts";
import type { DispatchDeps } from "./dispatch/dispatch.ts";
import type { DossierReader } from "./repo/dossier-reader.ts";
import { createPacer } from "./dispatch/pacer.ts";
import { ConfigError } from "./errors.ts";
import { createCaseLinks, type CaseLinks } from "./case-page/case-link.ts";
import { localKeyFile, readPageKey, siteUrl } from "./case-page/page-key.ts";
import { loadTemplates } from "./letters/load-templates.ts";
import type { LetterTemplates } from "./letters/letters.ts";
import type { Mailer } from "./mail/mailer.ts";
import { createOutboxMailer } from "./mail/outbox-mailer.ts";
import { createResendMailer } from "./mail/resend-mailer.ts";
import type { DossierStore } from "./store/dossier-store.ts";
import { githubEndpoints } from "./store/github-endpoints.ts";
import { createStoreClient } from "./store/github-client.ts";
import { createGitHubStore } from "./store/github-store.ts";
import { createLocalGitStore, handlersGuide } from "./store/local-git-store.ts";

/** Docket's own folder (where package.json is). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface Runtime {
  config: DocketConfig;
  context: ChangeContext;
  store: DossierStore;
  mailer: Mailer;
  templates: LetterTemplates;
  /** For people: where dossiers and mail go. */
  outboxDir?: string;
  /** A link to a dossier on GitHub, for letters to handlers. */
  dossierUrl: (path: string) => string | undefined;
  /** The complainants' personal links; absent when there is no page key (GitHub without DOCKET_PAGE_KEY). */
  caseLinks?: CaseLinks;
}

/**
 * What `dispatch` needs, from a runtime: its store and mailer, paced for
 * Resend's rate limit (2 requests a second). `reader` reads dossiers from a
 * checkout instead of the store; `now` fixes the clock (`--now`).
 */
export function dispatchDeps(
  runtime: Runtime,
  options: { reader?: DossierReader; now?: Date } = {},
): DispatchDeps {
  const { now, reader } = options;
  return {
    store: runtime.store,
    ...(reader ? { reader } : {}),
    mailer: runtime.mailer,
    config: runtime.config,
    context: runtime.context,
    templates: runtime.templates,
    now: () => now ?? new Date(),
    dossierUrl: runtime.dossierUrl,
    ...(runtime.caseLinks ? { caseLinks: runtime.caseLinks } : {}),
    pace: createPacer(runtime.mailer.kind === "resend" ? 500 : 0),
  };
}

/**
 * Reads the environment once and builds the adapters: GitHub when
 * `GITHUB_REPOSITORY` is set, else a local git repository (`DOCKET_REPO`,
 * default `.docket/repo`); Resend when `RESEND_API_KEY` is set, else `.eml`
 * files in an outbox (`DOCKET_OUTBOX`, default `.docket/outbox`).
 */
export async function buildRuntime(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<Runtime> {
  const config = readConfig(env, cwd);
  const templates = await loadTemplates(
    env.DOCKET_LETTERS ? resolve(cwd, env.DOCKET_LETTERS) : undefined,
  );
  const author = {
    name: "Docket",
    email: `docket@${config.organisation.complaints_email.split("@")[1] ?? "localhost"}`,
  };

  let store: DossierStore;
  let keyFile: string | undefined;
  let dossierUrl: Runtime["dossierUrl"] = () => undefined;
  if (env.GITHUB_REPOSITORY) {
    const [owner, repo, extra] = env.GITHUB_REPOSITORY.split("/");
    if (!owner || !repo || extra !== undefined) {
      throw new ConfigError(`GITHUB_REPOSITORY must be owner/repo, got "${env.GITHUB_REPOSITORY}"`);
    }
    const branch = env.DOCKET_BRANCH ?? "main";
    store = createGitHubStore({ client: createStoreClient(env), owner, repo, branch });
    const { serverUrl } = githubEndpoints(env);
    dossierUrl = (path) => `${serverUrl}/${owner}/${repo}/blob/${branch}/${path}`;
  } else {
    const dir = resolve(cwd, env.DOCKET_REPO ?? ".docket/repo");
    if (dir === PROJECT_ROOT || existsSync(join(dir, "automation", "runtime.ts"))) {
      throw new ConfigError(
        `DOCKET_REPO must not be Docket's own checkout (${dir}); use a folder of its own`,
      );
    }
    store = createLocalGitStore({ dir, author, initialFiles: handlersGuide(PROJECT_ROOT) });
    keyFile = localKeyFile(dir);
  }

  let mailer: Mailer;
  let outboxDir: string | undefined;
  if (env.RESEND_API_KEY) {
    mailer = createResendMailer({ apiKey: env.RESEND_API_KEY });
  } else {
    outboxDir = resolve(cwd, env.DOCKET_OUTBOX ?? ".docket/outbox");
    mailer = createOutboxMailer({ dir: outboxDir });
  }
  const local = store.kind === "local";
  const pageKey = readPageKey(env, cwd, keyFile ? { generateInto: keyFile } : {});
  const site = siteUrl(env, local);
  return {
    ...(pageKey && site ? { caseLinks: createCaseLinks(pageKey, site) } : {}),
    config,
    context: ruleContext(config),
    store,
    mailer,
    templates,
    dossierUrl,
    ...(outboxDir ? { outboxDir } : {}),
  };
}
