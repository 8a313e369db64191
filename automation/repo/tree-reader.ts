import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DossierReader } from "../dispatch/dispatch.ts";

/** Reads a work tree as it is on disk (a workflow's checkout): the `DossierReader` for `--repo .`. */
export function createTreeReader(root: string): DossierReader {
  return {
    list: async (prefix) => walk(root, prefix.replace(/\/+$/, "")).sort(),
    read: async (paths) =>
      new Map(
        paths.map((p) => {
          try {
            return [p, readFileSync(join(root, p), "utf8")];
          } catch {
            return [p, undefined];
          }
        }),
      ),
  };
}

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
