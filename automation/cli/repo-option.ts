import { resolve } from "node:path";
import type { CliIo } from "./command.ts";

/** The `--repo` every command that reads dossiers takes (see the README). */
export const REPO_OPTION = { repo: { type: "string" } } as const;

export const REPO_HELP = `  --repo DIR    the dossier repository: a work tree as it is on disk, or a bare
                repository at its main (default: $DOCKET_REPO, else .docket/repo)`;

/** `--repo`, else `DOCKET_REPO`, else `.docket/repo`, resolved against the working directory. */
export function repoDir(option: string | undefined, io: CliIo): string {
  return resolve(io.cwd, option ?? io.env.DOCKET_REPO ?? ".docket/repo");
}
