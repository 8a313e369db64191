import { z } from "zod";

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

/**
 * A Markdown table of every field of a zod schema, from its `.describe()`
 * texts: the reference docs are generated, so they cannot drift from the code.
 */
export function schemaReference(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const rows = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"];
  walk(json, "", rows);
  return `${rows.join("\n")}\n`;
}

function walk(node: JsonSchema, prefix: string, rows: string[]): void {
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const need =
      child.default !== undefined
        ? `default \`${JSON.stringify(child.default)}\``
        : required.has(key)
          ? "yes"
          : "no";
    rows.push(
      `| \`${path}\` | ${typeOf(child)} | ${need} | ${cell(child.description ?? child.items?.description ?? "")} |`,
    );
    const object = child.properties ? child : child.items?.properties ? child.items : undefined;
    if (object) walk(object, child.items ? `${path}[]` : path, rows);
  }
}

function typeOf(node: JsonSchema): string {
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (node.anyOf) return node.anyOf.map(typeOf).join(" or ");
  const type = Array.isArray(node.type) ? node.type.join(" or ") : (node.type ?? "any");
  if (type === "array") return `list of ${node.items ? typeOf(node.items) : "any"}`;
  if (node.format === "email") return "e-mail address";
  if (node.format === "uri") return "URL";
  if (node.format === "date-time") return "time with offset";
  return type;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
