import { parse, parseDocument, visit } from "yaml";
import { splitDossier } from "../../automation/domain/dossier-text.ts";

/**
 * The frontmatter of `text` as a YAML 1.1 reader (PyYAML and many tools) and
 * a YAML 1.2 reader see it, with dates and times a 1.1 reader makes of
 * date fields turned back into their text: the two must be equal.
 */
export function readersDiffer(text: string): { yaml12: unknown; yaml11: unknown } | undefined {
  const { frontmatter } = splitDossier(text);
  const yaml12 = parse(frontmatter) as unknown;
  const doc = parseDocument(frontmatter, { version: "1.1" });
  const yaml11 = doc.toJS() as unknown;
  // The yaml package's 1.1 schema reads a plain = or << as text; YAML 1.1 itself
  // (PyYAML) reserves them as its value and merge keys and refuses the file.
  const reserved: unknown[] = [];
  visit(doc, {
    Scalar: (_key, node) => {
      if (node.type === "PLAIN" && (node.source === "=" || node.source === "<<"))
        reserved.push(node.source);
    },
  });
  if (reserved.length > 0) return { yaml12, yaml11: { reserved } };
  return same(yaml12, yaml11) ? undefined : { yaml12, yaml11 };
}

function same(a: unknown, b: unknown): boolean {
  if (b instanceof Date) {
    // A 1.1 reader's timestamp for the text a 1.2 reader keeps: the same instant or day.
    if (typeof a !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(a)) return false;
    return a.length === 10 ? b.toISOString().slice(0, 10) === a : b.getTime() === Date.parse(a);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => same(v, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}
