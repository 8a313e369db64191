import { extractComplaint } from "../domain/complaint-section.ts";
import { FrontmatterError, splitDossier } from "../domain/dossier-text.ts";

/**
 * One version of a `dossier.md` as the audit compares it: its frontmatter
 * flattened to dotted paths, and the complainant's words. Pure.
 */
export interface DossierVersion {
  /** Frontmatter leaves by dotted path (`terms.judgement_due`, `staff_involved.0.name`), as JSON. */
  fields: Map<string, string>;
  /** The fenced text under `## Klacht`; undefined when the section cannot be read. */
  complaint?: string;
  body: string;
}

/** A version, or why it cannot be read (broken YAML, no frontmatter). */
export function readVersion(text: string): DossierVersion | { error: string } {
  let split;
  try {
    split = splitDossier(text);
  } catch (error) {
    if (error instanceof FrontmatterError) return { error: error.message };
    throw error;
  }
  const fields = new Map<string, string>();
  flatten(split.data, "", fields);
  const complaint = extractComplaint(split.body)?.text;
  return { fields, body: split.body, ...(complaint !== undefined ? { complaint } : {}) };
}

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0 && prefix) into.set(prefix, JSON.stringify(value));
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (prefix) into.set(prefix, JSON.stringify(value) ?? "null");
}

/** The dotted paths whose values differ: changed and added in `after`'s order, then removed. */
export function changedFields(
  before: ReadonlyMap<string, string> | undefined,
  after: ReadonlyMap<string, string>,
): string[] {
  const changed: string[] = [];
  for (const [path, value] of after) if (before?.get(path) !== value) changed.push(path);
  for (const path of before?.keys() ?? []) if (!after.has(path)) changed.push(path);
  return changed;
}

/** A leaf's value, parsed back from JSON; undefined when absent. */
export function fieldValue(version: DossierVersion, path: string): unknown {
  const json = version.fields.get(path);
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}

/** A leaf that should be a string, or undefined. */
export function stringField(version: DossierVersion, path: string): string | undefined {
  const value = fieldValue(version, path);
  return typeof value === "string" ? value : undefined;
}

/** The fields that never change (SPEC §5) among `paths`. */
export function immutableFields(paths: readonly string[]): string[] {
  return paths.filter(
    (p) => p === "id" || p === "received_at" || p === "terms" || p.startsWith("terms."),
  );
}
