import { extractComplaint } from "../domain/complaint-section.ts";
import { splitDossier } from "../domain/dossier-text.ts";

/**
 * What a letter can say of a case beyond the dossier's frontmatter: the
 * complainant's own words and the files they sent. The acknowledgement
 * confirms the attachments, the hearing request quotes the words, the
 * new-case notice gives both to the handler.
 */
export interface CaseFile {
  /** The complainant's words: the `## Klacht` section of the dossier. */
  complaint?: string;
  /** The names of the files in the dossier's `attachments/` folder, e.g. `01-factuur.pdf`. */
  attachments?: readonly string[];
}

/**
 * The case file of the dossier at `path`, from its text and the paths of the
 * repository (or of the dossier's folder). Pure; a body without a readable
 * `## Klacht` section gives no words.
 */
export function readCaseFile(path: string, text: string, files: readonly string[]): CaseFile {
  let complaint: string | undefined;
  try {
    complaint = extractComplaint(splitDossier(text).body)?.text;
  } catch {
    complaint = undefined;
  }
  return caseFileOf(path, complaint, files);
}

/** The case file from words already read (`checkDossier` gives them) and the repository's paths. */
export function caseFileOf(
  path: string,
  complaint: string | undefined,
  files: readonly string[],
): CaseFile {
  const folder = `${path.slice(0, path.lastIndexOf("/") + 1)}attachments/`;
  const attachments = files
    .filter((file) => file.startsWith(folder) && !file.slice(folder.length).includes("/"))
    .map((file) => file.slice(folder.length))
    .filter((name) => name !== "" && !name.startsWith("."))
    .sort();
  return { ...(complaint?.trim() ? { complaint } : {}), attachments };
}
