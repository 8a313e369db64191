import { delay, http, HttpResponse } from "msw";
import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import type { SetupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { FakeGit } from "./fake-git.ts";
import type { FakeCommit } from "./fake-git.ts";
import { restProblems } from "./github-contract.ts";
import { watchContract } from "./github-contract-check.ts";
import { executeGraphQL } from "./github-fake-graphql.ts";

export interface LoggedRequest {
  method: string;
  /** The route as the fake names it: `GET /commits/:ref`, `GET /git/trees/:sha`, `POST /graphql`. */
  route: string;
  /** Path and query as sent, e.g. `/repos/acme/complaints/git/trees/4b82…?recursive=1`. */
  path: string;
  /** For GraphQL: the first field of the operation, e.g. `repository` or `createCommitOnBranch`. */
  operation?: string;
  authorization: string | null;
  body?: unknown;
  /** Whether GitHub would count it against the rate limit (a 304 is free). */
  counted: boolean;
}

interface Failure {
  status: number | "network";
  headers: Record<string, string>;
  message: string;
  on: string;
}

/** One of GitHub's primary rate limits (`core` for REST, `graphql`). */
export interface RateBudget {
  limit: number;
  remaining: number;
  /** When it refills, in epoch seconds. */
  reset: number;
}

type Params = Record<string, string>;
type Handle = (params: Params, url: URL, request: Request) => Response | Promise<Response>;

/**
 * A stateful fake of GitHub for one repository, for msw, held to GitHub's contracts: every REST request is
 * checked against GitHub's OpenAPI description and every GraphQL document against GitHub's schema (a
 * request GitHub would refuse is refused, and recorded in `violations`). It keeps a git object database with
 * refs, answers conditional requests with 304 (free, as on GitHub), counts every request against primary
 * rate limits with GitHub's headers, and has knobs: fail, delay or drop the answer to the next requests, move
 * the branch under a writer, spend the rate limit.
 */
export class GitHubFake {
  readonly owner: string;
  readonly repo: string;
  /** Where the REST API answers: GitHub's, or an Enterprise Server's `https://HOST/api/v3`. */
  readonly apiUrl: string;
  readonly graphqlUrl: string;
  readonly git = new FakeGit();
  readonly requests: LoggedRequest[] = [];
  /** Requests GitHub's descriptions say GitHub would refuse; a test that sees one is broken. */
  readonly violations: string[] = [];
  readonly rate: { core: RateBudget; graphql: RateBudget };
  /** Above this many entries a recursive tree is truncated (GitHub: 100,000). */
  recursiveLimit = 100_000;
  readonly #failures: Failure[] = [];
  readonly #delays: number[] = [];
  readonly #drops: string[] = [];
  readonly #beforeUpdate: Array<(fake: GitHubFake) => void> = [];

  constructor(
    options: {
      owner?: string;
      repo?: string;
      apiUrl?: string;
      graphqlUrl?: string;
      files?: Record<string, string | Uint8Array>;
      /** Start with no commit at all, as a new repository on GitHub. */
      empty?: boolean;
    } = {},
  ) {
    watchContract(this);
    this.apiUrl = options.apiUrl ?? "https://api.github.com";
    this.graphqlUrl =
      options.graphqlUrl ??
      (this.apiUrl.endsWith("/api/v3")
        ? this.apiUrl.replace(/\/api\/v3$/, "/api/graphql")
        : `${this.apiUrl}/graphql`);
    this.owner = options.owner ?? "acme";
    this.repo = options.repo ?? "complaints";
    const reset = Math.floor(Date.now() / 1000) + 3600;
    this.rate = {
      core: { limit: 5000, remaining: 5000, reset },
      graphql: { limit: 5000, remaining: 5000, reset },
    };
    if (!options.empty)
      this.git.commitFiles({ "README.md": "# Complaints\n", ...options.files }, "Initial commit");
  }

  /** The commit `main` points at. */
  head(branch = "main"): string {
    return this.git.refs.get(`heads/${branch}`) ?? "";
  }

  /** Files at a commit (default: the head of main) as text. */
  texts(commit = this.head()): Map<string, string> {
    return new Map(
      [...this.git.files(commit)].map(([path, data]) => [path, data.toString("utf8")]),
    );
  }

  /** Commits of main, newest first. */
  history(): Array<FakeCommit & { sha: string }> {
    const commits = [];
    for (let sha: string | undefined = this.head(); sha;) {
      const commit = this.git.commit(sha);
      if (!commit) break;
      commits.push({ sha, ...commit });
      sha = commit.parents[0];
    }
    return commits;
  }

  /** Requests GitHub counts against the rate limits. */
  counted(): LoggedRequest[] {
    return this.requests.filter((r) => r.counted);
  }

  /** Runs `fn` (another writer committing) when the next write arrives, before GitHub would check it. */
  moveRefBeforeNextUpdate(fn: (fake: GitHubFake) => void): void {
    this.#beforeUpdate.push(fn);
  }

  /** Spends a primary rate limit: every further counted request is refused until `resetInSeconds`. */
  spendRateLimit(resource: "core" | "graphql" | "both" = "both", resetInSeconds = 1800): void {
    const reset = Math.floor(Date.now() / 1000) + resetInSeconds;
    for (const name of resource === "both" ? (["core", "graphql"] as const) : [resource]) {
      this.rate[name] = { ...this.rate[name], remaining: 0, reset };
    }
  }

  /**
   * The next `n` requests matching `on` fail with `status`, or a network error. `on` is the start of
   * `METHOD /path` below the repository (`GET /commits`), or a GraphQL operation's first field
   * (`createCommitOnBranch`); empty matches every request.
   */
  failNext(
    n: number,
    status: number | "network",
    options: { headers?: Record<string, string>; message?: string; on?: string } = {},
  ): void {
    const failure = {
      status,
      headers: options.headers ?? {},
      message: options.message ?? defaultMessage(status, options.headers ?? {}),
      on: options.on ?? "",
    };
    for (let i = 0; i < n; i += 1) this.#failures.push(failure);
  }

  /** The next `times` requests are answered after `ms`. */
  delayNext(ms: number, times = 1): void {
    for (let i = 0; i < times; i += 1) this.#delays.push(ms);
  }

  /** The next request matching `on` is carried out, and then its answer is lost (a network error). */
  dropNextAnswer(on = "createCommitOnBranch"): void {
    this.#drops.push(on);
  }

  /** The msw handlers: the REST endpoints Docket reads and GitHub's GraphQL endpoint. */
  get handlers(): RequestHandler[] {
    const git = this.git;
    return [
      // The branch's commit; with `Accept: application/vnd.github.sha` just its id, and 304 when it is the
      // one named in If-None-Match, as GitHub documents for "has this branch moved?".
      this.#rest("get", "/commits/:ref", ({ ref = "" }, _url, request) => {
        const name = decodeURIComponent(ref);
        const sha = git.refs.get(`heads/${name}`) ?? (git.commit(name) ? name : undefined);
        if (!sha) return fail(422, `No commit found for SHA: ${name}`);
        const etag = `"${sha}"`;
        if (request.headers.get("if-none-match") === etag)
          return new HttpResponse(null, { status: 304, headers: { etag } });
        if ((request.headers.get("accept") ?? "").includes("application/vnd.github.sha"))
          return new HttpResponse(sha, { headers: { etag, "content-type": "text/plain" } });
        const commit = git.commit(sha) as FakeCommit;
        return HttpResponse.json(
          { sha, commit: { message: commit.message, tree: { sha: commit.tree } } },
          { headers: { etag } },
        );
      }),
      this.#rest("get", "/git/trees/:sha", ({ sha = "" }, url) => {
        const entries = git.tree(sha);
        if (!entries) return notFound();
        const recursive = url.searchParams.has("recursive");
        const all = recursive
          ? [...git.walk(sha)]
          : entries.map((entry) => ({ ...entry, path: entry.name }));
        const limit = recursive ? this.recursiveLimit : Infinity;
        const tree = all.slice(0, limit).map(({ path, mode, type, sha: object }) => ({
          path,
          mode,
          type,
          sha: object,
          ...(type === "blob" ? { size: git.blob(object)?.length } : {}),
        }));
        return HttpResponse.json({ sha, tree, truncated: all.length > limit });
      }),
      http.post(this.graphqlUrl, async ({ request }) => {
        const body = (await request.json()) as {
          query?: string;
          variables?: Record<string, unknown>;
        };
        const operation = /\{\s*(\w+)/.exec(body.query ?? "")?.[1] ?? "";
        const log = this.#log(request, "POST /graphql", body, operation);
        const early = await this.#gate(log, "graphql", `POST /graphql`, operation);
        if (early) return early;
        const result = await executeGraphQL(this, body, () => this.#beforeUpdate.shift()?.(this));
        this.violations.push(...result.violations);
        if (this.#drop(operation)) return HttpResponse.error();
        return HttpResponse.json(result.body as Record<string, unknown>, {
          headers: this.#rateHeaders("graphql"),
        });
      }),
    ];
  }

  #rest(method: "get", route: string, handle: Handle): RequestHandler {
    const prefix = new URL(this.apiUrl).pathname.replace(/\/$/, "");
    return http[method](
      `${this.apiUrl}/repos/:owner/:repo${route}`,
      async ({ request, params }) => {
        const url = new URL(request.url);
        const name = `${method.toUpperCase()} ${route}`;
        const log = this.#log(request, name, undefined);
        const apiPath = url.pathname.slice(prefix.length);
        const problems = restProblems(method.toUpperCase(), apiPath, url.searchParams, undefined);
        if (problems.length > 0) {
          this.violations.push(...problems);
          return fail(404, "Not Found");
        }
        const sent = `${method.toUpperCase()} ${url.pathname.slice(prefix.length).replace(`/repos/${this.owner}/${this.repo}`, "")}`;
        const early = await this.#gate(log, "core", sent, name);
        if (early) return early;
        const { owner = "", repo = "", ...rest } = params as Record<string, string | string[]>;
        if (String(owner).toLowerCase() !== this.owner || String(repo).toLowerCase() !== this.repo)
          return notFound();
        const flat = Object.fromEntries(
          Object.entries(rest).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : String(v)]),
        );
        const response = await handle(flat, url, request);
        if (response.status === 304) log.counted = false;
        for (const [key, value] of Object.entries(this.#rateHeaders("core")))
          response.headers.set(key, value);
        return response;
      },
    );
  }

  #log(request: Request, route: string, body: unknown, operation?: string): LoggedRequest {
    const url = new URL(request.url);
    const entry: LoggedRequest = {
      method: request.method,
      route,
      path: url.pathname + url.search,
      ...(operation ? { operation } : {}),
      authorization: request.headers.get("authorization"),
      ...(body === undefined ? {} : { body }),
      counted: true,
    };
    this.requests.push(entry);
    return entry;
  }

  /** Delays, failures and the rate limit, before a request is served; a response ends it there. */
  async #gate(
    log: LoggedRequest,
    resource: "core" | "graphql",
    sent: string,
    name: string,
  ): Promise<Response | undefined> {
    const wait = this.#delays.shift();
    if (wait !== undefined) await delay(wait);
    const index = this.#failures.findIndex(
      (failure) => sent.startsWith(failure.on) || name.startsWith(failure.on),
    );
    const [failure] = index < 0 ? [] : this.#failures.splice(index, 1);
    if (failure?.status === "network") return HttpResponse.error();
    if (failure) return fail(failure.status, failure.message, failure.headers);
    const budget = this.rate[resource];
    const now = Math.floor(Date.now() / 1000);
    if (budget.reset <= now) Object.assign(budget, { remaining: budget.limit, reset: now + 3600 });
    if (budget.remaining <= 0) {
      const headers = this.#rateHeaders(resource);
      // GitHub answers a spent GraphQL limit with 200 and a RATE_LIMITED error, REST with 403.
      if (resource === "graphql")
        return HttpResponse.json(
          {
            errors: [
              { type: "RATE_LIMITED", message: "API rate limit exceeded for installation ID 1." },
            ],
          },
          { headers },
        );
      return fail(403, "API rate limit exceeded for installation ID 1.", headers);
    }
    budget.remaining -= 1;
    void log;
    return undefined;
  }

  #drop(operation: string): boolean {
    const index = this.#drops.indexOf(operation);
    if (index < 0) return false;
    this.#drops.splice(index, 1);
    return true;
  }

  #rateHeaders(resource: "core" | "graphql"): Record<string, string> {
    const budget = this.rate[resource];
    return {
      "x-ratelimit-limit": String(budget.limit),
      "x-ratelimit-remaining": String(Math.max(0, budget.remaining)),
      "x-ratelimit-used": String(budget.limit - Math.max(0, budget.remaining)),
      "x-ratelimit-reset": String(budget.reset),
      "x-ratelimit-resource": resource,
    };
  }
}

/** Starts msw with the fake's handlers (and `extra` ones first); a request nothing handles fails the test. */
export function listen(fake: GitHubFake, ...extra: RequestHandler[]): SetupServer {
  const server = setupServer(...extra, ...fake.handlers);
  server.listen({ onUnhandledRequest: "error" });
  return server;
}

/**
 * Every test of the calling file on a fresh fake behind msw (unhandled requests fail), handed to `use`
 * before the file's own `beforeEach`; after each test the fake must have seen no request GitHub would refuse.
 */
export function useGitHubFake(use: (fake: GitHubFake) => void): void {
  let fake = new GitHubFake();
  let server: SetupServer;
  beforeAll(() => {
    server = listen(fake);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    fake = new GitHubFake();
    server.resetHandlers(...fake.handlers);
    use(fake);
  });
  afterEach(() => {
    expect(fake.violations).toEqual([]);
  });
}

/** The requests sent while `run` runs, e.g. to count the requests of one intake. */
export async function requestsDuring(
  fake: GitHubFake,
  run: () => Promise<unknown>,
): Promise<LoggedRequest[]> {
  const before = fake.requests.length;
  await run();
  return fake.requests.slice(before);
}

function notFound(): Response {
  return fail(404, "Not Found");
}

function fail(status: number, message: string, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(
    { message, documentation_url: "https://docs.github.com/rest", status: String(status) },
    { status, headers },
  );
}

function defaultMessage(status: number | "network", headers: Record<string, string>): string {
  if (status === 401) return "Bad credentials";
  if (status === 409) return "Reference update failed";
  if (status === 422) return "Reference update failed";
  if (headers["x-ratelimit-remaining"] === "0")
    return "API rate limit exceeded for installation ID 1.";
  if (status === 429 || (status === 403 && headers["retry-after"] !== undefined)) {
    return "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
  }
  if (status === 403) return "Resource not accessible by integration";
  return "Server Error";
}
