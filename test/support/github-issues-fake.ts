import { http, HttpResponse } from "msw";
import type { RequestHandler } from "msw";
import { DocketOctokit } from "../../automation/store/github-octokit.ts";
import { restProblems } from "./github-contract.ts";
import { watchContract } from "./github-contract-check.ts";

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  /** Set for a pull request: GitHub lists pull requests among issues. */
  pullRequest: boolean;
  user: string;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: string;
}

/**
 * A stateful fake of GitHub's issues, labels and issue comments for one
 * repository, for msw: numbers shared by issues and pull requests, lists
 * paginated with `Link` headers as GitHub does (`per_page`, `page`), 404 for
 * what does not exist, 422 for a label that does, 401 without a token. Every
 * request is checked against GitHub's REST description first: one GitHub would
 * refuse is answered 422 and recorded in `violations`, which fails the test.
 */
export class GitHubIssuesFake {
  readonly owner: string;
  readonly repo: string;
  readonly issues: FakeIssue[] = [];
  readonly comments: FakeComment[] = [];
  readonly labels = new Map<string, { color: string; description: string }>();
  readonly requests: string[] = [];
  /** Requests GitHub's REST description says GitHub would refuse; a test that sees one is broken. */
  readonly violations: string[] = [];
  /** Answers every write 403, as GitHub does for a token without the permission. */
  readOnly = false;
  #nextComment = 1001;

  /** Where the fake answers: GitHub's API, or an Enterprise Server's `https://HOST/api/v3`. */
  readonly apiUrl: string;

  constructor(options: { owner?: string; repo?: string; apiUrl?: string } = {}) {
    watchContract(this);
    this.apiUrl = options.apiUrl ?? "https://api.github.com";
    this.owner = options.owner ?? "acme";
    this.repo = options.repo ?? "complaints";
  }

  /** An issue or pull request as someone opened it; returns its number. */
  open(issue: Partial<Omit<FakeIssue, "number">> = {}): number {
    const number = this.issues.length + 1;
    this.issues.push({
      number,
      title: "Something",
      body: "",
      state: "open",
      labels: [],
      pullRequest: false,
      user: "sannedevries",
      ...issue,
    });
    return number;
  }

  /** A comment as someone wrote it. */
  comment(issue: number, body: string, user = "sannedevries"): number {
    const id = this.#nextComment++;
    this.comments.push({ id, issue, body, user });
    return id;
  }

  issue(number: number): FakeIssue | undefined {
    return this.issues.find((i) => i.number === number);
  }

  get handlers(): RequestHandler[] {
    const repo = `${this.apiUrl}/repos/${this.owner}/${this.repo}`;
    return [
      http.get(`${repo}/labels/:name`, ({ request, params }) =>
        this.#guard(request, () => {
          const name = decodeURIComponent(String(params.name));
          const label = this.labels.get(name);
          return label ? HttpResponse.json({ name, ...label }) : fail(404, "Not Found");
        }),
      ),
      http.post(`${repo}/labels`, ({ request }) =>
        this.#guard(request, async () => {
          const body = (await request.json()) as {
            name: string;
            color: string;
            description?: string;
          };
          if (this.labels.has(body.name)) return fail(422, "Validation Failed", "already_exists");
          this.labels.set(body.name, { color: body.color, description: body.description ?? "" });
          return HttpResponse.json(body, { status: 201 });
        }),
      ),
      http.get(`${repo}/issues`, ({ request }) =>
        this.#guard(request, () => {
          const url = new URL(request.url);
          const wanted = (url.searchParams.get("labels") ?? "").split(",").filter(Boolean);
          const state = url.searchParams.get("state") ?? "open";
          const found = this.issues.filter(
            (i) =>
              (state === "all" || i.state === state) && wanted.every((l) => i.labels.includes(l)),
          );
          return this.#page(
            url,
            found.map((i) => this.#issueJson(i)),
          );
        }),
      ),
      http.post(`${repo}/issues`, ({ request }) =>
        this.#guard(request, async () => {
          const body = (await request.json()) as {
            title: string;
            body?: string;
            labels?: string[];
          };
          const number = this.open({
            title: body.title,
            body: body.body ?? "",
            labels: body.labels ?? [],
            user: "github-actions[bot]",
          });
          // GitHub makes a label it does not know yet when the author may push, as the token here may.
          for (const l of body.labels ?? [])
            if (!this.labels.has(l)) this.labels.set(l, { color: "ededed", description: "" });
          return HttpResponse.json(this.#issueJson(this.issue(number) as FakeIssue), {
            status: 201,
          });
        }),
      ),
      http.patch(`${repo}/issues/:number`, ({ request, params }) =>
        this.#guard(request, async () => {
          const issue = this.issue(Number(params.number));
          if (!issue) return fail(404, "Not Found");
          const body = (await request.json()) as Partial<
            Pick<FakeIssue, "title" | "body" | "state">
          >;
          Object.assign(issue, body);
          return HttpResponse.json(this.#issueJson(issue));
        }),
      ),
      http.get(`${repo}/issues/:number/comments`, ({ request, params }) =>
        this.#guard(request, () => {
          const number = Number(params.number);
          if (!this.issue(number)) return fail(404, "Not Found");
          const found = this.comments
            .filter((c) => c.issue === number)
            .map((c) => this.#commentJson(c));
          return this.#page(new URL(request.url), found);
        }),
      ),
      http.post(`${repo}/issues/:number/comments`, ({ request, params }) =>
        this.#guard(request, async () => {
          const number = Number(params.number);
          if (!this.issue(number)) return fail(404, "Not Found");
          const body = (await request.json()) as { body: string };
          const id = this.comment(number, body.body, "github-actions[bot]");
          return HttpResponse.json(
            this.#commentJson(this.comments.find((c) => c.id === id) as FakeComment),
            {
              status: 201,
            },
          );
        }),
      ),
      http.patch(`${repo}/issues/comments/:id`, ({ request, params }) =>
        this.#guard(request, async () => {
          const comment = this.comments.find((c) => c.id === Number(params.id));
          if (!comment) return fail(404, "Not Found");
          comment.body = ((await request.json()) as { body: string }).body;
          return HttpResponse.json(this.#commentJson(comment));
        }),
      ),
    ];
  }

  async #guard(request: Request, handle: () => Response | Promise<Response>): Promise<Response> {
    const url = new URL(request.url);
    this.requests.push(
      `${request.method} ${url.pathname.replace(`/repos/${this.owner}/${this.repo}`, "")}`,
    );
    const body =
      request.method === "GET"
        ? undefined
        : ((await request
            .clone()
            .json()
            .catch(() => "(not JSON)")) as unknown);
    const apiPath = url.pathname.slice(new URL(this.apiUrl).pathname.replace(/\/$/, "").length);
    const problems = restProblems(request.method, apiPath, url.searchParams, body);
    if (problems.length > 0) {
      this.violations.push(...problems);
      return fail(422, problems.join("; "));
    }
    if (!request.headers.get("authorization")) return fail(401, "Requires authentication");
    if (this.readOnly && request.method !== "GET")
      return fail(403, "Resource not accessible by integration");
    return handle();
  }

  #page(url: URL, all: unknown[]): Response {
    const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), 100);
    const page = Number(url.searchParams.get("page") ?? 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return HttpResponse.json(items, { headers });
  }

  #issueJson(issue: FakeIssue) {
    const html = `https://github.com/${this.owner}/${this.repo}/${issue.pullRequest ? "pull" : "issues"}/${issue.number}`;
    return {
      id: 5000 + issue.number,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: issue.labels.map((name) => ({ name })),
      user: { login: issue.user, type: issue.user.endsWith("[bot]") ? "Bot" : "User" },
      html_url: html,
      ...(issue.pullRequest ? { pull_request: { url: html } } : {}),
    };
  }

  #commentJson(comment: FakeComment) {
    return {
      id: comment.id,
      body: comment.body,
      user: { login: comment.user, type: comment.user.endsWith("[bot]") ? "Bot" : "User" },
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${comment.issue}#issuecomment-${comment.id}`,
    };
  }
}

/**
 * Docket's Octokit without the throttling plugin's spacing: it keeps requests that notify people (issues,
 * comments) three seconds apart, as GitHub asks, and tests count requests, not seconds. Retries stay on.
 */
export function issuesOctokit(): DocketOctokit {
  return new DocketOctokit({
    auth: "test-token",
    throttle: { enabled: false },
    retry: { retryAfterBaseValue: 1 },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}

function fail(status: number, message: string, code?: string): Response {
  return HttpResponse.json(
    {
      message,
      documentation_url: "https://docs.github.com/rest",
      ...(code ? { errors: [{ resource: "Label", code, field: "name" }] } : {}),
      status: String(status),
    },
    { status },
  );
}
