import { casePageHandler } from "../case-page/case-page-runtime.ts";
import { ConfigError } from "../errors.ts";
import type { IntakeFunction } from "./intake-function.ts";
import { serverlessRuntime } from "./intake-function.ts";
import { dispatch } from "../dispatch/dispatch.ts";
import { dispatchDeps } from "../runtime.ts";

/**
 * The complainant's page as a serverless function, beside the intake
 * function: GitHub, Resend and `DOCKET_PAGE_KEY` (the key that makes and
 * checks the personal links; the same for every sender of letters) are
 * required.
 */
export async function createCasePageFunction(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<IntakeFunction> {
  if (!env.DOCKET_PAGE_KEY)
    throw new ConfigError("DOCKET_PAGE_KEY is required for the complainant's page");
  const runtime = await serverlessRuntime(env, cwd);
  const handler = casePageHandler(runtime, {
    deliver: async (path) => {
      await dispatch(dispatchDeps(runtime), { only: [path] });
    },
    log: (message) => console.error(message),
  });
  if (!handler) throw new ConfigError("DOCKET_PAGE_KEY is required for the complainant's page");
  return handler;
}
