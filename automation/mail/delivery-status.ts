import { cutText, oneLine } from "./one-line.ts";

/**
 * A delivery status notification (RFC 3464) about one of our letters, as
 * Docket files it in `correspondence/`: which letter did not arrive, to whom,
 * why, and the report's file. Pure.
 */
export interface DeliveryStatus {
  /** The letter's template name (`acknowledgement`), or "" when the report does not say. */
  letter: string;
  /** The address it did not reach, or "". */
  to: string;
  /** What the receiving side said, or "". */
  reason: string;
  /** The copy of the report in `correspondence/`. */
  file: string;
}

/** Which letter a report is about, to whom and why: from its delivery-status fields and the returned headers. */
export function bounceDetails(raw: Uint8Array, file: string, dossierId: string): DeliveryStatus {
  const text = new TextDecoder("latin1").decode(raw.subarray(0, 256 * 1024));
  const field = (pattern: RegExp) => oneLine(pattern.exec(text)?.[1] ?? "");
  const escaped = dossierId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const id = `<${escaped}(?:\\.([a-z0-9_]+)[a-z0-9_-]*)?@[^<>\\s]+>`;
  // The returned letter's own Message-ID first: its In-Reply-To names the thread's first letter.
  const ours =
    new RegExp(`^Message-ID:\\s*${id}`, "im").exec(text) ?? new RegExp(id, "i").exec(text);
  const letter = ours ? (ours[1] ?? "acknowledgement").toLowerCase() : "";
  const status = field(/^Status:\s*([0-9.]+)/im);
  const diagnostic = field(/^Diagnostic-Code:\s*(?:smtp;\s*)?(.+(?:\r?\n[ \t].+)*)/im);
  return {
    letter,
    to:
      field(/^Final-Recipient:\s*rfc822;\s*<?([^\s<>]+)>?/im) ||
      field(/^Original-Recipient:\s*rfc822;\s*<?([^\s<>]+)>?/im),
    reason: cutText([status, diagnostic].filter(Boolean).join(" ").trim(), 300),
    file: file.split("/").pop() ?? file,
  };
}
