import { ID_PATTERN } from "./dossier-schema.ts";

/**
 * Where a case lives in the repository, spelled once:
 * `dossiers/<YYYY>/<ID>/dossier.md`, its `correspondence/` (letters sent and
 * mail received, one file each) and its `attachments/`.
 */
export const DOSSIERS = "dossiers";

/** `dossiers/2026/KL-2026-0001/dossier.md`: where the dossier of an id lives in the repository. */
export function dossierPath(id: string): string {
  const year = ID_PATTERN.exec(id)?.[2] ?? id.split("-")[1] ?? "";
  return `${DOSSIERS}/${year}/${id}/dossier.md`;
}

/** What a path in the repository is to Docket; `folder` is `dossiers/<YYYY>/<ID>` (no slash at the end). */
export type DossierPart =
  | { kind: "dossier"; folder: string; id: string }
  | { kind: "correspondence" | "attachment"; folder: string; id: string; name: string };

const PART =
  /^(dossiers\/\d{4}\/([^/]+))\/(?:(dossier\.md)|correspondence\/(.+)|attachments\/(.+))$/;

/**
 * Paths decide: a dossier, a file of its correspondence or an attachment (at
 * any depth below their folders). Anything else is not a case's file.
 */
export function dossierPart(path: string): DossierPart | undefined {
  const match = PART.exec(path);
  if (!match) return undefined;
  const [, folder = "", id = "", dossier, letter, attachment] = match;
  if (dossier) return { kind: "dossier", folder, id };
  if (letter !== undefined) return { kind: "correspondence", folder, id, name: letter };
  return { kind: "attachment", folder, id, name: attachment ?? "" };
}

/** True for `dossiers/<YYYY>/<ID>/dossier.md`. */
export function isDossierFile(path: string): boolean {
  return dossierPart(path)?.kind === "dossier";
}

/** `dossiers/<YYYY>/<ID>` of any file of a case; undefined for other paths. */
export function dossierFolder(path: string): string | undefined {
  return dossierPart(path)?.folder;
}

/**
 * The id whose dossier is exactly at `path` (`dossiers/2026/KL-2026-0001/dossier.md`
 * → `KL-2026-0001`): a well-formed id in the folder of its year. Undefined for
 * anything else, so a path from outside (a form, a branch name) names a case or nothing.
 */
export function dossierIdAt(path: string): string | undefined {
  const part = dossierPart(path);
  if (part?.kind !== "dossier" || !ID_PATTERN.test(part.id)) return undefined;
  return dossierPath(part.id) === path ? part.id : undefined;
}
