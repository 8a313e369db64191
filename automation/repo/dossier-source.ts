import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { FileChange } from "../domain/check-change.ts";
import { DOSSIERS, isDossierFile } from "../domain/dossier-layout.ts";
import { DocketError } from "../errors.ts";
import type { DossierReader } from "./dossier-reader.ts";
import { git, readBlobs } from "./git.ts";

/** The branch a bare repository is read at. */
export const MAIN = "main";

/**
 * Where dossiers are read from: a work tree as it is on disk (a git checkout
 * or a plain folder), or a bare repository at its `main`.
 */
export interface DossierSource extends DossierReader {
  root: string;
  kind: "worktree" | "folder" | "bare";
  /** Repository paths of every `dossiers/<YYYY>/<ID>/dossier.md`, sorted. */
  dossiers(): Promise<string[]>;
  /** What changed under `dossiers/` since `base`, with the texts the rules need. */
  changes(base: string): Promise<FileChange[]>;
}

export class RepositoryError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("repository_invalid", message, options);
  }
}

export function openDossierSource(root: string): DossierSource {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new RepositoryError(`no dossier repository at ${root}`);
  }
  const bare =
    !existsSync(join(root, ".git")) &&
    existsSync(join(root, "HEAD")) &&
    existsSync(join(root, "objects"));
  if (bare) return bareSource(root);
  const kind = existsSync(join(root, ".git")) ? "worktree" : "folder";
  return {
    root,
    kind,
    dossiers: async () => listOnDisk(root),
    list: async (prefix) => walk(root, prefix.replace(/\/+$/, "")).sort(),
    read: async (paths) => new Map(paths.map((p) => [p, readOnDisk(root, p)])),
    changes: async (base) => {
      if (kind === "folder")
        throw new RepositoryError(`${root} is not a git repository; --base needs one`);
      await verifyRef(root, base);
      const [diff, untracked] = await Promise.all([
        git(root, ["diff", "--no-renames", "--name-status", "-z", base, "--", "dossiers"]),
        git(root, ["ls-files", "--others", "--exclude-standard", "-z", "--", "dossiers"]),
      ]);
      const listed = parseNameStatus(diff);
      for (const path of untracked.split("\0").filter(Boolean))
        listed.push({ kind: "added", path });
      return withTexts(
        root,
        base,
        listed,
        async (paths) => new Map(paths.map((p) => [p, readOnDisk(root, p)])),
      );
    },
  };
}

function bareSource(root: string): DossierSource {
  // Blob ids from one `git ls-tree`: reading by id spares git a tree walk per file.
  let blobs: Map<string, string> | undefined;
  const index = async () => {
    if (!blobs) {
      const out = await git(root, ["ls-tree", "-r", "-z", MAIN, "--", "dossiers"]);
      blobs = new Map();
      for (const entry of out.split("\0")) {
        const tab = entry.indexOf("\t");
        if (tab > 0) blobs.set(entry.slice(tab + 1), entry.slice(0, tab).split(" ")[2] ?? "");
      }
    }
    return blobs;
  };
  const atMain = async (paths: readonly string[]) => {
    const ids = await index();
    const spec = (p: string) => ids.get(p) ?? `${MAIN}:${p}`;
    const texts = await readBlobs(root, paths.map(spec));
    return new Map(paths.map((p) => [p, texts.get(spec(p))]));
  };
  return {
    root,
    kind: "bare",
    dossiers: async () => [...(await index()).keys()].filter(isDossierFile).sort(),
    list: async (prefix) => {
      const folder = `${prefix.replace(/\/+$/, "")}/`;
      return [...(await index()).keys()].filter((p) => p.startsWith(folder)).sort();
    },
    read: atMain,
    changes: async (base) => {
      await verifyRef(root, base);
      const diff = await git(root, [
        "diff",
        "--no-renames",
        "--name-status",
        "-z",
        base,
        MAIN,
        "--",
        "dossiers",
      ]);
      return withTexts(root, base, parseNameStatus(diff), atMain);
    },
  };
}

function listOnDisk(root: string): string[] {
  const found: string[] = [];
  const top = join(root, DOSSIERS);
  for (const year of subfolders(top)) {
    if (!/^\d{4}$/.test(year)) continue;
    for (const id of subfolders(join(top, year))) {
      const path = `${DOSSIERS}/${year}/${id}/dossier.md`;
      if (existsSync(join(root, path))) found.push(path);
    }
  }
  return found.sort();
}

/** Every file below `folder`, as repository paths; `.git` is not walked. */
function walk(root: string, folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, folder), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name === ".git" ? [] : walk(root, path);
    return entry.isFile() ? [path] : [];
  });
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function readOnDisk(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), "utf8");
  } catch {
    return undefined;
  }
}

async function verifyRef(root: string, ref: string): Promise<void> {
  if (ref.startsWith("-")) throw new RepositoryError(`not a git ref: ${ref}`);
  await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).catch(
    (error: unknown) => {
      throw new RepositoryError(`unknown base ref "${ref}" in ${root}`, { cause: error });
    },
  );
}

function parseNameStatus(out: string): FileChange[] {
  const fields = out.split("\0").filter(Boolean);
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]?.[0];
    const path = fields[i + 1] ?? "";
    const kind = status === "A" ? "added" : status === "D" ? "deleted" : "modified";
    changes.push({ kind, path });
  }
  return changes;
}

async function withTexts(
  root: string,
  base: string,
  changes: FileChange[],
  readNow: (paths: readonly string[]) => Promise<Map<string, string | undefined>>,
): Promise<FileChange[]> {
  const dossiers = changes.filter((c) => isDossierFile(c.path));
  const before = await readBlobs(
    root,
    dossiers.filter((c) => c.kind !== "added").map((c) => `${base}:${c.path}`),
  );
  const after = await readNow(dossiers.filter((c) => c.kind !== "deleted").map((c) => c.path));
  return changes.map((c) => {
    const was = before.get(`${base}:${c.path}`);
    const now = after.get(c.path);
    return {
      ...c,
      ...(was !== undefined ? { before: was } : {}),
      ...(now !== undefined ? { after: now } : {}),
    };
  });
}
