import matter from "gray-matter";
import { Document, parseDocument } from "yaml";
import { lineAt } from "./yaml-locate.ts";
import { quoteWhereMisread } from "./yaml-safety.ts";

/**
 * A dossier file is YAML frontmatter between `---` lines and a Markdown body.
 * These functions split, write and edit that text; they do no I/O.
 */

export interface DossierText {
  /** The parsed frontmatter, not yet checked. */
  data: unknown;
  /** The raw frontmatter; its line N is line N of the file. */
  frontmatter: string;
  body: string;
  /** Line of the file on which the body starts. */
  bodyLine: number;
  /** The frontmatter as a YAML document, for finding fields and their source; absent when empty. */
  doc?: Document.Parsed;
}

export class FrontmatterError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = "FrontmatterError";
    this.line = line;
  }
}

/** What YAML's parser says, in a handler's terms: the likely cause and the fix. */
const HINTS: Record<string, string> = {
  BLOCK_AS_IMPLICIT_KEY:
    'a text that contains ": " must be in quotes: put the whole text in quotes, or write it as a >- block',
  MULTILINE_IMPLICIT_KEY:
    'a text that contains ": " must be in quotes: put the whole text in quotes, or write it as a >- block',
  BAD_INDENT:
    "check the indentation: the fields of a block are indented by the same number of spaces",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  DUPLICATE_KEY: "a field appears twice: keep one",
  MISSING_CHAR: "a quote or bracket is not closed",
  UNEXPECTED_TOKEN: "check the indentation and the quotes on this line",
};

/** Parses frontmatter into a document; throws `FrontmatterError` with the line of the first error. */
function parseFrontmatter(source: string): Document.Parsed {
  const doc = parseDocument(source, { prettyErrors: false, keepSourceTokens: false });
  const error = doc.errors[0];
  if (error) {
    const offset = error.pos[0];
    const line = lineAt(source, offset);
    const what = firstLine(error).replace(/ at line \d+, column \d+:?$/, "");
    const hint = HINTS[error.code];
    throw new FrontmatterError(
      `the frontmatter is not valid YAML: ${what}${hint ? `; ${hint}` : ""}`,
      line,
    );
  }
  return doc;
}

/** Splits a dossier into frontmatter and body; throws `FrontmatterError` with a line. */
export function splitDossier(text: string): DossierText {
  if (!/^---\r?\n/.test(text)) {
    throw new FrontmatterError("the file must start with a --- line and YAML frontmatter", 1);
  }
  let doc: Document.Parsed | undefined;
  // The source is the raw frontmatter, whose line N is line N of the file.
  const engine = {
    parse: (source: string): object => {
      doc = parseFrontmatter(source);
      return doc.toJS() as object;
    },
    stringify: () => {
      throw new Error("dossiers are written with serializeDossier");
    },
  };
  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(text, { engines: { yaml: engine } });
  } catch (error) {
    if (error instanceof FrontmatterError) throw error;
    throw new FrontmatterError(`the frontmatter cannot be read: ${firstLine(error)}`, 1);
  }
  const frontmatter = file.matter;
  if (text.indexOf("\n---", 3) === -1) {
    throw new FrontmatterError("the frontmatter is not closed by a --- line", 1);
  }
  const bodyStart = text.length - file.content.length;
  return {
    data: file.data,
    frontmatter,
    body: file.content,
    bodyLine: countLines(text.slice(0, bodyStart)) + 1,
    ...(doc ? { doc } : {}),
  };
}

/**
 * Writes a dossier: frontmatter in the given key order, then the body. Text
 * a YAML 1.1 or 1.2 reader would take for something else is quoted.
 */
export function serializeDossier(data: object, body: string): string {
  const doc = new Document(data);
  quoteWhereMisread(doc);
  return `---\n${doc.toString({ lineWidth: 0 })}---\n\n${body.replace(/^\n+/, "")}`;
}

/**
 * Edits the frontmatter through the YAML Document API, so a handler's
 * comments, key order and quoting survive; the body is kept byte for byte.
 */
export function editFrontmatter(text: string, edit: (doc: Document) => void): string {
  const { frontmatter } = splitDossier(text);
  const doc = parseDocument(frontmatter);
  edit(doc);
  quoteWhereMisread(doc);
  const start = "---".length; // splitDossier checked the opening line
  const rest = text.slice(start + frontmatter.length);
  const yaml = doc.toString({ lineWidth: 0 });
  return `${text.slice(0, start)}\n${yaml.replace(/\n$/, "")}${rest}`;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split("\n")[0] ?? "";
}
