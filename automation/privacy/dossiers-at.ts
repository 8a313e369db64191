import { dossierSchema, type Dossier } from "../domain/dossier-schema.ts";
import { isDossierFile } from "../domain/dossier-layout.ts";
import { splitDossier } from "../domain/dossier-text.ts";
import { readBlobs, type GitRun } from "../repo/git.ts";

/** One dossier as the branch holds it: its data when it passes the schema, else why not. */
export interface HeldDossier {
  id: string;
  folder: string;
  path: string;
  text: string;
  dossier?: Dossier;
  problem?: string;
}

/** Every `dossier.md` on the repository's branch (or those of the ids `only` takes), read through one `git cat-file --batch`. */
export async function dossiersAt(
  repo: { root: string; git: GitRun; branch: string },
  only?: (id: string) => boolean,
): Promise<HeldDossier[]> {
  const paths = (
    await repo.git(["ls-tree", "-r", "-z", "--name-only", repo.branch, "--", "dossiers"])
  )
    .split("\0")
    .filter(isDossierFile)
    .filter((p) => !only || only(p.split("/")[2] ?? ""));
  const texts = await readBlobs(
    repo.root,
    paths.map((p) => `${repo.branch}:${p}`),
  );
  return paths.map((path) => {
    const folder = path.slice(0, -"/dossier.md".length);
    const id = folder.slice(folder.lastIndexOf("/") + 1);
    const text = texts.get(`${repo.branch}:${path}`) ?? "";
    try {
      const parsed = dossierSchema.safeParse(splitDossier(text).data);
      return parsed.success
        ? { id, folder, path, text, dossier: parsed.data }
        : { id, folder, path, text, problem: "it does not pass docket validate: fix it first" };
    } catch (error) {
      return { id, folder, path, text, problem: `it cannot be read: ${(error as Error).message}` };
    }
  });
}
