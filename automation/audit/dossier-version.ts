import { createHash } from "node:crypto";
import { parse } from "yaml";
import { extractComplaint } from "../domain/complaint-section.ts";
import { FrontmatterError, splitDossier } from "../domain/dossier-text.ts";
import { own } from "./history.ts";

/**
 * One version of a `dossier.md` as the audit compares it: its frontmatter
 * flattened to dotted paths, and the complainant's words. Pure.
 */
export interface DossierVersion {
  /** Frontmatter leaves by dotted path (`terms.judgement_due`, `staff_involved.0.name`), as JSON. */
  fields: Map<string, string>;
  /** The fenced text under `## Klacht`; undefined when the section cannot be read. */
  complaint?: string;
  /** A digest of the Markdown body: enough to tell that it changed, without keeping it. */
  body: string;
  /** The frontmatter's top-level blocks, when it splits cleanly: the next version reuses those it keeps. */
  blocks?: Map<string, Block>;
}

export interface Block {
  key: string;
  leaves: [string, string][];
}

/**
 * A version, or why it cannot be read (broken YAML, no frontmatter). A
 * history holds ten versions of a dossier that differ in a field or two, so
 * with the `previous` version given, only the top-level YAML blocks that
 * changed are parsed again. The first version of a dossier is read with
 * `splitDossier`, as every part of Docket reads it, and the block reading is
 * used only where it gave the very same fields; anything unusual (anchors,
 * tags, flow collections at the top, CRLF) is read whole.
 */
export function readVersion(
  text: string,
  previous?: DossierVersion,
): DossierVersion | { error: string } {
  const quick = previous?.blocks ? readByBlocks(text, previous) : undefined;
  if (quick) return quick;
  let split;
  try {
    split = splitDossier(text);
  } catch (error) {
    if (error instanceof FrontmatterError) return { error: error.message };
    throw error;
  }
  const fields = new Map<string, string>();
  flatten(split.data, "", fields);
  const complaint = extractComplaint(split.body)?.text;
  const version: DossierVersion = {
    fields,
    body: digest(split.body),
    ...(complaint !== undefined ? { complaint } : {}),
  };
  const blocks = parseBlocks(split.frontmatter, new Map());
  if (blocks && sameEntries(blocks, fields)) version.blocks = blocks;
  return version;
}

/** Frontmatter that block reading leaves to the full parser. */
const UNUSUAL = /[&*!%\t]|<<|^[?:{[]|^\.\.\./m;

function readByBlocks(text: string, previous: DossierVersion): DossierVersion | undefined {
  if (!text.startsWith("---\n")) return undefined;
  const close = text.indexOf("\n---", 3);
  if (close <= 3) return undefined;
  let body = text.slice(close + 4);
  if (body.startsWith("\r")) body = body.slice(1);
  if (body.startsWith("\n")) body = body.slice(1);
  const blocks = parseBlocks(text.slice(3, close), previous.blocks ?? new Map());
  if (!blocks) return undefined;
  const fields = new Map<string, string>();
  for (const block of blocks.values())
    for (const [path, value] of block.leaves) fields.set(path, value);
  const hash = digest(body);
  const complaint = hash === previous.body ? previous.complaint : extractComplaint(body)?.text;
  return { fields, body: hash, blocks, ...(complaint !== undefined ? { complaint } : {}) };
}

/** Top-level `key: …` blocks by their text, each parsed alone (or reused from `known`). */
function parseBlocks(
  frontmatter: string,
  known: ReadonlyMap<string, Block>,
): Map<string, Block> | undefined {
  if (UNUSUAL.test(frontmatter)) return undefined;
  const texts: string[] = [];
  for (const line of frontmatter.split("\n")) {
    const starts = line !== "" && !/^[ #-]/.test(line);
    if (starts) texts.push(line);
    else if (texts.length > 0) texts[texts.length - 1] += `\n${line}`;
    else if (line.trim() !== "" && !line.startsWith("#")) return undefined;
  }
  if (texts.length === 0) return undefined;
  const blocks = new Map<string, Block>();
  const keys = new Set<string>();
  for (let text of texts) {
    let block = known.get(text);
    if (!block) {
      let data: unknown;
      try {
        data = parse(text, { prettyErrors: false });
      } catch {
        return undefined;
      }
      if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
      const entries = Object.keys(data);
      const key = entries[0];
      if (entries.length !== 1 || key === undefined || /^\d+$/.test(key)) return undefined;
      const into = new Map<string, string>();
      flatten(data, "", into);
      block = { key, leaves: [...into] };
      text = own(text); // the key must not keep the whole file alive
    }
    if (keys.has(block.key) || blocks.has(text)) return undefined;
    keys.add(block.key);
    blocks.set(text, block);
  }
  return blocks;
}

function digest(text: string): string {
  return createHash("sha1").update(text).digest("base64");
}

function sameEntries(
  blocks: ReadonlyMap<string, Block>,
  fields: ReadonlyMap<string, string>,
): boolean {
  const all = [...blocks.values()].flatMap((b) => b.leaves);
  if (all.length !== fields.size) return false;
  let i = 0;
  for (const [path, value] of fields) {
    const [p, v] = all[i++] ?? [];
    if (p !== path || v !== value) return false;
  }
  return true;
}

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    if (entries.length === 0 && prefix) into.set(prefix, JSON.stringify(value));
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (prefix) into.set(prefix, JSON.stringify(value) ?? "null");
}

/** The dotted paths whose values differ: changed and added in `after`'s order, then removed. */
export function changedFields(
  before: ReadonlyMap<string, string> | undefined,
  after: ReadonlyMap<string, string>,
): string[] {
  const changed: string[] = [];
  for (const [path, value] of after) if (before?.get(path) !== value) changed.push(path);
  for (const path of before?.keys() ?? []) if (!after.has(path)) changed.push(path);
  return changed;
}

/** A leaf's value, parsed back from JSON; undefined when absent. */
export function fieldValue(version: DossierVersion, path: string): unknown {
  const json = version.fields.get(path);
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}

/** A leaf that should be a string, or undefined. */
export function stringField(version: DossierVersion, path: string): string | undefined {
  const value = fieldValue(version, path);
  return typeof value === "string" ? value : undefined;
}

/** The fields that never change among `paths`. */
export function immutableFields(paths: readonly string[]): string[] {
  return paths.filter(
    (p) => p === "id" || p === "received_at" || p === "terms" || p.startsWith("terms."),
  );
}
