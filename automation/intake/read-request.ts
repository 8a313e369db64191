import type { UploadedFile } from "./attachments.ts";

export const BODY_LIMITS = {
  /** Multipart bodies carry attachments: 20 MiB of files plus room for the fields. */
  multipart: 21 * 1024 * 1024,
  /** Form-encoded and JSON bodies hold text only. */
  text: 256 * 1024,
} as const;

export type BodyKind = "form" | "multipart" | "json";

export type ReadResult =
  | { ok: true; kind: BodyKind; fields: Record<string, unknown>; files: UploadedFile[] }
  | {
      ok: false;
      status: 400 | 413 | 415;
      kind?: BodyKind;
      reason: string;
      /**
       * A multipart body too large to take: the text fields found whole in its first
       * `LEADING_BYTES` (a form sends its fields before its files), so what was typed can be shown again.
       */
      leading?: Record<string, string>;
    };

/** How much of a multipart body too large to take is read for the text fields before its files. */
export const LEADING_BYTES = 256 * 1024;

/** Reads a complaint submission's body within the size limits, whatever its content type. */
export async function readIntakeRequest(request: Request): Promise<ReadResult> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  const kind: BodyKind | undefined =
    type === "application/x-www-form-urlencoded"
      ? "form"
      : type === "multipart/form-data"
        ? "multipart"
        : type === "application/json"
          ? "json"
          : undefined;
  if (!kind) {
    return {
      ok: false,
      status: 415,
      reason: "send application/x-www-form-urlencoded, multipart/form-data or application/json",
    };
  }
  const limit = kind === "multipart" ? BODY_LIMITS.multipart : BODY_LIMITS.text;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit && kind !== "multipart") return tooLarge(kind, limit);
  const read = await readBody(request, declared > limit ? 0 : limit);
  if ("start" in read) {
    if (kind !== "multipart") return tooLarge(kind, limit);
    const leading = leadingFields(read.start, request.headers.get("content-type") ?? "");
    return { ...tooLarge(kind, limit), leading };
  }
  const { bytes } = read;

  if (kind === "json") {
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return { ok: false, status: 400, kind, reason: "the body is not valid JSON" };
    }
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return { ok: false, status: 400, kind, reason: "the body must be a JSON object" };
    }
    return { ok: true, kind, fields: data as Record<string, unknown>, files: [] };
  }
  if (kind === "form") {
    return {
      ok: true,
      kind,
      fields: firstValues(new URLSearchParams(new TextDecoder().decode(bytes))),
      files: [],
    };
  }
  let form: FormData;
  try {
    form = await new Request("http://intake.invalid/", {
      method: "POST",
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      body: bytes,
    }).formData();
  } catch {
    return { ok: false, status: 400, kind, reason: "the multipart body cannot be read" };
  }
  const files: UploadedFile[] = [];
  const text = new Map<string, string>();
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      if (!text.has(name)) text.set(name, value);
    } else if (name === "attachments") {
      files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { ok: true, kind, fields: Object.fromEntries(text), files };
}

function tooLarge(kind: BodyKind, limit: number): ReadResult & { ok: false } {
  return {
    ok: false,
    status: 413,
    kind,
    reason: `the body is larger than ${Math.round(limit / 1024)} KiB`,
  };
}

/** The body, or undefined as soon as it passes `limit` bytes (the rest is not read). */
export async function readCapped(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const read = await readBody(request, limit);
  return "bytes" in read ? read.bytes : undefined;
}

/**
 * The body, or as soon as it passes `limit` bytes its first `LEADING_BYTES` or so (a body known to be
 * too large is given `limit` 0); the rest is not read.
 */
async function readBody(
  request: Request,
  limit: number,
): Promise<{ bytes: Uint8Array } | { start: Uint8Array }> {
  if (!request.body) return { bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit && (size >= LEADING_BYTES || limit > 0)) {
      await reader.cancel().catch(() => undefined);
      return { start: Buffer.concat(chunks).subarray(0, LEADING_BYTES) };
    }
  }
  const bytes = Buffer.concat(chunks);
  return size > limit ? { start: bytes.subarray(0, LEADING_BYTES) } : { bytes };
}

/** The text fields whole in the start of a multipart body (not its files). Pure. */
function leadingFields(start: Uint8Array, contentType: string): Record<string, string> {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return {};
  const parts = Buffer.from(start).toString("latin1").split(`--${boundary}`);
  const fields: Record<string, string> = {};
  // The first piece comes before the first part, the last is cut off or the end: neither is a field.
  for (const part of parts.slice(1, -1)) {
    const end = part.indexOf("\r\n\r\n");
    if (end < 0) continue;
    const headers = part.slice(0, end);
    const name = /^content-disposition:[^\r\n]*;\s*name="([^"]*)"/im.exec(headers)?.[1];
    if (name === undefined || /filename\*?=/i.test(headers) || name in fields) continue;
    fields[name] = Buffer.from(part.slice(end + 4).replace(/\r\n$/, ""), "latin1").toString("utf8");
  }
  return fields;
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}
