import type { DocketConfig } from "../config/config-schema.ts";
import type { ChangeContext } from "../domain/check-change.ts";
import { runRetention } from "./retention-run.ts";

/**
 * The scheduled retention run of `docket serve` on the embedded repository:
 * at start-up and then every `every` ms (DOCKET_RETENTION_HOURS, default 24;
 * 0 turns it off), in the server's one queue of work, so no dispatch round
 * commits while the history is rewritten. A run that is refused (a new
 * commit came in meanwhile) changes nothing and is tried again next time.
 */
export function startRetentionTimer(options: {
  root: string;
  config: DocketConfig;
  context: ChangeContext;
  /** Milliseconds between runs; 0: never. */
  every: number;
  serial: <T>(work: () => Promise<T>) => Promise<T>;
  log: (message: string) => void;
  /** The clock (a test's fixed time). */
  now?: () => Date;
}): { stop(): void; first: Promise<void> } {
  if (!(options.every > 0)) return { stop: () => undefined, first: Promise.resolve() };
  const run = () =>
    options
      .serial(() =>
        runRetention(options.root, {
          config: options.config,
          context: options.context,
          now: options.now?.() ?? new Date(),
          dryRun: false,
        }),
      )
      .then((report) => {
        if (report.outcome)
          options.log(
            `retention: erased ${report.outcome.erased.join(", ")} (${report.outcome.commits} commits rewritten); clones made before must be made again`,
          );
      })
      .catch((error: unknown) => options.log(`retention: ${(error as Error).message}`));
  const first = run();
  const timer = setInterval(run, options.every);
  timer.unref();
  return { stop: () => clearInterval(timer), first };
}
