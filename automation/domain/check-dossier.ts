import { localDate } from "./calendar.ts";
import { extractComplaint } from "./complaint-section.ts";
import { describeIssue } from "./describe-issue.ts";
import { dossierSchema, ID_PATTERN, type Dossier } from "./dossier-schema.ts";
import { FrontmatterError, splitDossier } from "./dossier-text.ts";
import { caseRules } from "./case-rules.ts";
import type { Violation } from "./violation.ts";
import { createLocator, formatPath, lineAt, type FieldPath } from "./yaml-locate.ts";
import { textHazards } from "./yaml-safety.ts";

/** What the rules need to know of the configuration. */
export interface RuleContext {
  idPrefix: string;
  timeZone: string;
  categories: readonly string[];
}

export interface CheckedDossier {
  file: string;
  dossier?: Dossier;
  /** The complainant's words and the line of their heading, when the section could be read. */
  complaint?: { text: string; line: number };
  /** Line of a frontmatter field, for messages. */
  lineOf: (path: FieldPath) => number;
  violations: Violation[];
}

const PATH_PATTERN = /(?:^|\/)dossiers\/(\d{4})\/([^/]+)\/dossier\.md$/;

/**
 * Checks one dossier file on its own: the format, text that YAML would cut
 * short or retype, and the rules a version must meet whatever came before
 * (`caseRules`). `now` is the time of the check: a judgement is not dated
 * after it. The rules of a change are in `checkChange`.
 */
export function checkDossier(
  file: string,
  text: string,
  context: RuleContext,
  now?: Date,
): CheckedDossier {
  const violations: Violation[] = [];
  const at = (rule: Violation["rule"], line: number, message: string, field?: string) =>
    violations.push({ file, line, rule, message, ...(field ? { field } : {}) });

  let split: ReturnType<typeof splitDossier>;
  try {
    split = splitDossier(text);
  } catch (error) {
    if (!(error instanceof FrontmatterError)) throw error;
    at("syntax", error.line, error.message);
    return { file, lineOf: () => 1, violations };
  }
  const lineOf = createLocator(split.frontmatter, 1, split.doc);
  const complaint = extractComplaint(split.body);
  if (!complaint) {
    at(
      "complaint_text",
      split.bodyLine,
      "the body needs a ## Klacht section with the complainant's words in a ~~~ fence right below it",
    );
  }

  const words = complaint
    ? { complaint: { text: complaint.text, line: split.bodyLine + complaint.headingLine } }
    : {};

  const hazards = split.doc ? textHazards(split.doc, split.frontmatter) : [];
  for (const hazard of hazards) {
    at(
      "yaml_text",
      lineAt(split.frontmatter, hazard.offset),
      hazard.message,
      formatPath(hazard.path),
    );
  }
  const parsed = dossierSchema.safeParse(split.data);
  if (!parsed.success) {
    const reported = new Set(hazards.map((h) => formatPath(h.path)));
    for (const { path, message } of parsed.error.issues.flatMap(describeIssue)) {
      if (reported.has(formatPath(path))) continue;
      at("schema", lineOf(path), message, formatPath(path) || undefined);
    }
    return { file, lineOf, violations, ...words };
  }
  const dossier = parsed.data;

  const match = PATH_PATTERN.exec(file);
  const id = ID_PATTERN.exec(dossier.id);
  if (!match) {
    at("path", 1, `a dossier must be at dossiers/<YYYY>/${dossier.id}/dossier.md`);
  } else if (match[2] !== dossier.id || match[1] !== id?.[2]) {
    at(
      "path",
      lineOf(["id"]),
      `the file is in ${match[1]}/${match[2]}/ but its id is ${dossier.id}`,
      "id",
    );
  }
  if (id?.[1] !== context.idPrefix) {
    at(
      "id",
      lineOf(["id"]),
      `the id must start with ${context.idPrefix}- (config id_prefix)`,
      "id",
    );
  }
  const receivedYear = localDate(dossier.received_at, context.timeZone).slice(0, 4);
  if (id && id[2] !== receivedYear) {
    at(
      "id",
      lineOf(["id"]),
      `the id's year ${id[2]} is not the year of receipt ${receivedYear}`,
      "id",
    );
  }
  if (!context.categories.includes(dossier.category)) {
    at(
      "category",
      lineOf(["category"]),
      `unknown category "${dossier.category}"; expected one of ${context.categories.join(", ")}`,
      "category",
    );
  }
  for (const finding of caseRules(dossier, {
    timeZone: context.timeZone,
    ...(now ? { now } : {}),
  })) {
    at(finding.rule, lineOf(finding.path), finding.message, formatPath(finding.path));
  }
  return { file, dossier, lineOf, violations, ...words };
}
