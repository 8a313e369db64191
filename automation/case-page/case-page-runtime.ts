import { fileMail } from "../conversation/file-mail.ts";
import { createRateLimiter } from "../intake/rate-limit.ts";
import type { Runtime } from "../runtime.ts";
import { createCasePageHandler } from "./case-page-handler.ts";

export { isCasePagePath } from "./case-route.ts";

/**
 * The complainant's page on a runtime's store, or undefined when there is no
 * page key (on GitHub without `DOCKET_PAGE_KEY`). What the complainant adds
 * is filed by `fileMail`, the path of every mailed reply; `deliver` then
 * sends what the dossier is owed.
 */
export function casePageHandler(
  runtime: Runtime,
  options: { deliver: (dossierPath: string) => Promise<void>; log?: (message: string) => void },
) {
  if (!runtime.caseLinks) return undefined;
  const clock = () => new Date();
  const now = () => Date.now();
  return createCasePageHandler({
    config: runtime.config,
    context: runtime.context,
    store: runtime.store,
    links: runtime.caseLinks,
    clock,
    // Per client and per instance: a platform's own rate limiting should stand in front as well.
    actionLimiter: createRateLimiter({ burst: 10, perMinute: 5, now }),
    wrongLinkLimiter: createRateLimiter({ burst: 10, perMinute: 2, now }),
    fileMessage: async (id, raw) => {
      await fileMail(
        { store: runtime.store, config: runtime.config, clock, caseLinks: runtime.caseLinks },
        id,
        raw,
      );
    },
    deliver: options.deliver,
    ...(options.log ? { log: options.log } : {}),
  });
}
