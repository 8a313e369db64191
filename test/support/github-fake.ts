import { delay, http, HttpResponse } from "msw";
import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import type { SetupServer } from "msw/node";
import { FakeGit } from "./fake-git.ts";
import type { FakeCommit, TreeChange } from "./fake-git.ts";

export interface LoggedRequest {
  method: string;
  /** The route as the fake names it, e.g. `GET /git/trees/:sha`. */
  route: string;
  /** Path and query as sent, e.g. `/repos/acme/complaints/git/trees/4b82…?recursive=true`. */
  path: string;
  authorization: string | null;
  body?: unknown;
}

interface Failure {
  status: number | "network";
  headers: Record<string, string>;
  message: string;
  on: string;
}

type Params = Record<string, string>;
type Handle = (params: Params, body: Record<string, unknown>, url: URL) => Response;

/**
 * A stateful fake of GitHub's Git Data API for one repository, for msw: refs, commits, trees and blobs as
 * the store uses them, behaving as GitHub does (a ref update that is not a fast-forward is refused with 422,
 * missing objects are 404). Knobs let a test move the ref under a writer, fail or delay requests, and count them.
 */
export class GitHubFake {
  readonly owner: string;
  readonly repo: string;
  /** Where the fake answers: GitHub's API, or an Enterprise Server's `https://HOST/api/v3`. */
  readonly apiUrl: string;
  readonly git = new FakeGit();
  readonly requests: LoggedRequest[] = [];
  /** Above this many entries a recursive tree is truncated (GitHub: 100,000). */
  recursiveLimit = 100_000;
  readonly #failures: Failure[] = [];
  readonly #delays: number[] = [];
  readonly #beforeUpdate: Array<(fake: GitHubFake) => void> = [];

  constructor(
    options: {
      owner?: string;
      repo?: string;
      apiUrl?: string;
      files?: Record<string, string | Uint8Array>;
    } = {},
  ) {
    this.apiUrl = options.apiUrl ?? "https://api.github.com";
    this.owner = options.owner ?? "acme";
    this.repo = options.repo ?? "complaints";
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

  /** Runs `fn` (another writer committing) when the next ref update arrives, before GitHub would check it. */
  moveRefBeforeNextUpdate(fn: (fake: GitHubFake) => void): void {
    this.#beforeUpdate.push(fn);
  }

  /** The next `n` requests (those whose `METHOD /git/…` starts with `on`) fail with `status`, or a network error. */
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

  /** The msw handlers, one per endpoint the store uses. */
  get handlers(): RequestHandler[] {
    const git = this.git;
    return [
      this.#route("get", "/git/ref/:ref", ({ ref = "" }) => {
        const sha = git.refs.get(decodeURIComponent(ref));
        return sha ? HttpResponse.json(refBody(ref, sha)) : notFound();
      }),
      this.#route("patch", "/git/refs/:ref", ({ ref = "" }, body) => {
        this.#beforeUpdate.shift()?.(this);
        const name = decodeURIComponent(ref);
        const current = git.refs.get(name);
        const sha = String(body.sha);
        if (!current) return notFound();
        if (!git.commit(sha)) return fail(422, "Object does not exist");
        if (body.force !== true && !git.isAncestor(current, sha)) {
          return fail(422, "Update is not a fast forward");
        }
        git.refs.set(name, sha);
        return HttpResponse.json(refBody(ref, sha));
      }),
      this.#route("get", "/git/commits/:sha", ({ sha = "" }) => {
        const commit = git.commit(sha);
        return commit ? HttpResponse.json(commitBody(sha, commit)) : notFound();
      }),
      this.#route("post", "/git/commits", (_, body) => {
        const parents = (body.parents as string[] | undefined) ?? [];
        const tree = String(body.tree);
        if (!git.tree(tree)) return fail(422, "Tree SHA does not exist");
        if (!parents.every((parent) => git.commit(parent))) {
          return fail(422, "Parent SHA does not exist or is not a commit object");
        }
        const commit = { tree, parents, message: String(body.message) };
        return HttpResponse.json(commitBody(git.putCommit(commit), commit), { status: 201 });
      }),
      this.#route("get", "/git/trees/:sha", ({ sha = "" }, _, url) => {
        const entries = git.tree(sha);
        if (!entries) return notFound();
        const recursive = url.searchParams.has("recursive");
        const all = recursive
          ? [...git.walk(sha)]
          : entries.map((entry) => ({ ...entry, path: entry.name }));
        const limit = recursive ? this.recursiveLimit : Infinity;
        const truncated = all.length > limit;
        const tree = all.slice(0, limit).map(({ path, mode, type, sha: object }) => ({
          path,
          mode,
          type,
          sha: object,
          ...(type === "blob" ? { size: git.blob(object)?.length } : {}),
        }));
        return HttpResponse.json({ sha, tree, truncated });
      }),
      this.#route("post", "/git/trees", (_, body) => {
        const base = body.base_tree === undefined ? undefined : String(body.base_tree);
        if (base !== undefined && !git.tree(base))
          return fail(422, "base_tree is not a valid tree");
        const changes: TreeChange[] = [];
        for (const entry of body.tree as Array<Record<string, unknown>>) {
          const content =
            typeof entry.content === "string" ? git.putBlob(Buffer.from(entry.content)) : null;
          const sha = content ?? (entry.sha as string | null);
          if (sha !== null && !git.has(sha))
            return fail(422, `tree.sha ${sha} is not a valid object`);
          changes.push({ path: String(entry.path), mode: String(entry.mode), type: "blob", sha });
        }
        const sha = git.editTree(base, changes);
        return HttpResponse.json({ sha, tree: git.tree(sha), truncated: false }, { status: 201 });
      }),
      this.#route("get", "/git/blobs/:sha", ({ sha = "" }) => {
        const data = git.blob(sha);
        if (!data) return notFound();
        // GitHub wraps the base64 content at 60 characters.
        const content = (data.toString("base64").match(/.{1,60}/g) ?? []).join("\n");
        return HttpResponse.json({ sha, size: data.length, content, encoding: "base64" });
      }),
      this.#route("post", "/git/blobs", (_, body) => {
        const encoding = body.encoding === "base64" ? "base64" : "utf8";
        const sha = git.putBlob(Buffer.from(String(body.content), encoding));
        return HttpResponse.json({ sha }, { status: 201 });
      }),
    ];
  }

  #route(method: "get" | "post" | "patch", route: string, handle: Handle): RequestHandler {
    return http[method](
      `${this.apiUrl}/repos/:owner/:repo${route}`,
      async ({ request, params }) => {
        const url = new URL(request.url);
        const body =
          method === "get" ? undefined : ((await request.json()) as Record<string, unknown>);
        const name = `${method.toUpperCase()} ${route}`;
        const path = url.pathname + url.search;
        this.requests.push({
          method: method.toUpperCase(),
          route: name,
          path,
          body,
          authorization: request.headers.get("authorization"),
        });
        const wait = this.#delays.shift();
        if (wait !== undefined) await delay(wait);
        const sent = `${method.toUpperCase()} ${path.replace(`/repos/${this.owner}/${this.repo}`, "")}`;
        const index = this.#failures.findIndex(
          (failure) => sent.startsWith(failure.on) || name.startsWith(failure.on),
        );
        const [failure] = index < 0 ? [] : this.#failures.splice(index, 1);
        if (failure?.status === "network") return HttpResponse.error();
        if (failure) return fail(failure.status, failure.message, failure.headers);
        const { owner = "", repo = "", ...rest } = params as Params;
        if (owner.toLowerCase() !== this.owner || repo.toLowerCase() !== this.repo)
          return notFound();
        return handle(rest, body ?? {}, url);
      },
    );
  }
}

/** Starts msw with the fake's handlers (and `extra` ones first); a request nothing handles fails the test. */
export function listen(fake: GitHubFake, ...extra: RequestHandler[]): SetupServer {
  const server = setupServer(...extra, ...fake.handlers);
  server.listen({ onUnhandledRequest: "error" });
  return server;
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

function refBody(ref: string, sha: string) {
  return { ref: `refs/${decodeURIComponent(ref)}`, object: { sha, type: "commit" } };
}

function commitBody(sha: string, commit: FakeCommit) {
  const author = { name: "GitHub", email: "noreply@github.com", date: "2026-11-24T08:13:05Z" };
  return {
    sha,
    author,
    committer: author,
    message: commit.message,
    tree: { sha: commit.tree },
    parents: commit.parents.map((parent) => ({ sha: parent })),
  };
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
  if (status === 422) return "Update is not a fast forward";
  if (headers["x-ratelimit-remaining"] === "0")
    return "API rate limit exceeded for installation ID 1.";
  if (status === 429 || (status === 403 && headers["retry-after"] !== undefined)) {
    return "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
  }
  if (status === 403) return "Resource not accessible by integration";
  return "Server Error";
}
