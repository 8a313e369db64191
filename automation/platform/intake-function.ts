import { dispatch } from "../dispatch/dispatch.ts";
import { ConfigError } from "../errors.ts";
import { createIntakeHandler, type IntakeContext } from "../intake/intake-handler.ts";
import { allowedOrigins } from "../intake/allowed-origins.ts";
import { createRateLimiter } from "../intake/rate-limit.ts";
import { buildRuntime, dispatchDeps, type Runtime } from "../runtime.ts";
import type { FiledDossier } from "../store/dossier-store.ts";

export type IntakeFunction = (request: Request, context: IntakeContext) => Promise<Response>;

/**
 * The intake function for a serverless platform, built once per instance
 * from the environment. A serverless instance has no lasting disk, so it
 * needs GitHub (`GITHUB_REPOSITORY` and credentials) and Resend.
 */
export async function createIntakeFunction(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<IntakeFunction> {
  if (!env.GITHUB_REPOSITORY)
    throw new ConfigError("GITHUB_REPOSITORY is required on a serverless platform");
  if (!env.RESEND_API_KEY)
    throw new ConfigError("RESEND_API_KEY is required on a serverless platform");
  const runtime = await serverlessRuntime(env, cwd);
  return createIntakeHandler({
    config: runtime.config,
    calendar: runtime.context.calendar,
    store: runtime.store,
    clock: () => new Date(),
    // Per instance: a platform's own rate limiting (or a WAF) should stand in front as well.
    rateLimiter: createRateLimiter({ burst: 10, perMinute: 5, now: () => Date.now() }),
    allowedOrigins: allowedOrigins(env),
    deliver: deliverWith(runtime),
    log: (message) => console.error(message),
  });
}

/** The runtime on a platform without a lasting disk: GitHub and Resend are required. */
export async function serverlessRuntime(env: NodeJS.ProcessEnv, cwd: string): Promise<Runtime> {
  if (!env.GITHUB_REPOSITORY)
    throw new ConfigError("GITHUB_REPOSITORY is required on a serverless platform");
  if (!env.RESEND_API_KEY)
    throw new ConfigError("RESEND_API_KEY is required on a serverless platform");
  return buildRuntime(env, cwd);
}

/** Sends a new dossier's letters right away; what fails is left to `docket dispatch`. */
export function deliverWith(runtime: Runtime): (filed: FiledDossier) => Promise<void> {
  return async (filed) => {
    await dispatch(dispatchDeps(runtime), { only: [filed.path] });
  };
}
