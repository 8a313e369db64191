import type { FieldProblem } from "./intake-messages.ts";

export const ATTACHMENT_LIMITS = {
  count: 5,
  fileBytes: 10 * 1024 * 1024,
  totalBytes: 20 * 1024 * 1024,
} as const;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Attachment {
  /** Safe file name inside `attachments/`, numbered: `01-factuur.pdf`. */
  fileName: string;
  bytes: Uint8Array;
  type: AttachmentType;
}

type AttachmentType = "pdf" | "png" | "jpeg" | "docx" | "txt";

/**
 * Checks uploads by their content, not by what the browser claims, and gives
 * each a safe name. Returns the attachments, or the problem to report.
 */
export function checkAttachments(
  files: readonly UploadedFile[],
): { attachments: Attachment[] } | { problem: FieldProblem } {
  const uploads = files.filter((f) => f.bytes.length > 0 || f.name !== "");
  if (uploads.length > ATTACHMENT_LIMITS.count)
    return { problem: { kind: "attachments_count", max: ATTACHMENT_LIMITS.count } };
  let total = 0;
  const attachments: Attachment[] = [];
  for (const [index, file] of uploads.entries()) {
    const shown = displayName(file.name);
    if (file.bytes.length > ATTACHMENT_LIMITS.fileBytes) {
      return {
        problem: {
          kind: "attachment_size",
          file: shown,
          maxMiB: ATTACHMENT_LIMITS.fileBytes / 2 ** 20,
        },
      };
    }
    total += file.bytes.length;
    if (total > ATTACHMENT_LIMITS.totalBytes) {
      return {
        problem: { kind: "attachments_total", maxMiB: ATTACHMENT_LIMITS.totalBytes / 2 ** 20 },
      };
    }
    const type = sniffType(file.bytes);
    if (!type) return { problem: { kind: "attachment_type", file: shown } };
    attachments.push({
      fileName: safeFileName(file.name, type, index + 1),
      bytes: file.bytes,
      type,
    });
  }
  return { attachments };
}

/** What a file is, from its first bytes. */
export function sniffType(bytes: Uint8Array): AttachmentType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (bytes.length === 0) return undefined;
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const head = new TextDecoder("latin1").decode(
      bytes.subarray(0, Math.min(bytes.length, 64 * 1024)),
    );
    return head.includes("[Content_Types].xml") && head.includes("word/") ? "docx" : undefined;
  }
  return isPlainText(bytes) ? "txt" : undefined;
}

function isPlainText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex -- a text file has no control characters but tab and line ends
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}

/**
 * A name that is safe in any file system, URL and Markdown: the last path
 * segment, accents removed, only letters, digits, dots, dashes and
 * underscores, the extension of the detected type, and a number in front.
 */
export function safeFileName(name: string, type: AttachmentType, number: number): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\.[^.]*$/, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_.]+|[-_.]+$/g, "")
    .slice(0, 60);
  return `${String(number).padStart(2, "0")}-${base || "bijlage"}.${type}`;
}

function displayName(name: string): string {
  const clean = (name.split(/[\\/]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex -- names are shown back in messages: no control characters
    .replace(/[\u0000-\u001f\u007f<>"]/g, "")
    .slice(0, 80);
  return clean || "bestand";
}
