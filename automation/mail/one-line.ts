/**
 * Text a mail's sender chose (a name, a subject, a file name, a bounce's
 * reason) made fit for one line of a letter or a dossier: control
 * characters and line breaks become spaces, bidirectional overrides (which
 * could make a name read backwards) are dropped, runs of spaces collapse.
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]/gu, " ")
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** At most `max` UTF-16 units, never splitting a character; `…` marks a cut. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}
