import { isIsoDate } from "../domain/calendar.ts";
import { UsageError } from "./command.ts";

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 time with offset from an option, or undefined when the option is absent. */
export function parseInstantOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (!INSTANT.test(value) || !isIsoDate(value.slice(0, 10)) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `${name} "${value}" is not an ISO 8601 time with offset, e.g. 2026-11-24T09:13:05+01:00`,
    );
  }
  return new Date(value);
}
