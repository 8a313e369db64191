import { UsageError } from "./command.ts";

/** How often `docket serve` does its rounds, in milliseconds; retention 0 is off. */
export interface ServeIntervals {
  dispatch: number;
  watch: number;
  inbox: number;
  retention: number;
}

/** The longest interval a Node.js timer keeps (about 24.8 days); a longer one would fire at once. */
const LONGEST_MS = 2 ** 31 - 1;

/**
 * Reads DOCKET_DISPATCH_SECONDS, DOCKET_WATCH_SECONDS, DOCKET_INBOX_SECONDS
 * and DOCKET_RETENTION_HOURS once, at start-up: a value that is not a number,
 * too small or longer than a timer can wait is refused with the variable
 * named, instead of a timer that runs every millisecond.
 */
export function readServeIntervals(env: NodeJS.ProcessEnv, local: boolean): ServeIntervals {
  return {
    dispatch: interval(env, "DOCKET_DISPATCH_SECONDS", 60, 1000, 0.1),
    watch: interval(env, "DOCKET_WATCH_SECONDS", local ? 2 : 60, 1000, 0.1),
    inbox: interval(env, "DOCKET_INBOX_SECONDS", 1, 1000, 0.1),
    retention: interval(env, "DOCKET_RETENTION_HOURS", 24, 3_600_000, 0.01, true),
  };
}

function interval(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  unitMs: number,
  least: number,
  zeroIsOff = false,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback * unitMs;
  const value = Number(raw);
  if (zeroIsOff && value === 0) return 0;
  const unit = unitMs === 1000 ? "seconds" : "hours";
  const most = Math.floor(LONGEST_MS / unitMs);
  if (!Number.isFinite(value) || value < least || value > most) {
    throw new UsageError(
      `${name} must be a number of ${unit} from ${least} to ${most}${zeroIsOff ? " (0 turns it off)" : ""}, e.g. ${fallback}; got "${raw}"`,
    );
  }
  return value * unitMs;
}
