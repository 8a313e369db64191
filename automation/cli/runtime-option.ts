import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DossierReader } from "../repo/dossier-reader.ts";
import { openDossierSource } from "../repo/dossier-source.ts";
import { buildRuntime, type Runtime } from "../runtime.ts";
import { UsageError, type CliIo } from "./command.ts";

/**
 * The runtime for a command that reads dossiers with `--repo DIR`: on GitHub
 * (`GITHUB_REPOSITORY`) the folder is a checkout read from disk while writes
 * go through the API; locally it is the dossier repository itself, read at
 * `main` when bare, or from disk when it is a clone (read-only then).
 */
export async function runtimeFor(
  repo: string | undefined,
  io: CliIo,
  options: { writes: boolean },
): Promise<{ runtime: Runtime; reader?: DossierReader }> {
  if (io.env.GITHUB_REPOSITORY) {
    const runtime = await buildRuntime(io.env, io.cwd);
    return repo ? { runtime, reader: openDossierSource(resolve(io.cwd, repo)) } : { runtime };
  }
  const dir = resolve(io.cwd, repo ?? io.env.DOCKET_REPO ?? ".docket/repo");
  const bare =
    existsSync(join(dir, "HEAD")) &&
    existsSync(join(dir, "objects")) &&
    !existsSync(join(dir, ".git"));
  if (!existsSync(dir))
    throw new UsageError(`no dossier repository at ${dir}; npm start creates it, or pass --repo`);
  if (!bare && options.writes) {
    throw new UsageError(
      `${dir} is a clone: this command commits, so pass the dossier repository itself (DOCKET_REPO), or run it on GitHub`,
    );
  }
  const runtime = await buildRuntime({ ...io.env, DOCKET_REPO: dir }, io.cwd);
  return bare ? { runtime } : { runtime, reader: openDossierSource(dir) };
}
