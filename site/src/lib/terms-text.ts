import type { TermSpec } from "../../../automation/domain/terms.ts";
import type { Language } from "./routes.ts";

const UNITS: Record<Language, Record<TermSpec["unit"], [one: string, many: string]>> = {
  nl: {
    working_day: ["werkdag", "werkdagen"],
    day: ["dag", "dagen"],
    week: ["week", "weken"],
    month: ["maand", "maanden"],
  },
  en: {
    working_day: ["working day", "working days"],
    day: ["day", "days"],
    week: ["week", "weeks"],
    month: ["month", "months"],
  },
};

/** A term of the policy in words: "5 werkdagen", "1 week", "1 month". */
export function termText(spec: TermSpec, language: Language): string {
  const [one, many] = UNITS[language][spec.unit];
  return `${spec.count} ${spec.count === 1 ? one : many}`;
}
