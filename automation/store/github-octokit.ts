import { createPrivateKey } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { ConfigError } from "../errors.ts";
import { githubEndpoints } from "./github-endpoints.ts";

/** Octokit with GitHub's recommended throttling and retries of server errors. */
export const DocketOctokit = Octokit.plugin(throttling, retry);
export type DocketOctokit = InstanceType<typeof DocketOctokit>;

type ClientOptions = NonNullable<ConstructorParameters<typeof DocketOctokit>[0]>;
/** The throttling plugin's limiter for writes (a Bottleneck group). */
export type WriteLimiter = NonNullable<NonNullable<ClientOptions["throttle"]>["write"]>;

export interface CreateOctokitOptions {
  /** Milliseconds before one request is abandoned (it is then retried as a server error). Default 10 s. */
  request?: { timeout?: number };
  /** Milliseconds per second of back-off in both plugins. Default 1000; tests pass 1 so they do not sleep. */
  retryAfterBaseValue?: number;
  /** Replaces the throttling plugin's write limiter, which spaces writes a second apart as GitHub asks; for tests. */
  writeLimiter?: WriteLimiter;
}

/** Statuses the retry plugin leaves alone: client errors, conflicts, and rate limits (the throttling plugin's). */
const doNotRetry = [400, 401, 403, 404, 409, 410, 422, 429, 451];
/** Rate limits are retried this often, after the wait GitHub names (`retry-after`, `x-ratelimit-reset`). */
const rateLimitRetries = 2;

/**
 * An Octokit for the commands that work on GitHub besides the store (the dashboard issue, the letters
 * preview), authenticated as a GitHub App installation (`GITHUB_APP_ID`,
 * `GITHUB_APP_PRIVATE_KEY`, `GITHUB_APP_INSTALLATION_ID`; its commits show as verified) or with `GITHUB_TOKEN`.
 * The App wins when both are set. Throws a `ConfigError` naming the variable when credentials are missing.
 * It talks to `GITHUB_API_URL` and `GITHUB_GRAPHQL_URL` (see `githubEndpoints`). These commands run in
 * workflows, where waiting out a rate limit is right; the store, which answers complainants, never waits.
 */
export function createOctokit(
  env: NodeJS.ProcessEnv,
  options: CreateOctokitOptions = {},
): DocketOctokit {
  const retryAfterBaseValue = options.retryAfterBaseValue ?? 1000;
  const retryRateLimit = (
    _after: number,
    _request: unknown,
    _octokit: unknown,
    retryCount: number,
  ) => retryCount < rateLimitRetries;
  const { apiUrl, graphqlUrl } = githubEndpoints(env);
  const octokit = new DocketOctokit({
    ...credentials(env),
    baseUrl: apiUrl,
    userAgent: "docket",
    // Failures reach the caller as store errors; an expected conflict (422 on a ref update) is no error to log.
    log: { debug: ignore, info: ignore, warn: console.warn, error: ignore },
    request: { fetch: fetchWithTimeout(options.request?.timeout ?? 10_000) },
    retry: { doNotRetry, retryAfterBaseValue },
    throttle: {
      onRateLimit: retryRateLimit,
      onSecondaryRateLimit: retryRateLimit,
      retryAfterBaseValue,
      ...(options.writeLimiter === undefined ? {} : { write: options.writeLimiter }),
    },
  });
  octokit.graphql = octokit.graphql.defaults({ url: graphqlUrl });
  return octokit;
}

/** Token or GitHub App installation auth from the environment; a `ConfigError` names what is missing. */
export function credentials(env: NodeJS.ProcessEnv): Pick<ClientOptions, "auth" | "authStrategy"> {
  const app = {
    GITHUB_APP_ID: env.GITHUB_APP_ID?.trim(),
    GITHUB_APP_PRIVATE_KEY: env.GITHUB_APP_PRIVATE_KEY?.trim(),
    GITHUB_APP_INSTALLATION_ID: env.GITHUB_APP_INSTALLATION_ID?.trim(),
  };
  const missing = Object.entries(app)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length < 3) {
    if (missing.length > 0) {
      throw new ConfigError(
        `GitHub App credentials are incomplete: set ${missing.join(" and ")} as well ` +
          `(GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID go together).`,
      );
    }
    return {
      authStrategy: createAppAuth,
      auth: {
        appId: app.GITHUB_APP_ID,
        privateKey: privateKey(app.GITHUB_APP_PRIVATE_KEY ?? ""),
        installationId: installationId(app.GITHUB_APP_INSTALLATION_ID ?? ""),
      },
    };
  }
  const token = env.GITHUB_TOKEN?.trim();
  if (token) return { auth: token };
  throw new ConfigError(
    "No GitHub credentials: set GITHUB_TOKEN, or GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and " +
      "GITHUB_APP_INSTALLATION_ID to commit as a GitHub App installation.",
  );
}

/** The App's PEM key; a key pasted into one line with `\n` escapes is accepted too. */
function privateKey(value: string): string {
  const pem = value.includes("\n") ? value : value.replaceAll("\\n", "\n");
  try {
    createPrivateKey(pem);
  } catch (error) {
    throw new ConfigError(
      "GITHUB_APP_PRIVATE_KEY is not a PEM private key: paste the .pem file GitHub generated for the App, " +
        'starting with "-----BEGIN RSA PRIVATE KEY-----".',
      { cause: error },
    );
  }
  return pem;
}

function installationId(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new ConfigError(
      `GITHUB_APP_INSTALLATION_ID must be the installation's number, e.g. 12345678; got "${value}".`,
    );
  }
  return Number(value);
}

function ignore(): void {}

/** `fetch` that gives up after `ms`; Octokit turns the abort into a status-500 error, which is retried. */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init = {}) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return globalThis.fetch(input, { ...init, signal });
  };
}
