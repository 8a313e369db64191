import type { IntakeFunction } from "./intake-function.ts";

/** What Netlify passes a function (web standard, Functions v2). */
export interface NetlifyContext {
  ip: string;
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * A Netlify function from a handler built once per instance. A failed
 * start-up (a missing variable) is not cached: the next request tries again.
 */
export function netlifyFunction(
  create: (env: NodeJS.ProcessEnv, cwd: string) => Promise<IntakeFunction>,
): (request: Request, context: NetlifyContext) => Promise<Response> {
  let handler: Promise<IntakeFunction> | undefined;
  return async (request, context) => {
    handler ??= create(process.env, process.cwd()).catch((error: unknown) => {
      handler = undefined;
      throw error;
    });
    const handle = await handler;
    return handle(request, { clientAddress: context.ip, defer: (work) => context.waitUntil(work) });
  };
}
