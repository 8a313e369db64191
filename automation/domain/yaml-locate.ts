import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

export type FieldPath = readonly PropertyKey[];

/**
 * Finds the line of a field in YAML source, for messages that point at the
 * exact place. Parses lazily and once: only a failing check needs it.
 */
export function createLocator(
  source: string,
  firstLine = 1,
  parsed?: { contents: unknown },
): (path: FieldPath) => number {
  let doc = parsed;
  return (path) => {
    doc ??= parseDocument(source, { keepSourceTokens: false });
    return lineAt(source, offsetOf(doc.contents, path)) + firstLine - 1;
  };
}

/** The 1-based line of `offset` in `source`. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf("\n"); i !== -1 && i < offset; i = source.indexOf("\n", i + 1))
    line++;
  return line;
}

function offsetOf(root: unknown, path: FieldPath): number {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** `complainant.email`, `staff_involved[0].summary` */
export function formatPath(path: FieldPath): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === "number") return `${out}[${segment}]`;
    return out ? `${out}.${String(segment)}` : String(segment);
  }, "");
}
