import type { DossierReader } from "../repo/dossier-reader.ts";
import type { GitObjects, TreeEntry } from "./git-objects.ts";

/** Every file below `dossiers/` at one commit, with its blob id: what changed is what has another id. */
export interface DossierSnapshot {
  commit: string | undefined;
  /** Path → blob id, for every file below `dossiers/`. */
  files: ReadonlyMap<string, string>;
  /** The files of each dossier folder (`dossiers/<YYYY>/<ID>`), by folder. */
  folders(): ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads dossiers so that reading costs what changed: a snapshot is taken only when the branch moved (one
 * cheap `head`), a year's folder is listed only when its tree id changed, and a text is read only once per
 * blob id. `list` and `read` serve `DossierReader`; `pinned` reads one snapshot without asking again.
 */
export interface SnapshotReader extends DossierReader {
  head(): Promise<string | undefined>;
  snapshot(): Promise<DossierSnapshot>;
  pinned(snapshot: DossierSnapshot): DossierReader;
}

const ROOT = "dossiers";

export function createSnapshotReader(objects: GitObjects): SnapshotReader {
  let last: DossierSnapshot | undefined;
  let taking: Promise<DossierSnapshot> | undefined;
  const years = new Map<string, Promise<Map<string, string>>>();
  const texts = new Map<string, string | undefined>();

  const below = (tree: string) => {
    let listed = years.get(tree);
    if (!listed) {
      listed = objects.blobsBelow(tree);
      listed.catch(() => years.delete(tree));
      years.set(tree, listed);
    }
    return listed;
  };

  async function take(commit: string | undefined): Promise<DossierSnapshot> {
    const files = new Map<string, string>();
    const top: TreeEntry[] = commit ? await objects.folder(commit, ROOT) : [];
    const used = new Set<string>();
    await Promise.all(
      top.map(async (entry) => {
        if (entry.type === "blob") {
          files.set(`${ROOT}/${entry.name}`, entry.oid);
          return;
        }
        used.add(entry.oid);
        for (const [path, oid] of await below(entry.oid))
          files.set(`${ROOT}/${entry.name}/${path}`, oid);
      }),
    );
    // Listings of year folders that changed are not needed again.
    for (const tree of years.keys()) if (!used.has(tree)) years.delete(tree);
    return snapshotOf(commit, files);
  }

  async function snapshot(): Promise<DossierSnapshot> {
    const commit = await objects.head();
    if (last && last.commit === commit) return last;
    taking ??= take(commit).finally(() => (taking = undefined));
    const taken = await taking;
    if (!last || taken.commit !== last.commit) last = taken;
    return taken;
  }

  async function readIn(
    snap: DossierSnapshot,
    paths: readonly string[],
  ): Promise<Map<string, string | undefined>> {
    const inside = paths.filter((p) => p.startsWith(`${ROOT}/`));
    const outside = paths.filter((p) => !p.startsWith(`${ROOT}/`));
    const wanted = [
      ...new Set(inside.map((p) => snap.files.get(p)).filter((o) => o !== undefined)),
    ].filter((oid) => !texts.has(oid));
    if (wanted.length > 0)
      for (const [oid, text] of await objects.texts(wanted)) texts.set(oid, text);
    const elsewhere =
      outside.length > 0 && snap.commit ? await objects.textsAt(snap.commit, outside) : new Map();
    return new Map(
      paths.map((p) => {
        const oid = snap.files.get(p);
        return [p, oid === undefined ? elsewhere.get(p) : texts.get(oid)];
      }),
    );
  }

  async function listIn(snap: DossierSnapshot, prefix: string): Promise<string[]> {
    const folder = prefix.replace(/\/+$/, "");
    if (folder === ROOT || folder.startsWith(`${ROOT}/`)) {
      const own = snap.folders().get(folder);
      if (own) return [...own];
      return [...snap.files.keys()].filter((p) => p.startsWith(`${folder}/`)).sort();
    }
    if (!snap.commit) return [];
    const entries = await objects.folder(snap.commit, folder);
    const at = (name: string) => (folder ? `${folder}/${name}` : name);
    const nested = await Promise.all(
      entries.map(async (entry) =>
        entry.type === "blob"
          ? [at(entry.name)]
          : [...(await below(entry.oid)).keys()].map((p) => `${at(entry.name)}/${p}`),
      ),
    );
    return nested.flat().sort();
  }

  return {
    head: () => objects.head(),
    snapshot,
    list: async (prefix) => listIn(await snapshot(), prefix),
    read: async (paths) => readIn(await snapshot(), paths),
    pinned: (snap) => ({
      list: (prefix) => listIn(snap, prefix),
      read: (paths) => readIn(snap, paths),
    }),
  };
}

function snapshotOf(commit: string | undefined, files: Map<string, string>): DossierSnapshot {
  let folders: Map<string, string[]> | undefined;
  return {
    commit,
    files,
    folders() {
      if (!folders) {
        folders = new Map();
        for (const path of [...files.keys()].sort()) {
          const parts = path.split("/");
          if (parts.length < 4) continue;
          const folder = parts.slice(0, 3).join("/");
          const list = folders.get(folder);
          if (list) list.push(path);
          else folders.set(folder, [path]);
        }
      }
      return folders;
    },
  };
}
