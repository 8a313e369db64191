import { Octokit } from "@octokit/rest";
import { DocketError } from "../errors.ts";
import { StoreAccessError, StoreUnavailableError } from "./dossier-store.ts";
import { githubEndpoints } from "./github-endpoints.ts";
import { toStoreError } from "./github-errors.ts";
import { credentials } from "./github-octokit.ts";
import { RateGate } from "./rate-gate.ts";

/** A GraphQL answer with errors, each with GitHub's `type` (`STALE_DATA`, `NOT_FOUND`, `RATE_LIMITED`, …). */
export class GitHubGraphQLError extends DocketError {
  readonly types: string[];
  constructor(message: string, types: string[]) {
    super("github_graphql", message);
    this.types = types;
  }
}

export interface CallOptions {
  /** What is being done, for error messages: "reading branch main of acme/complaints". */
  action: string;
  /** Epoch milliseconds by which the answer must be in; no request is started after it. */
  deadline: number;
}

/**
 * GitHub as the store uses it: REST requests and GraphQL documents, each with a deadline, and never a wait
 * for a rate limit: once GitHub said a limit is spent (or asked for a pause), calls fail at once with a
 * `StoreUnavailableError` carrying the seconds until the reset, without asking GitHub again. No plugin
 * retries or queues anything here: the store decides what to try again, within the deadline.
 */
export interface GitHubClient {
  rest<T>(
    route: string,
    params: Record<string, unknown>,
    options: CallOptions,
  ): Promise<RestAnswer<T>>;
  graphql<T>(query: string, variables: Record<string, unknown>, options: CallOptions): Promise<T>;
}

export interface RestAnswer<T> {
  status: number;
  data: T;
  headers: Record<string, string | number | undefined>;
}

export interface GitHubClientOptions {
  octokit: Octokit;
  graphqlUrl: string;
  /** Longest a single request may take, within the caller's deadline. Default 10 s (GitHub's own timeout). */
  requestTimeoutMs?: number;
  now?: () => number;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { octokit, graphqlUrl } = options;
  const now = options.now ?? (() => Date.now());
  const gate = new RateGate(now);
  const maxMs = options.requestTimeoutMs ?? 10_000;

  const signal = (call: CallOptions) => {
    const left = call.deadline - now();
    if (left <= 0) {
      throw new StoreUnavailableError(
        `GitHub did not answer in time while ${call.action}; not asking again before the answer is due.`,
        { retryAfterSeconds: 5 },
      );
    }
    return AbortSignal.timeout(Math.min(left, maxMs));
  };

  return {
    async rest<T>(route: string, params: Record<string, unknown>, call: CallOptions) {
      gate.check("core", call.action);
      try {
        const response = await octokit.request(route, {
          ...params,
          request: { signal: signal(call) },
        });
        gate.observe(response.headers);
        return {
          status: response.status,
          data: response.data as T,
          headers: response.headers as RestAnswer<T>["headers"],
        };
      } catch (error) {
        const failure = error as {
          status?: number;
          response?: { headers?: Record<string, string> };
        };
        if (failure.response?.headers) gate.observe(failure.response.headers);
        if (failure.status === 304) {
          return { status: 304, data: undefined as T, headers: failure.response?.headers ?? {} };
        }
        throw toStoreError(error, call.action);
      }
    },

    async graphql<T>(query: string, variables: Record<string, unknown>, call: CallOptions) {
      gate.check("graphql", call.action);
      let response;
      try {
        response = await octokit.request(`POST ${graphqlUrl}`, {
          query,
          variables,
          request: { signal: signal(call) },
        });
      } catch (error) {
        const failure = error as { response?: { headers?: Record<string, string> } };
        if (failure.response?.headers) gate.observe(failure.response.headers);
        throw toStoreError(error, call.action);
      }
      gate.observe(response.headers);
      const body = response.data as {
        data?: T;
        errors?: Array<{ type?: string; message: string }>;
      };
      if (body.errors?.length) {
        const types = body.errors.map((e) => e.type ?? "");
        const message = body.errors.map((e) => e.message).join("; ");
        if (types.includes("RATE_LIMITED")) {
          gate.spent("graphql", response.headers);
          gate.check("graphql", call.action);
        }
        if (types.includes("NOT_FOUND") || types.includes("FORBIDDEN")) {
          throw new StoreAccessError(
            `GitHub found nothing or denied access while ${call.action} (${message}). Check that the ` +
              `repository and branch exist and that the token or App installation has "Contents: read ` +
              `and write" on it.`,
          );
        }
        throw new GitHubGraphQLError(
          `GitHub refused a query while ${call.action}: ${message}`,
          types,
        );
      }
      return body.data as T;
    },
  };
}

/**
 * The store's Octokit: credentials from the environment (a GitHub App installation or `GITHUB_TOKEN`), the
 * API at `GITHUB_API_URL`, and nothing that waits: no throttling or retry plugin.
 */
export function createStoreClient(
  env: NodeJS.ProcessEnv,
  options: { requestTimeoutMs?: number } = {},
): GitHubClient {
  const { apiUrl, graphqlUrl } = githubEndpoints(env);
  const octokit = new Octokit({
    ...credentials(env),
    baseUrl: apiUrl,
    userAgent: "docket",
    log: { debug: ignore, info: ignore, warn: console.warn, error: ignore },
  });
  return createGitHubClient({
    octokit,
    graphqlUrl,
    ...(options.requestTimeoutMs === undefined
      ? {}
      : { requestTimeoutMs: options.requestTimeoutMs }),
  });
}

function ignore(): void {}
