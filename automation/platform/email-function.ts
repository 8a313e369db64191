import { ConfigError } from "../errors.ts";
import { createEmailWebhook } from "../intake/email-webhook.ts";
import { createResendInbound } from "../intake/resend-inbound.ts";
import { deliverWith, serverlessRuntime, type IntakeFunction } from "./intake-function.ts";

/** Resend's `email.received` webhook as a serverless function (complaints by e-mail, §1.1). */
export async function createEmailFunction(
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<IntakeFunction> {
  if (!env.RESEND_WEBHOOK_SECRET)
    throw new ConfigError("RESEND_WEBHOOK_SECRET is required for the e-mail channel");
  const runtime = await serverlessRuntime(env, cwd);
  return createEmailWebhook({
    config: runtime.config,
    calendar: runtime.context.calendar,
    store: runtime.store,
    clock: () => new Date(),
    deliver: deliverWith(runtime),
    fetchReceivedEmail: createResendInbound({ apiKey: env.RESEND_API_KEY ?? "" }),
    webhookSecret: env.RESEND_WEBHOOK_SECRET,
    caseLinks: runtime.caseLinks,
    log: (message) => console.error(message),
  });
}
