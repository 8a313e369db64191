import { createCalendar } from "../domain/calendar.ts";
import type { ChangeContext } from "../domain/check-change.ts";
import type { DocketConfig } from "./config-schema.ts";

/** What the domain's rules need of the configuration. */
export function ruleContext(config: DocketConfig): ChangeContext {
  return {
    idPrefix: config.id_prefix,
    timeZone: config.timezone,
    categories: config.categories.map((c) => c.id),
    policy: config.policy,
    calendar: createCalendar({ closingDays: config.closing_days.map((d) => d.date) }),
  };
}
