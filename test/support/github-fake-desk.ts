import { getResponse, http, HttpResponse, type RequestHandler } from "msw";
import type { Route } from "playwright-core";
import { restProblems } from "./github-contract.ts";
import type { GitHubFake } from "./github-fake.ts";

/**
 * The REST endpoints Decap CMS's GitHub backend uses for the desk's
 * editorial workflow (a branch, a commit, a pull request and its labels per
 * saved entry), on the state of a `GitHubFake`, held to GitHub's OpenAPI
 * description like the rest of the fake: a request GitHub would refuse is
 * refused and recorded in `fake.violations`. `route` serves them to a page in
 * Chromium; a request nothing here answers fails the test (`unhandled`).
 */
export interface PullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
}

export function deskGitHub(fake: GitHubFake, user: { login: string; name: string }) {
  const api = fake.apiUrl;
  const repo = `${api}/repos/${fake.owner}/${fake.repo}`;
  const pulls: PullRequest[] = [];
  const unhandled: string[] = [];
  const git = fake.git;
  const json = (body: unknown, status = 200) =>
    HttpResponse.json(body as Record<string, unknown>, { status });
  const ref = (name: string) => git.refs.get(`heads/${name}`);
  const commitJson = (sha: string) => {
    const c = git.commit(sha);
    return {
      sha,
      tree: { sha: c?.tree },
      parents: (c?.parents ?? []).map((p) => ({ sha: p })),
      message: c?.message,
    };
  };
  const pullJson = (p: PullRequest) => ({
    number: p.number,
    state: p.state,
    title: p.title,
    body: p.body,
    head: {
      ref: p.head,
      sha: ref(p.head),
      label: `${fake.owner}:${p.head}`,
      repo: { full_name: `${fake.owner}/${fake.repo}` },
    },
    base: { ref: p.base, sha: ref(p.base) },
    labels: p.labels.map((name) => ({ name })),
    user: { login: user.login },
    updated_at: "2026-11-29T10:00:00Z",
  });
  /** Resolves `main:dossiers` or a sha to a tree. */
  const treeOf = (treeish: string): string | undefined => {
    const [rev = "", path] = treeish.split(":");
    const commit = ref(rev) ?? (git.commit(rev) ? rev : undefined);
    let tree = commit ? git.commit(commit)?.tree : git.tree(rev) ? rev : undefined;
    for (const part of path ? path.split("/").filter(Boolean) : []) {
      tree = git.tree(tree ?? "")?.find((e) => e.name === part && e.type === "tree")?.sha;
    }
    return tree;
  };

  const handlers: RequestHandler[] = [
    http.get(`${api}/user`, () => json({ login: user.login, name: user.name, avatar_url: "" })),
    http.get(repo, () =>
      json({
        name: fake.repo,
        full_name: `${fake.owner}/${fake.repo}`,
        owner: { login: fake.owner },
        private: true,
        default_branch: "main",
        permissions: { admin: false, push: true, pull: true },
      }),
    ),
    http.get(`${repo}/branches/:branch`, ({ params }) => {
      const sha = ref(String(params.branch));
      return sha
        ? json({ name: params.branch, commit: commitJson(sha) })
        : json({ message: "Branch not found" }, 404);
    }),
    http.get(`${repo}/git/trees/*`, ({ request }) => {
      const url = new URL(request.url);
      const treeish = decodeURIComponent(
        url.pathname.slice(`${new URL(repo).pathname}/git/trees/`.length),
      );
      const tree = treeOf(treeish);
      if (!tree) return json({ message: "Not Found" }, 404);
      const recursive = new URL(request.url).searchParams.has("recursive");
      const entries = recursive
        ? [...git.walk(tree)]
        : (git.tree(tree) ?? []).map((e) => ({ ...e, path: e.name }));
      return json({
        sha: tree,
        truncated: false,
        tree: entries.map((e) => ({
          path: e.path,
          mode: e.mode,
          type: e.type,
          sha: e.sha,
          ...(e.type === "blob" ? { size: git.blob(e.sha)?.length } : {}),
        })),
      });
    }),
    http.get(`${repo}/git/blobs/:sha`, ({ params }) => {
      const data = git.blob(String(params.sha));
      return data
        ? json({
            sha: params.sha,
            size: data.length,
            encoding: "base64",
            content: data.toString("base64"),
          })
        : json({ message: "Not Found" }, 404);
    }),
    http.get(`${repo}/commits`, () => json([])),
    http.get(`${repo}/pulls`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const head = query.get("head")?.split(":").pop();
      return json(
        pulls
          .filter((p) => p.state === (query.get("state") ?? "open") || query.get("state") === "all")
          .filter((p) => !head || p.head === head)
          .map(pullJson),
      );
    }),
    http.get(`${api}/users/:login`, ({ params }) =>
      params.login === user.login
        ? json({ login: user.login, name: user.name, avatar_url: "" })
        : json({ message: "Not Found" }, 404),
    ),
    http.get(`${repo}/compare/:basehead`, ({ params }) => {
      const [from = "", to = ""] = String(params.basehead).split("...");
      const base = ref(from) ?? from;
      const head = ref(to) ?? to;
      if (!git.commit(base) || !git.commit(head)) return json({ message: "Not Found" }, 404);
      const before = git.files(base);
      const after = git.files(head);
      const names = [...new Set([...before.keys(), ...after.keys()])].sort();
      const files = names
        .filter(
          (name) =>
            !before.get(name)?.equals(after.get(name) ?? Buffer.alloc(0)) || !after.has(name),
        )
        .map((filename) => ({
          filename,
          status: !before.has(filename) ? "added" : !after.has(filename) ? "removed" : "modified",
          sha: after.has(filename) ? git.putBlob(after.get(filename) ?? Buffer.alloc(0)) : null,
        }));
      const commits = [];
      for (
        let sha: string | undefined = head;
        sha && sha !== base;
        sha = git.commit(sha)?.parents[0]
      ) {
        commits.unshift({
          sha,
          commit: { message: git.commit(sha)?.message, author: { name: user.name } },
          parents: (git.commit(sha)?.parents ?? []).map((p) => ({ sha: p })),
        });
      }
      return json({
        status: "ahead",
        base_commit: { sha: base },
        merge_base_commit: { sha: base },
        ahead_by: commits.length,
        behind_by: 0,
        total_commits: commits.length,
        commits,
        files,
      });
    }),
    http.get(`${repo}/git/refs/meta/_decap_cms`, () => json({ message: "Not Found" }, 404)),
    http.get(`${repo}/commits/:ref/status`, () => json({ state: "pending", statuses: [] })),
    http.post(`${repo}/git/blobs`, async ({ request }) => {
      const body = (await request.json()) as { content: string; encoding?: string };
      const sha = git.putBlob(
        Buffer.from(body.content, body.encoding === "base64" ? "base64" : "utf8"),
      );
      return json({ sha, url: `${repo}/git/blobs/${sha}` }, 201);
    }),
    http.post(`${repo}/git/trees`, async ({ request }) => {
      const body = (await request.json()) as {
        base_tree?: string;
        tree: { path: string; mode: string; type: "blob" | "tree"; sha: string | null }[];
      };
      const sha = git.editTree(body.base_tree, body.tree);
      return json({ sha, tree: [], truncated: false }, 201);
    }),
    http.post(`${repo}/git/commits`, async ({ request }) => {
      const body = (await request.json()) as { message: string; tree: string; parents: string[] };
      const sha = git.putCommit({ tree: body.tree, parents: body.parents, message: body.message });
      return json(
        { ...commitJson(sha), author: { name: user.name }, committer: { name: user.name } },
        201,
      );
    }),
    http.post(`${repo}/git/refs`, async ({ request }) => {
      const body = (await request.json()) as { ref: string; sha: string };
      const name = body.ref.replace(/^refs\//, "");
      if (git.refs.has(name)) return json({ message: "Reference already exists" }, 422);
      git.refs.set(name, body.sha);
      return json({ ref: body.ref, object: { sha: body.sha, type: "commit" } }, 201);
    }),
    http.patch(`${repo}/git/refs/:type/*`, async ({ request, params }) => {
      const body = (await request.json()) as { sha: string };
      const name = `${String(params.type)}/${decodeURIComponent(String((params as Record<string, string>)["0"]))}`;
      git.refs.set(name, body.sha);
      return json({ ref: `refs/${name}`, object: { sha: body.sha, type: "commit" } });
    }),
    http.post(`${repo}/pulls`, async ({ request }) => {
      const body = (await request.json()) as {
        title: string;
        body?: string;
        head: string;
        base: string;
      };
      const pull: PullRequest = {
        number: pulls.length + 1,
        head: body.head.split(":").pop() ?? body.head,
        base: body.base,
        title: body.title,
        body: body.body ?? "",
        labels: [],
        state: "open",
      };
      pulls.push(pull);
      return json(pullJson(pull), 201);
    }),
    http.put(`${repo}/issues/:number/labels`, async ({ request, params }) => {
      const body = (await request.json()) as { labels: string[] };
      const pull = pulls.find((p) => p.number === Number(params.number));
      if (!pull) return json({ message: "Not Found" }, 404);
      pull.labels = body.labels;
      return json(body.labels.map((name) => ({ name })));
    }),
  ];

  /** Answers a request the page makes to GitHub's API, as GitHub would. */
  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const body =
      request.method === "GET"
        ? undefined
        : await request
            .clone()
            .json()
            .catch(() => undefined);
    const problems = restProblems(request.method, url.pathname, url.searchParams, body);
    if (problems.length > 0) {
      fake.violations.push(...problems);
      return Response.json({ message: problems.join("; ") }, { status: 422 });
    }
    const response = await getResponse(handlers, request);
    if (response) return response;
    unhandled.push(`${request.method} ${url.pathname}${url.search}`);
    return Response.json(
      { message: "the desk's GitHub fake has no answer for this" },
      { status: 501 },
    );
  }

  return {
    pulls,
    unhandled,
    /** For `page.route("https://api.github.com/**", desk.route)`. */
    async route(route: Route): Promise<void> {
      const sent = route.request();
      const request = new Request(sent.url(), {
        method: sent.method(),
        headers: sent.headers(),
        ...(sent.method() === "GET" || sent.method() === "HEAD"
          ? {}
          : { body: sent.postDataBuffer() ?? "" }),
      });
      const response = await answer(request);
      const headers: Record<string, string> = { "access-control-allow-origin": "*" };
      response.headers.forEach((value, key) => (headers[key] = value));
      await route.fulfill({
        status: response.status,
        headers,
        body: Buffer.from(await response.arrayBuffer()),
      });
    },
  };
}
