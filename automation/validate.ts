import { checkChange, type ChangeContext } from "./domain/check-change.ts";
import { checkDossier } from "./domain/check-dossier.ts";
import { sortViolations, type Violation } from "./domain/violation.ts";
import type { DossierSource } from "./repo/dossier-source.ts";

export interface ValidateOptions {
  source: DossierSource;
  context: ChangeContext;
  /** Repository paths of files or folders to check; all dossiers when empty. */
  paths?: readonly string[];
  /** With a base ref, also the rules against the previous state. */
  base?: string;
}

export interface ValidateResult {
  checked: number;
  violations: Violation[];
}

/** `docket validate`: every dossier against the format and the rules (SPEC §5). */
export async function validate({
  source,
  context,
  paths = [],
  base,
}: ValidateOptions): Promise<ValidateResult> {
  const all = await source.list();
  const selected = paths.length === 0 ? all : select(all, paths);
  const texts = await source.read(selected);
  const violations: Violation[] = [];
  for (const file of selected) {
    const text = texts.get(file);
    if (text === undefined) {
      violations.push({ file, line: 1, rule: "syntax", message: "no such file" });
      continue;
    }
    violations.push(...checkDossier(file, text, context).violations);
  }
  if (base !== undefined) {
    for (const change of await source.changes(base)) {
      if (paths.length > 0 && !paths.some((p) => within(change.path, p))) continue;
      violations.push(...checkChange(change, context));
    }
  }
  return { checked: selected.length, violations: sortViolations(violations) };
}

/** Files named, plus every dossier below a named folder. */
function select(all: readonly string[], paths: readonly string[]): string[] {
  const chosen = new Set<string>();
  for (const path of paths) {
    const inside = all.filter((file) => within(file, path));
    if (inside.length > 0) inside.forEach((f) => chosen.add(f));
    else chosen.add(normalize(path));
  }
  return [...chosen].sort();
}

function within(file: string, path: string): boolean {
  const folder = normalize(path);
  return folder === "" || file === folder || file.startsWith(`${folder}/`);
}

function normalize(path: string): string {
  return path
    .replace(/^(\.\/)+/, "")
    .replace(/^\.$/, "")
    .replace(/\/+$/, "");
}
