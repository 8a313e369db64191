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
  | { ok: false; status: 400 | 413 | 415; kind?: BodyKind; reason: string };

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
  if (declared > limit) return tooLarge(kind, limit);
  const bytes = await readCapped(request, limit);
  if (!bytes) return tooLarge(kind, limit);

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

function tooLarge(kind: BodyKind, limit: number): ReadResult {
  return {
    ok: false,
    status: 413,
    kind,
    reason: `the body is larger than ${Math.round(limit / 1024)} KiB`,
  };
}

/** The body, or undefined as soon as it passes `limit` bytes (the rest is not read). */
export async function readCapped(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in out)) out[key] = value;
  return out;
}
