import { checkChange, type ChangeContext } from "./domain/check-change.ts";
import { checkDossier } from "./domain/check-dossier.ts";
import { sortViolations, type Violation } from "./domain/violation.ts";
import type { DossierSource } from "./repo/dossier-source.ts";
import { isDossierFile } from "./domain/dossier-layout.ts";

export interface ValidateOptions {
  source: DossierSource;
  context: ChangeContext;
  /**
   * Repository paths of files or folders to check. When empty: every dossier,
   * or with a base only what changed since it (the rest was judged when it landed).
   */
  paths?: readonly string[];
  /** With a base ref, also the rules of the change since it. */
  base?: string;
  /** The time of the check: a judgement is not dated after it. */
  now: Date;
}

export interface ValidateResult {
  checked: number;
  violations: Violation[];
}

/**
 * `docket validate`: every dossier against the format and the rules; with a
 * base, each changed file is judged as a person's change since that base,
 * with the same `checkChange` the push check and the audit use, and (unless
 * paths are named) nothing else: a pull request costs what it changed.
 */
export async function validate({
  source,
  context,
  paths = [],
  base,
  now,
}: ValidateOptions): Promise<ValidateResult> {
  const wanted = (file: string) => paths.length === 0 || paths.some((p) => within(file, p));
  const changes =
    base === undefined ? [] : (await source.changes(base)).filter((c) => wanted(c.path));
  const judged = new Set(changes.map((c) => c.path));
  const onlyChanged = base !== undefined && paths.length === 0;
  const all = onlyChanged ? [] : await source.dossiers();
  const selected = onlyChanged
    ? changes.filter((c) => c.kind !== "deleted" && isDossierFile(c.path)).map((c) => c.path)
    : paths.length === 0
      ? all
      : select(all, paths);
  const texts = await source.read(selected.filter((file) => !judged.has(file)));
  const violations: Violation[] = [];
  for (const file of selected) {
    if (judged.has(file)) continue;
    const text = texts.get(file);
    if (text === undefined) {
      violations.push({ file, line: 1, rule: "syntax", message: "no such file" });
      continue;
    }
    violations.push(...checkDossier(file, text, context, now).violations);
  }
  for (const change of changes)
    violations.push(...checkChange(change, context, { now, by: "person" }));
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
