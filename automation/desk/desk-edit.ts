import type { Document } from "yaml";
import { dossierSchema } from "../domain/dossier-schema.ts";
import { editFrontmatter, splitDossier } from "../domain/dossier-text.ts";
import { FINAL_STATUSES } from "../domain/case-rules.ts";
import { judgementDue } from "../domain/deadlines.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { BODY_FIELD, CODED_FIELDS, FIXED_FIELDS, ORDER_FIELD } from "./desk-config.ts";

/**
 * Between a dossier's text and the desk's form: `deskEntry` reads a dossier
 * into the values the form edits, `applyDeskEdit` writes the form's values
 * back onto a dossier's text through the YAML Document API, so comments,
 * order and quoting of the fields the handler did not touch survive, and the
 * fields that never change keep the text's values whatever the form sent.
 * Pure; the browser and the server run the same code.
 */

/** The dossier's text as loaded, kept in the entry so the save edits it rather than rewriting it. */
export const SOURCE_FIELD = "docket_source";

type Value = unknown;
type Path = (string | number)[];

export function deskEntry(text: string): Record<string, Value> {
  const { data, body } = splitDossier(text);
  return {
    ...(encode(data, "") as Record<string, Value>),
    [BODY_FIELD]: body,
    [SOURCE_FIELD]: text,
    [ORDER_FIELD]: deskOrder(data),
  };
}

/**
 * A case's place in the desk's list, as text that sorts: open cases first (`0`), by the date their
 * position is due (a delay's new date once given), then closed and withdrawn ones (`1`), each by case
 * number after the date. A dossier that does not read as one sorts with the open cases, first.
 */
export function deskOrder(data: unknown): string {
  const d = (data ?? {}) as Partial<Dossier>;
  const ended = d.status !== undefined && FINAL_STATUSES.has(d.status);
  const due = d.terms ? judgementDue({ terms: d.terms, delay: d.delay }) : "";
  return `${ended ? 1 : 0} ${String(due)} ${String(d.id ?? "")}`;
}

/** Writes the schema's fields only: what the desk computes for itself (`ORDER_FIELD`) never reaches a file. */
export function applyDeskEdit(source: string, entry: Readonly<Record<string, Value>>): string {
  const { data, body: oldBody } = splitDossier(source);
  const current = (data ?? {}) as Record<string, Value>;
  const proposed: Record<string, Value> = {};
  for (const key of Object.keys(dossierSchema.shape)) {
    const value = clean(decode(entry[key], key));
    if (value !== undefined) proposed[key] = value;
  }
  const text = editFrontmatter(source, (doc) => {
    for (const key of Object.keys(dossierSchema.shape))
      merge(doc, [key], current[key], proposed[key]);
  });
  const body = entry[BODY_FIELD];
  if (typeof body !== "string" || body === oldBody || !text.endsWith(oldBody)) return text;
  return text.slice(0, text.length - oldBody.length) + body;
}

/** Writes into `doc` where `now` differs from `was`, leaf by leaf; fixed fields are left as they are. */
function merge(doc: Document, path: Path, was: Value, now: Value): void {
  if (FIXED_FIELDS.has(pathName(path))) return;
  if (isContainer(was) && isContainer(now) && Array.isArray(was) === Array.isArray(now)) {
    const keys = new Set([...Object.keys(was), ...Object.keys(now)]);
    const ordered = [...keys].map((k) => (Array.isArray(was) ? Number(k) : k));
    // Removed list items go from the end, so the indexes of the others hold.
    if (Array.isArray(was)) ordered.sort((a, b) => Number(b) - Number(a));
    for (const key of ordered) {
      merge(
        doc,
        [...path, key],
        (was as Record<string, Value>)[key],
        (now as Record<string, Value>)[key],
      );
    }
    return;
  }
  if (sameValue(was, now)) return;
  if (now === undefined) doc.deleteIn(path);
  else if (was === undefined || !isContainer(now)) doc.setIn(path, now);
  else doc.setIn(path, doc.createNode(keepFixed(path, was, now)));
}

/** A block that is new or changes shape keeps the fixed values it had. */
function keepFixed(path: Path, was: Value, now: Value): Value {
  if (!isContainer(now)) return FIXED_FIELDS.has(pathName(path)) ? was : now;
  const out: Record<string, Value> | Value[] = Array.isArray(now) ? [] : {};
  for (const [key, value] of Object.entries(now)) {
    const old = isContainer(was) ? (was as Record<string, Value>)[key] : undefined;
    const kept = keepFixed([...path, key], old, value);
    if (kept !== undefined) (out as Record<string, Value>)[key] = kept;
  }
  return out;
}

/** Empty text, empty blocks and empty lists mean "not filled in": the field is left out. */
function clean(value: Value): Value {
  if (value === "" || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isContainer(value)) {
    const out: Record<string, Value> = {};
    for (const [key, v] of Object.entries(value)) {
      const kept = clean(v);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n") : value;
}

/** The form shows a three-way answer as words; the dossier holds true, false or null. */
function encode(value: Value, path: string): Value {
  if (CODED_FIELDS.has(path)) return String(value);
  if (Array.isArray(value)) return value.map((v) => encode(v, path));
  if (isContainer(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, encode(v, path ? `${path}.${k}` : k)]),
    );
  }
  return value;
}

function decode(value: Value, path: string): Value {
  if (CODED_FIELDS.has(path)) {
    return value === "true"
      ? true
      : value === "false"
        ? false
        : value === "null"
          ? null
          : undefined;
  }
  if (Array.isArray(value)) return value.map((v) => decode(v, path));
  if (isContainer(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, decode(v, `${path}.${k}`)]),
    );
  }
  return value;
}

function pathName(path: Path): string {
  return path.filter((p) => typeof p === "string").join(".");
}

function isContainer(value: Value): value is Record<string, Value> | Value[] {
  return typeof value === "object" && value !== null;
}

function sameValue(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
