import { parse } from "yaml";
import { DocketError } from "../errors.ts";

/**
 * The letter template language, kept small on purpose (letters/README.md):
 * YAML frontmatter with `subject:`, then Markdown with `{{ path.to.value }}`
 * and `{{#if path}} … {{/if}}`. Parsing and expansion only; rendering to
 * text and HTML is `renderLetter`.
 */

/** The values a template can use: strings, grouped by dotted names. */
export interface LetterValues {
  readonly [key: string]: string | LetterValues;
}

/** A letter's values; `language` (e.g. `nl`) is also the HTML `lang`. */
export interface LetterView extends LetterValues {
  readonly language: string;
}

/** A template cannot be used; the message names the file, the line and the placeholder. */
export class LetterTemplateError extends DocketError {
  constructor(message: string) {
    super("letter_template_invalid", message);
  }
}

export type TemplateNode =
  | { kind: "text"; text: string }
  | { kind: "value"; path: string; line: number }
  | { kind: "if"; path: string; line: number; children: TemplateNode[] };

export interface ParsedTemplate {
  subject: TemplateNode[];
  body: TemplateNode[];
}

const PATH = "[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*";
const VALUE_TAG = new RegExp(`^${PATH}$`);
const IF_TAG = new RegExp(`^#if\\s+(${PATH})$`);

/** Splits frontmatter from body and parses both; throws a `LetterTemplateError`. */
export function parseTemplate(source: string, file: string): ParsedTemplate {
  const text = source.replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text);
  if (!match) {
    throw new LetterTemplateError(
      `${file}:1: a letter starts with frontmatter, like\n---\nsubject: "Your complaint {{ dossier.id }}"\n---`,
    );
  }
  let data: unknown;
  try {
    data = parse(match[1] ?? "");
  } catch (error) {
    throw new LetterTemplateError(
      `${file}: the frontmatter is not valid YAML: ${(error as Error).message}`,
    );
  }
  const fields = (data ?? {}) as Record<string, unknown>;
  const extra = Object.keys(fields).filter((key) => key !== "subject");
  if (extra.length > 0) {
    throw new LetterTemplateError(
      `${file}: unknown frontmatter key "${extra[0]}"; only subject is read`,
    );
  }
  if (typeof fields.subject !== "string" || fields.subject.trim() === "") {
    throw new LetterTemplateError(
      `${file}:2: subject: is missing; expected one line of text in quotes, like subject: "Je klacht {{ dossier.id }}"`,
    );
  }
  const bodyLine = match[0].split("\n").length - (match[0].endsWith("\n") ? 1 : 0) + 1;
  return {
    subject: parseNodes(fields.subject, file, 2),
    body: parseNodes(text.slice(match[0].length), file, bodyLine),
  };
}

/** Tags and text; a block tag alone on its line takes the whole line with it. */
function parseNodes(text: string, file: string, firstLine: number): TemplateNode[] {
  const root: TemplateNode[] = [];
  const open: Extract<TemplateNode, { kind: "if" }>[] = [];
  const current = () => open.at(-1)?.children ?? root;
  const lineAt = (index: number) => firstLine + (text.slice(0, index).match(/\n/g)?.length ?? 0);
  const tags = /\{\{([^{}]*)\}\}/g;
  let from = 0;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    const inner = (m[1] ?? "").trim();
    const line = lineAt(m.index);
    const block = inner.startsWith("#") || inner.startsWith("/");
    let before = text.slice(from, m.index);
    let after = m.index + m[0].length;
    if (block) {
      const lineStart = text.lastIndexOf("\n", m.index - 1) + 1;
      const rest = /^[ \t]*(?:\n|$)/.exec(text.slice(after));
      if (lineStart >= from && rest && /^[ \t]*$/.test(text.slice(lineStart, m.index))) {
        before = text.slice(from, lineStart);
        after += rest[0].length;
      }
    }
    pushText(current(), before, file, lineAt(from));
    const ifTag = IF_TAG.exec(inner);
    if (ifTag) {
      const node = { kind: "if" as const, path: ifTag[1] ?? "", line, children: [] };
      current().push(node);
      open.push(node);
    } else if (inner === "/if") {
      if (!open.pop())
        throw new LetterTemplateError(`${file}:${line}: {{/if}} without an {{#if …}}`);
    } else if (VALUE_TAG.test(inner)) {
      current().push({ kind: "value", path: inner, line });
    } else {
      throw new LetterTemplateError(
        `${file}:${line}: cannot read {{${m[1]}}}; expected {{ path.to.value }}, {{#if path}} or {{/if}}`,
      );
    }
    from = after;
    tags.lastIndex = after;
  }
  pushText(current(), text.slice(from), file, lineAt(from));
  const unclosed = open.at(-1);
  if (unclosed) {
    throw new LetterTemplateError(
      `${file}:${unclosed.line}: {{#if ${unclosed.path}}} is not closed with {{/if}}`,
    );
  }
  return root;
}

function pushText(nodes: TemplateNode[], text: string, file: string, line: number): void {
  const stray = text.indexOf("{{");
  if (stray >= 0) {
    const at = line + (text.slice(0, stray).match(/\n/g)?.length ?? 0);
    throw new LetterTemplateError(`${file}:${at}: "{{" without a matching "}}"`);
  }
  if (text) nodes.push({ kind: "text", text });
}

/** The value at a dotted path, or undefined when the view has no such name. */
export function lookup(view: LetterValues, path: string): string | LetterValues | undefined {
  let value: string | LetterValues | undefined = view;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** Every placeholder must name a value of the view; all problems in one error. */
export function checkPlaceholders(
  template: ParsedTemplate,
  view: LetterValues,
  file: string,
): void {
  const problems: string[] = [];
  const walk = (nodes: TemplateNode[]) => {
    for (const node of nodes) {
      if (node.kind === "text") continue;
      const value = lookup(view, node.path);
      if (value === undefined) {
        problems.push(`${file}:${node.line}: unknown placeholder {{ ${node.path} }}`);
      } else if (typeof value !== "string") {
        const example = Object.keys(value)[0] ?? "name";
        problems.push(
          `${file}:${node.line}: {{ ${node.path} }} is a group, not a value; use e.g. {{ ${node.path}.${example} }}`,
        );
      }
      if (node.kind === "if") walk(node.children);
    }
  };
  walk(template.subject);
  walk(template.body);
  if (problems.length > 0) {
    const known = knownPaths(view).join(", ");
    throw new LetterTemplateError(`${problems.join("\n")}\nKnown placeholders: ${known}`);
  }
}

/** Every dotted name of a view, e.g. `dossier.id`, in order. */
export function knownPaths(values: LetterValues, prefix = ""): string[] {
  return Object.entries(values).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : knownPaths(value, `${prefix}${key}.`),
  );
}

/**
 * The template with sections decided and each placeholder replaced by
 * `emit(value, path)`. The replacement is never read again as template text.
 */
export function expand(
  nodes: TemplateNode[],
  view: LetterValues,
  emit: (value: string, path: string) => string,
): string {
  return nodes
    .map((node) => {
      if (node.kind === "text") return node.text;
      const value = lookup(view, node.path);
      const text = typeof value === "string" ? value : "";
      if (node.kind === "value") return emit(text, node.path);
      return text.trim() ? expand(node.children, view, emit) : "";
    })
    .join("");
}
