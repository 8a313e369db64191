import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LetterTemplateError } from "./letter-template.ts";
import type { LetterTemplates } from "./letters.ts";

/** The templates shipped in the repository: `letters/` at its root. */
export const LETTERS_DIR = fileURLToPath(new URL("../../letters/", import.meta.url));

/** Reads every `<letter>.<lang>.md` in `dir` (README.md and other files are skipped). */
export async function loadTemplates(dir: string = LETTERS_DIR): Promise<LetterTemplates> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new LetterTemplateError(
      `Cannot read the letter templates in ${dir}: ${(error as Error).message}`,
    );
  }
  const templates: Record<string, string> = {};
  for (const name of names.sort()) {
    const match = /^([a-z][a-z0-9_]*\.[a-z]{2})\.md$/.exec(name);
    if (match?.[1]) templates[match[1]] = await readFile(join(dir, name), "utf8");
  }
  return templates;
}
