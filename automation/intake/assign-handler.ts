import type { DocketConfig, Handler } from "../config/config-schema.ts";

/**
 * Who handles a new case (§1.2 names them in the acknowledgement). Round
 * robin goes by the dossier's number, so it needs no state and survives
 * restarts; by category picks in turn among the handlers of the category.
 */
export function assignHandler(config: DocketConfig, category: string, sequence: number): Handler {
  const candidates =
    config.assignment === "by_category"
      ? config.handlers.filter((h) => h.categories?.includes(category))
      : config.handlers;
  const pool = candidates.length > 0 ? candidates : config.handlers;
  const handler = pool[(sequence - 1) % pool.length];
  if (!handler) throw new Error("the configuration has no handlers");
  return handler;
}
