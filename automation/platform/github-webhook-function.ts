import { dispatch } from "../dispatch/dispatch.ts";
import { ConfigError } from "../errors.ts";
import { createGitHubWebhook } from "../github/webhook.ts";
import { dispatchDeps } from "../runtime.ts";
import { serverlessRuntime, type IntakeFunction } from "./intake-function.ts";

/**
 * GitHub's webhook as a serverless function: a merged pull request or a push
 * to the dossiers' branch reconciles the letters of every dossier (as
 * `docket dispatch` does), after the answer. Needs `GITHUB_WEBHOOK_SECRET`
 * besides what the intake function needs.
 */
export async function createGitHubWebhookFunction(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<IntakeFunction> {
  if (!env.GITHUB_WEBHOOK_SECRET)
    throw new ConfigError("GITHUB_WEBHOOK_SECRET is required for the GitHub webhook");
  const runtime = await serverlessRuntime(env, cwd);
  const log = (message: string) => console.error(message);
  return createGitHubWebhook({
    secret: env.GITHUB_WEBHOOK_SECRET,
    branch: env.DOCKET_BRANCH ?? "main",
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    run: async () => {
      const report = await dispatch(dispatchDeps(runtime));
      for (const s of report.sent) log(`sent ${s.letter} for ${s.id}`);
      for (const f of report.failed) log(`not sent ${f.letter} for ${f.id}: ${f.reason}`);
      for (const s of report.skipped) log(`skipped ${s.file}`);
    },
    log,
  });
}
