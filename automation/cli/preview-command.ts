import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  DECAP_PULL_REQUEST_BODY,
  deskCase,
  deskPullRequestBody,
} from "../desk/desk-pull-request.ts";
import { dispatch } from "../dispatch/dispatch.ts";
import { ConfigError } from "../errors.ts";
import { createGitHubIssues, githubRepository } from "../github/github-issues.ts";
import { publishPreview, pullRequestNumber, renderPreview } from "../github/pr-preview.ts";
import { createOctokit } from "../store/github-octokit.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { parseInstantOption } from "./instant-option.ts";
import { REPO_HELP, REPO_OPTION } from "./repo-option.ts";
import { runtimeFor } from "./runtime-option.ts";
import { dispatchDeps } from "../runtime.ts";

export const previewCommand: Command = {
  name: "preview",
  summary: "preview the letters a pull request's merge will send, as a PR comment",
  help: `Usage: docket preview [--repo DIR] [--pr N] [--now ISO]

Works out, as docket dispatch --dry-run does, which letters the dossiers in
--repo are owed and have not had, renders them, and shows them: recipient
(partly masked), subject and text. Nothing is sent or committed.

On GitHub (GITHUB_REPOSITORY set, with GITHUB_TOKEN or a GitHub App) the
preview is ONE comment on the pull request, edited on later runs; --repo is
the pull request's checkout (--repo . in a workflow) and the number comes
from --pr, else from the pull_request event in GITHUB_EVENT_PATH. Anywhere
else, or without a pull request, the comment is printed.

Options:
${REPO_HELP}
  --pr N        the pull request to comment on (default: from GITHUB_EVENT_PATH)
  --now ISO     the time to render at (default: now)
  -h, --help    show this help

A pull request the handler's desk opened (branch cms/dossiers/…, with Decap
CMS's fixed body) gets .github/pull_request_template.md as its body, with the
case's id filled in, on the first run.

Exit codes: 0 previewed (dossiers that break a rule are listed, not previewed;
docket validate fails for them), 2 bad usage, configuration or no access.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      pr: { type: "string" },
      now: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.pr !== undefined && !/^[1-9]\d{0,9}$/.test(values.pr)) {
      throw new UsageError(`--pr must be a pull request number, e.g. 42; got "${values.pr}"`);
    }
    const onGitHub = Boolean(io.env.GITHUB_REPOSITORY);
    if (onGitHub && values.repo === undefined) {
      throw new UsageError("on GitHub, pass the pull request's checkout: --repo .");
    }
    const fixed = parseInstantOption("--now", values.now);
    const pr = values.pr !== undefined ? Number(values.pr) : fromEvent(io.env.GITHUB_EVENT_PATH);

    const { runtime, reader } = await runtimeFor(values.repo, io, { writes: false });
    const report = await dispatch(
      dispatchDeps(runtime, { ...(reader ? { reader } : {}), ...(fixed ? { now: fixed } : {}) }),
      { dryRun: true },
    );
    const body = renderPreview(report);
    const summary = `${report.sent.length} letter(s) would be sent, ${report.skipped.length} dossier(s) skipped.\n`;
    if (!onGitHub || pr === undefined) {
      io.stdout(body);
      io.stderr(
        `${summary}${onGitHub ? "No pull request (--pr or a pull_request event): printed only.\n" : ""}`,
      );
      return EXIT.ok;
    }
    const { owner, repo } = githubRepository(io.env);
    // A pull request the desk opened carries Decap's fixed body: give it the template, filled in, once.
    const desk = deskPullRequest(io.env.GITHUB_EVENT_PATH);
    if (desk && values.repo !== undefined) {
      const template = readTemplate(values.repo, io.cwd);
      if (template) {
        await createGitHubIssues({
          octokit: createOctokit(io.env),
          owner,
          repo,
          need: "pull-requests: write",
        }).updateIssue(desk.number, { body: deskPullRequestBody(template, desk.id) });
        io.stderr(`Pull request #${desk.number}: the template filled in for ${desk.id}\n`);
      }
    }
    const posted = await publishPreview({
      octokit: createOctokit(io.env),
      owner,
      repo,
      pullRequest: pr,
      body,
    });
    io.stderr(`${summary}Letters preview ${posted.outcome}: ${posted.url}\n`);
    return EXIT.ok;
  },
};

/** The number and case of a pull request the desk opened whose body is still Decap's. */
function deskPullRequest(path: string | undefined): { number: number; id: string } | undefined {
  if (!path) return undefined;
  try {
    const event = JSON.parse(readFileSync(path, "utf8")) as {
      pull_request?: { number?: number; body?: string | null; head?: { ref?: string } };
    };
    const pull = event.pull_request;
    const id = deskCase(pull?.head?.ref ?? "");
    return id && pull?.number && (pull.body ?? "").trim() === DECAP_PULL_REQUEST_BODY
      ? { number: pull.number, id }
      : undefined;
  } catch {
    return undefined;
  }
}

function readTemplate(repo: string, cwd: string): string | undefined {
  try {
    return readFileSync(join(resolve(cwd, repo), ".github", "pull_request_template.md"), "utf8");
  } catch {
    return undefined;
  }
}

function fromEvent(path: string | undefined): number | undefined {
  if (!path) return undefined;
  try {
    return pullRequestNumber(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(
      `GITHUB_EVENT_PATH names ${path}, which cannot be read: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
