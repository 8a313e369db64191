/** Reading `git fast-export`'s stream and writing `git fast-import`'s: lines, data, paths. */
import { gitBytes } from "../repo/git.ts";

export type Item = { kind: "line"; text: string } | { kind: "data"; bytes: Buffer };

/** fast-export's stream as lines, with each `data <n>` payload whole. */
export function splitStream(input: Buffer): Item[] {
  const items: Item[] = [];
  let at = 0;
  while (at < input.length) {
    let end = input.indexOf(10, at);
    if (end === -1) end = input.length;
    const line = input.toString("utf8", at, end);
    at = end + 1;
    if (line.startsWith("data ")) {
      const size = Number(line.slice(5));
      items.push({ kind: "data", bytes: input.subarray(at, at + size) });
      at += size;
      if (input[at] === 10) at++;
      continue;
    }
    items.push({ kind: "line", text: line });
  }
  return items;
}

export function parseModify(
  line: string,
): { mode: string; blob: string; path: string } | undefined {
  const match = /^M (\d+) (\S+) (.+)$/.exec(line);
  if (!match) return undefined;
  return { mode: match[1] ?? "", blob: match[2] ?? "", path: unquote(match[3] ?? "") };
}

/** git's C-style quoting of a path, undone. */
export function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  const bytes: number[] = [];
  const escapes: Record<string, number> = {
    n: 10,
    t: 9,
    '"': 34,
    "\\": 92,
    a: 7,
    b: 8,
    f: 12,
    r: 13,
    v: 11,
  };
  for (let i = 1; i < path.length - 1; i++) {
    const c = path[i] ?? "";
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const next = path[++i] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(path.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(escapes[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A path as fast-import reads it: C-style quoted when it holds anything but safe characters. */
export function quote(path: string): string {
  if (/^[\w./@+-]+$/.test(path)) return path;
  let out = '"';
  for (const byte of Buffer.from(path, "utf8")) {
    out +=
      byte === 34 || byte === 92
        ? `\\${String.fromCharCode(byte)}`
        : byte < 32 || byte > 126
          ? `\\${byte.toString(8).padStart(3, "0")}`
          : String.fromCharCode(byte);
  }
  return `${out}"`;
}

/** The texts of blobs, through one `git cat-file --batch`. */
export async function readTexts(
  root: string,
  blobs: readonly string[],
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (blobs.length === 0) return texts;
  const out = await gitBytes(root, ["cat-file", "--batch"], `${blobs.join("\n")}\n`);
  let at = 0;
  for (const blob of blobs) {
    const end = out.indexOf(10, at);
    const header = out.toString("latin1", at, end);
    at = end + 1;
    if (header.endsWith(" missing")) continue;
    const size = Number(header.split(" ")[2]);
    texts.set(blob, out.toString("utf8", at, at + size));
    at += size + 1;
  }
  return texts;
}
