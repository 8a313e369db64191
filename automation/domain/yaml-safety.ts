import { isMap, isNode, isPair, isScalar, isSeq, parse, type Document, type Scalar } from "yaml";

/**
 * YAML that cannot bite: free text that a YAML reader would cut short (an
 * unquoted ` #` starts a comment) or read as something else (`No` is false to
 * a YAML 1.1 reader, `12:30` is 750, `2026-12-01` a date) is found before it
 * reaches a letter, and Docket writes such values quoted, so that YAML 1.1
 * and 1.2 readers see the same text. Pure.
 */

/** Frontmatter keys whose values are free text: they go into letters word for word. */
export const TEXT_KEYS: ReadonlySet<string> = new Set([
  "summary",
  "name",
  "phone",
  "organisation",
  "request",
  "reason",
  "findings",
  "reasoning",
  "follow_up",
  "further_contact",
]);

const STRING_TAG = "tag:yaml.org,2002:str";

/** Keys whose values are dates or times, which a YAML 1.1 reader may read as such. */
const DATE_KEY = /(?:_at|_due|^date|^new_date)$/;
const ISO_DATE_OR_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** Plain text a YAML 1.1 reader might take for a boolean, number, date, null or merge key. */
const SUSPECT = /^(?:[-+.\d~=]|<<|[yYnNoOtTfF](?:[a-zA-Z]{0,4})$|null$|Null$|NULL$)/;

export interface TextHazard {
  path: (string | number)[];
  /** Offset of the value in the YAML source. */
  offset: number;
  message: string;
}

/** Values in `doc` (parsed from `source`) that would not reach a reader as written. */
export function textHazards(doc: Document, source: string): TextHazard[] {
  const hazards: TextHazard[] = [];
  walkValues(doc.contents, [], (node, path, key) => {
    // Other fields hold ids, dates and choices: the format check says what they expect.
    if (!TEXT_KEYS.has(key)) return;
    if (node.anchor || (node.tag && node.tag !== STRING_TAG)) {
      const word = node.anchor ? `&${node.anchor}` : node.tag;
      hazards.push({
        path,
        offset: node.range?.[0] ?? 0,
        message: `YAML reads "${word}" as a${node.anchor ? "n anchor" : " tag"}, not as text: it would be left out of ${key}. Put the whole text in quotes`,
      });
      return;
    }
    if (node.type !== "PLAIN") return;
    const offset = node.range?.[0] ?? 0;
    const end = node.range?.[1] ?? offset;
    const raw = source.slice(offset, end);
    const lineEnd = source.indexOf("\n", end);
    const restOfLine = source.slice(end, lineEnd === -1 ? source.length : lineEnd);
    if (restOfLine.includes("#")) {
      const cut = restOfLine.slice(restOfLine.indexOf("#"));
      hazards.push({
        path,
        offset,
        message: `the text after "#" would be left out (${key} reads only "${String(node.value)}", without "${cut.trim()}"): put the whole text in quotes`,
      });
      return;
    }
    if (typeof node.value !== "string") {
      hazards.push({
        path,
        offset,
        message: `${raw} is read as ${kindOf(node.value)}, not as text: put it in quotes, like ${key}: "${raw}"`,
      });
      return;
    }
    const older = readAsYaml11(node.value);
    if (older !== node.value) {
      hazards.push({
        path,
        offset,
        message: `a YAML 1.1 reader (many tools) reads ${raw} as ${kindOf(older)}: put it in quotes, like ${key}: "${raw}"`,
      });
    }
  });
  return hazards;
}

/**
 * Marks for double quotes every string that a YAML 1.1 or 1.2 reader would
 * read as something else when written plain. Dates and times in date fields
 * stay plain: there a reader's date is what is meant. Quoting a handler
 * already chose is left alone.
 */
export function quoteWhereMisread(doc: Document): void {
  // Values set through the Document API may still be plain JavaScript: make them nodes first.
  const nodes = (node: unknown): void => {
    if (!isMap(node) && !isSeq(node)) return;
    node.items.forEach((item, i) => {
      if (isPair(item)) {
        if (item.value !== null && !isNode(item.value)) item.value = doc.createNode(item.value);
        nodes(item.value);
      } else {
        if (item !== null && !isNode(item)) node.items[i] = doc.createNode(item);
        nodes(node.items[i]);
      }
    });
  };
  nodes(doc.contents);
  walkValues(doc.contents, [], (node, _path, key) => {
    if (typeof node.value !== "string" || (node.type && node.type !== "PLAIN")) return;
    if (!TEXT_KEYS.has(key) && DATE_KEY.test(key) && ISO_DATE_OR_TIME.test(node.value)) return;
    if (readAsYaml11(node.value) !== node.value) node.type = "QUOTE_DOUBLE";
  });
}

/** What a YAML 1.1 reader makes of `text` written plain; the text itself when it is plain text to it. */
export function readAsYaml11(text: string): unknown {
  if (text.includes("\n") || !SUSPECT.test(text)) return text;
  // YAML 1.1's value and merge keys: PyYAML and its kin refuse to read the file.
  if (text === "=" || text === "<<") return YAML11_KEY;
  try {
    return parse(text, { version: "1.1", prettyErrors: false }) as unknown;
  } catch {
    return text;
  }
}

/** What `readAsYaml11` gives for `=` and `<<`, which YAML 1.1 reserves as keys. */
const YAML11_KEY = Symbol("a YAML 1.1 key");

function kindOf(value: unknown): string {
  if (value === YAML11_KEY) return "a reserved key, and refuses the whole file";
  if (value === null) return "empty (null)";
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === "boolean") return value ? "true (yes)" : "false (no)";
  if (typeof value === "number") return `the number ${value}`;
  return `a ${typeof value}`;
}

/** Calls `visit` for every scalar value with its path and the key it is under. */
function walkValues(
  node: unknown,
  path: (string | number)[],
  visit: (node: Scalar, path: (string | number)[], key: string) => void,
  key = "",
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const name = String(isScalar(pair.key) ? pair.key.value : pair.key);
      walkValues(pair.value, [...path, name], visit, name);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walkValues(item, [...path, i], visit, key));
  } else if (isScalar(node)) {
    visit(node, path, key);
  }
}
