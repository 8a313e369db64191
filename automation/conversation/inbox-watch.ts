import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { receiveMail, type ReceiveDeps } from "./receive-mail.ts";
import { takeInbox } from "./inbox.ts";

/**
 * `docket serve`'s inbox: `DOCKET_INBOX` (default `.docket/inbox`) on the
 * embedded default, or whenever `DOCKET_INBOX` is set. Looks every
 * `every` ms (DOCKET_INBOX_SECONDS) and takes in what is there, one round
 * at a time. Returns the folder, and `stop` (which waits for a round in
 * flight), or undefined when there is no inbox.
 */
export function watchInbox(options: {
  env: NodeJS.ProcessEnv;
  /** Milliseconds between looks. */
  every: number;
  cwd: string;
  local: boolean;
  deps: ReceiveDeps;
  deliver: (dossierPath: string) => Promise<void>;
  log: (message: string) => void;
}): { dir: string; stop: () => Promise<void> } | undefined {
  const { env, cwd, deps, log } = options;
  if (!options.local && !env.DOCKET_INBOX) return undefined;
  const dir = resolve(cwd, env.DOCKET_INBOX ?? ".docket/inbox");
  mkdirSync(dir, { recursive: true });
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const round = () => {
    if (busy) return;
    busy = true;
    running = takeInbox({
      dir,
      receive: (raw, emailId, receivedAt) => receiveMail(deps, { raw, emailId, receivedAt }),
      deliver: options.deliver,
      log,
    })
      .catch((error: unknown) => log(`inbox: ${String(error)}`))
      .finally(() => {
        busy = false;
      });
  };
  round();
  const timer = setInterval(round, options.every);
  return {
    dir,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
