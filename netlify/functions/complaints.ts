// Netlify Functions (web standard): POST /api/complaints on GitHub and Resend.
// Deployment: see "Deploying" in the README.
import {
  createIntakeFunction,
  type IntakeFunction,
} from "../../automation/platform/intake-function.ts";

interface NetlifyContext {
  ip: string;
  waitUntil(promise: Promise<unknown>): void;
}

let handler: Promise<IntakeFunction> | undefined;

export default async function complaints(
  request: Request,
  context: NetlifyContext,
): Promise<Response> {
  handler ??= createIntakeFunction(process.env, process.cwd());
  const handle = await handler;
  return handle(request, { clientAddress: context.ip, defer: (work) => context.waitUntil(work) });
}

export const config = { path: "/api/complaints" };
