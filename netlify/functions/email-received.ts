// Netlify Functions: Resend's email.received webhook at POST /api/email/received (§1.1 complaints by e-mail).
import { createEmailFunction } from "../../automation/platform/email-function.ts";
import type { IntakeFunction } from "../../automation/platform/intake-function.ts";

interface NetlifyContext {
  ip: string;
  waitUntil(promise: Promise<unknown>): void;
}

let handler: Promise<IntakeFunction> | undefined;

export default async function emailReceived(
  request: Request,
  context: NetlifyContext,
): Promise<Response> {
  handler ??= createEmailFunction(process.env, process.cwd());
  const handle = await handler;
  return handle(request, { clientAddress: context.ip, defer: (work) => context.waitUntil(work) });
}

export const config = { path: "/api/email/received" };
