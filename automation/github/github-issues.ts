import { ConfigError, DocketError } from "../errors.ts";
import { isHttpFailure, type HttpFailure } from "../store/github-errors.ts";
import type { DocketOctokit } from "../store/github-octokit.ts";

/** What Docket keeps on GitHub besides the dossiers: the dashboard issue and pull request comments. */
export interface IssueRef {
  number: number;
  state: "open" | "closed";
  body: string;
  html_url: string;
}

export interface CommentRef {
  id: number;
  body: string;
  html_url: string;
}

/**
 * An issue or comment request that failed, wrapped once, here:
 * `github_unavailable` (no answer, a server error or a rate limit; try again later),
 * `github_access` (credentials or permissions), `github_rejected` (GitHub refused the request).
 */
export class GitHubIssuesError extends DocketError {
  readonly status: number;
  constructor(
    code: "github_unavailable" | "github_access" | "github_rejected",
    message: string,
    options: { cause: unknown; status: number },
  ) {
    super(code, message, { cause: options.cause });
    this.status = options.status;
  }
}

/** `GITHUB_REPOSITORY` as owner and name; a `ConfigError` when it is not `owner/repo`. */
export function githubRepository(env: NodeJS.ProcessEnv): { owner: string; repo: string } {
  const [owner, repo, extra] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo || extra !== undefined) {
    throw new ConfigError(
      `GITHUB_REPOSITORY must be owner/repo, e.g. acme/complaints; got "${env.GITHUB_REPOSITORY ?? ""}"`,
    );
  }
  return { owner, repo };
}

/**
 * The issues API as Docket uses it, on one repository. Every call's Octokit
 * failure becomes a `GitHubIssuesError` naming what was being done and the
 * permission it needs (`need`, e.g. "issues: write").
 */
export function createGitHubIssues(options: {
  octokit: DocketOctokit;
  owner: string;
  repo: string;
  need: string;
}) {
  const { octokit, owner, repo, need } = options;
  const where = `${owner}/${repo}`;
  const call = async <T>(action: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw wrap(error, `${action} on ${where}`, need);
    }
  };

  return {
    /** The lowest-numbered issue (not pull request) with `label` whose body starts with `marker`, open or closed. */
    findIssue: (label: string, marker: string) =>
      call(`listing issues labelled ${label}`, async () => {
        const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
          owner,
          repo,
          labels: label,
          state: "all",
          sort: "created",
          direction: "asc",
          per_page: 100,
        });
        const found = issues
          .filter((i) => !i.pull_request && (i.body ?? "").startsWith(marker))
          .sort((a, b) => a.number - b.number)[0];
        return found ? toIssue(found) : undefined;
      }),

    /** Creates `name` unless the repository has it. */
    ensureLabel: (name: string, color: string, description: string) =>
      call(`creating the label ${name}`, async () => {
        try {
          await octokit.rest.issues.getLabel({ owner, repo, name });
        } catch (error) {
          if (!isHttpFailure(error) || error.status !== 404) throw error;
          try {
            await octokit.rest.issues.createLabel({ owner, repo, name, color, description });
          } catch (creating) {
            // 422 already_exists: another run created it in between.
            if (!isHttpFailure(creating) || creating.status !== 422) throw creating;
          }
        }
      }),

    createIssue: (issue: { title: string; body: string; labels: string[] }) =>
      call("creating an issue", async () =>
        toIssue((await octokit.rest.issues.create({ owner, repo, ...issue })).data),
      ),

    updateIssue: (number: number, change: { body: string; state?: "open" }) =>
      call(`updating issue #${number}`, async () =>
        toIssue(
          (await octokit.rest.issues.update({ owner, repo, issue_number: number, ...change })).data,
        ),
      ),

    /** The first comment on issue or pull request `number` whose body starts with `marker`. */
    findComment: (number: number, marker: string) =>
      call(`listing the comments of #${number}`, async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: number,
          per_page: 100,
        });
        const found = comments.find((c) => (c.body ?? "").startsWith(marker));
        return found ? toComment(found) : undefined;
      }),

    createComment: (number: number, body: string) =>
      call(`commenting on #${number}`, async () =>
        toComment(
          (await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }))
            .data,
        ),
      ),

    updateComment: (id: number, body: string) =>
      call(`updating comment ${id}`, async () =>
        toComment(
          (await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body })).data,
        ),
      ),
  };
}

export type GitHubIssues = ReturnType<typeof createGitHubIssues>;

function toIssue(data: {
  number: number;
  state: string;
  body?: string | null;
  html_url: string;
}): IssueRef {
  return {
    number: data.number,
    state: data.state === "closed" ? "closed" : "open",
    body: data.body ?? "",
    html_url: data.html_url,
  };
}

function toComment(data: { id: number; body?: string | null; html_url: string }): CommentRef {
  return { id: data.id, body: data.body ?? "", html_url: data.html_url };
}

function wrap(error: unknown, action: string, need: string): unknown {
  if (error instanceof DocketError || !isHttpFailure(error)) return error;
  const { status } = error;
  const reason = error.response
    ? `${status} ${error.message.split("\n")[0]}`
    : `no answer: ${error.message}`;
  const options = { cause: error, status };
  if (status >= 500 || isRateLimited(error)) {
    return new GitHubIssuesError(
      "github_unavailable",
      `GitHub did not answer while ${action} (${reason}), also after retrying. Try again later.`,
      options,
    );
  }
  if (status === 401 || status === 403 || status === 404) {
    return new GitHubIssuesError(
      "github_access",
      `GitHub refused access while ${action} (${reason}). The token needs "${need}" on the repository: ` +
        `in a workflow, add it under permissions; for a GitHub App, to the App's permissions.`,
      options,
    );
  }
  return new GitHubIssuesError(
    "github_rejected",
    `GitHub rejected a request while ${action} (${reason}).`,
    options,
  );
}

function isRateLimited(error: HttpFailure): boolean {
  const headers = error.response?.headers ?? {};
  return (
    error.status === 429 ||
    (error.status === 403 &&
      (headers["retry-after"] !== undefined ||
        String(headers["x-ratelimit-remaining"]) === "0" ||
        /rate limit/i.test(error.message)))
  );
}
