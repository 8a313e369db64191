import matter from "gray-matter";
import { Document, parse, parseDocument } from "yaml";

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
}

export class FrontmatterError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = "FrontmatterError";
    this.line = line;
  }
}

const yamlEngine = {
  // The source is the raw frontmatter, whose line N is line N of the file.
  parse: (source: string): object => {
    try {
      return parse(source, { prettyErrors: false }) as object;
    } catch (error) {
      const offset = (error as { pos?: [number, number] }).pos?.[0] ?? 0;
      const line = countLines(source.slice(0, offset)) + 1;
      throw new FrontmatterError(`the frontmatter is not valid YAML: ${firstLine(error)}`, line);
    }
  },
  stringify: () => {
    throw new Error("dossiers are written with serializeDossier");
  },
};

/** Splits a dossier into frontmatter and body; throws `FrontmatterError` with a line. */
export function splitDossier(text: string): DossierText {
  if (!/^---\r?\n/.test(text)) {
    throw new FrontmatterError("the file must start with a --- line and YAML frontmatter", 1);
  }
  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(text, { engines: { yaml: yamlEngine } });
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
  };
}

/** Writes a dossier: frontmatter in the given key order, then the body. */
export function serializeDossier(data: object, body: string): string {
  const doc = new Document(data);
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
