import { StoreUnavailableError } from "./dossier-store.ts";

type Headers = Record<string, string | number | undefined>;

/**
 * What GitHub last said about its rate limits, so that a spent limit is answered at once instead of asked
 * again (every request past the limit makes GitHub stricter) or waited for. Primary limits per resource
 * (`core` for REST, `graphql`) until their `x-ratelimit-reset`; a secondary limit's `retry-after` for all.
 */
export class RateGate {
  readonly #now: () => number;
  readonly #blocked = new Map<string, number>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Throws `StoreUnavailableError` with the seconds to wait when GitHub asked us to hold off. */
  check(resource: string, action: string): void {
    const until = Math.max(this.#blocked.get(resource) ?? 0, this.#blocked.get("*") ?? 0);
    const wait = until - this.#now();
    if (wait <= 0) return;
    throw new StoreUnavailableError(
      `GitHub's rate limit (${resource}) is spent until ${new Date(until).toISOString()}; not ${action} ` +
        `until then. Fewer requests: see docs/github.md.`,
      { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) },
    );
  }

  /** Reads an answer's headers. */
  observe(headers: Headers): void {
    const retryAfter = Number(headers["retry-after"]);
    if (Number.isFinite(retryAfter) && retryAfter > 0)
      this.#block("*", this.#now() + retryAfter * 1000);
    if (String(headers["x-ratelimit-remaining"]) === "0") this.spent(undefined, headers);
  }

  /** Marks a limit spent until the reset GitHub named (a minute when it named none). */
  spent(resource: string | undefined, headers: Headers): void {
    const name = String(headers["x-ratelimit-resource"] ?? resource ?? "*");
    const reset = Number(headers["x-ratelimit-reset"]);
    this.#block(name, Number.isFinite(reset) && reset > 0 ? reset * 1000 : this.#now() + 60_000);
  }

  #block(name: string, until: number): void {
    if (until > (this.#blocked.get(name) ?? 0)) this.#blocked.set(name, until);
  }
}
