/** A broken rule, as a value: where it is and what a handler can do about it. */
export interface Violation {
  /** Path of the file, relative to the repository root. */
  file: string;
  /** 1-based line the problem is on (1 when it concerns the whole file). */
  line: number;
  /** The frontmatter field concerned, as `judgement.reasoning` or `staff_involved[0].summary`. */
  field?: string;
  rule: RuleCode;
  message: string;
}

export const RULES = {
  syntax: "The file is a dossier: YAML frontmatter between --- lines, then Markdown.",
  schema: "The frontmatter matches the dossier format (dossiers/README.md).",
  yaml_text:
    "Free text reaches every reader whole: text YAML would cut short or read otherwise is in quotes.",
  path: "A dossier lives at dossiers/<YYYY>/<ID>/dossier.md.",
  id: "The id is <prefix>-<YYYY>-<NNNN>, of the year of receipt.",
  category: "The category is one of the configured categories.",
  complaint_text: "The complainant's words stand fenced under ## Klacht.",
  status_requires: "A status needs the fields that make it true.",
  insurer_gate:
    "§1.5: with possible liability, no hearing, judgement or closing before the insurer is consulted.",
  hearing_gate:
    "§1.4: every staff member involved has a written summary before the judgement, and is never removed once asked.",
  judgement_complete:
    "§1.6: a written judgement has every item the letter needs, dated no later than today.",
  delay: "§1.6: a delay names a reason and a date after the judgement term.",
  terms: "The terms are those the policy gives for the receipt time.",
  transition:
    "Open statuses move freely (never back to received); judged goes back to in_progress or on to closed; closed and withdrawn are final.",
  immutable:
    "id, received_at, channel, terms, the complainant's words and the times letters went out never change.",
  deleted: "Dossiers are never deleted or moved.",
  correspondence: "Only Docket adds to correspondence/; nothing there is changed or deleted.",
  attachments: "Attachments are never changed or deleted.",
} as const;

export type RuleCode = keyof typeof RULES;

/** `file:line: field: message`, for people. */
export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}: ${v.field ? `${v.field}: ` : ""}${v.message} [${v.rule}]`;
}

/** A GitHub Actions `::error` workflow command, escaped so text cannot end it early. */
export function formatAnnotation(v: Violation): string {
  const property = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const title = v.field ? `${v.field} (${v.rule})` : v.rule;
  return `::error file=${property(v.file)},line=${v.line},title=${property(title)}::${escapeData(v.message)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Stable order: by file, then line. */
export function sortViolations(list: Violation[]): Violation[] {
  return list.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
