import type { RateLimiter } from "../intake/rate-limit.ts";
import { CASE_PAGE_PREFIX, type PageLanguage } from "./case-link.ts";

/** `/zaak/<ID>/<token>[/aanvullen|/intrekken]` and `/en/case/<ID>/<token>[/add|/withdraw]`. */
const ROUTE =
  /^\/(zaak|en\/case)\/([^/]{0,40})\/([^/]{0,64})(?:\/(aanvullen|intrekken|add|withdraw))?\/?$/;

const ACTIONS: Record<PageLanguage, Record<string, "add" | "withdraw">> = {
  nl: { aanvullen: "add", intrekken: "withdraw" },
  en: { add: "add", withdraw: "withdraw" },
};

export interface CaseRoute {
  language: PageLanguage;
  /** As given: checked against the store and the link, not here. */
  id: string;
  token: string;
  /** `page`, an action, or undefined for a path that is no page at all (answered as a wrong link). */
  action: "page" | "add" | "withdraw" | undefined;
}

/** Whether a path is the complainant's page (so a server sends it here). */
export function isCasePagePath(pathname: string): boolean {
  return pathname.startsWith(CASE_PAGE_PREFIX.nl) || pathname.startsWith(CASE_PAGE_PREFIX.en);
}

/** The parts of a page's path; every path under the prefixes gives an id and token to check. Pure. */
export function parseCaseRoute(pathname: string): CaseRoute {
  const language: PageLanguage = pathname.startsWith(CASE_PAGE_PREFIX.en) ? "en" : "nl";
  const match = ROUTE.exec(pathname);
  const named = match?.[4];
  const action = !match ? undefined : named === undefined ? "page" : ACTIONS[language][named];
  return { language, id: match?.[2] ?? "", token: match?.[3] ?? "", action };
}

/**
 * Links that open nothing, per client: once a client has spent its bucket, every request to the page
 * is refused until it refills, the right link included.
 */
export function createLinkGuard(limiter: RateLimiter) {
  const blocked = new Map<string, number>();
  return {
    /** Seconds the client must wait, or 0. */
    waitFor(client: string, now: number): number {
      const until = blocked.get(client);
      if (until === undefined) return 0;
      if (until > now) return Math.ceil((until - now) / 1000);
      blocked.delete(client);
      return 0;
    },
    /** A link from this client opened nothing. */
    failed(client: string, now: number): void {
      const taken = limiter.take(client);
      if (!taken.ok) blocked.set(client, now + taken.retryAfterSeconds * 1000);
      if (blocked.size > 10_000) {
        for (const [key, until] of blocked) if (until <= now) blocked.delete(key);
      }
    },
  };
}
