import type { TermSpec } from "../../../automation/domain/terms.ts";
import { formatTerm } from "../../../automation/letters/letter-format.ts";
import type { Language } from "./routes.ts";

/** A term of the policy in words: "5 werkdagen", "1 week", "1 month" (the letters' own wording). */
export function termText(spec: TermSpec, language: Language): string {
  return formatTerm(spec, language);
}
