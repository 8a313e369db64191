import { formatInstant } from "../domain/instant.ts";

/**
 * The MIME encodings an e-mail needs (RFC 2045, 2047, 5322): pure text in,
 * 7-bit safe text out. Used by `renderEml`.
 */

/** Lines SHOULD stay within 78 characters and MUST within 998 (RFC 5322 §2.1.1). */
export const SOFT_LINE_LIMIT = 78;
export const HARD_LINE_LIMIT = 998;

/** Line breaks and control characters, which must never reach a header. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** A header value or part that could end the header or start another one. */
export class InvalidHeaderError extends Error {
  readonly header: string;
  constructor(header: string, message: string) {
    super(`${header} header refused: ${message}`);
    this.name = "InvalidHeaderError";
    this.header = header;
  }
}

/** Throws an `InvalidHeaderError` naming the header if `value` holds CR, LF or another control character. */
export function assertHeaderText(header: string, value: string): void {
  if (CONTROL.test(value)) {
    throw new InvalidHeaderError(
      header,
      `contains a line break or control character (${JSON.stringify(value)}); it was not written`,
    );
  }
}

export function isPrintableAscii(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

const utf8 = new TextEncoder();

/**
 * RFC 2047 encoded-words (`=?UTF-8?B?…?=`) for `text`, each at most 60
 * characters (so a header line with one stays within 78) and never
 * splitting a character across two words.
 */
export function encodedWords(text: string): string[] {
  const words: string[] = [];
  let chunk = "";
  let size = 0;
  for (const char of text) {
    const bytes = utf8.encode(char).length;
    // 36 bytes encode to 48 base64 characters: 10 + 48 + 2 = 60.
    if (size + bytes > 36 && chunk) {
      words.push(encodeWord(chunk));
      chunk = "";
      size = 0;
    }
    chunk += char;
    size += bytes;
  }
  if (chunk || words.length === 0) words.push(encodeWord(chunk));
  return words;
}

function encodeWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}

/**
 * `Name: value`, folded before white space so no line passes 78 characters
 * where that is possible; a line that would pass 998 is refused.
 */
export function foldHeader(name: string, value: string): string {
  const lines: string[] = [];
  let rest = `${name}: ${value}`;
  // The first line keeps at least `Name: x`; a folded line starts with its space.
  let head = name.length + 2;
  while (rest.length > SOFT_LINE_LIMIT) {
    let cut = rest.lastIndexOf(" ", SOFT_LINE_LIMIT);
    if (cut <= head) cut = rest.indexOf(" ", SOFT_LINE_LIMIT + 1);
    if (cut <= head) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
    head = 0;
  }
  lines.push(rest);
  if (lines.some((line) => line.length > HARD_LINE_LIMIT)) {
    throw new InvalidHeaderError(name, `a line would be longer than ${HARD_LINE_LIMIT} characters`);
  }
  return lines.join("\r\n");
}

/**
 * Quoted-printable (RFC 2045 §6.7) of UTF-8 text: line ends become CRLF,
 * encoded lines stay within 76 characters, trailing white space and a
 * leading dot are encoded. The output never contains `=_`, which makes
 * `=_…` a boundary that cannot occur in it.
 */
export function quotedPrintable(text: string): string {
  return text.replace(/\r\n?/g, "\n").split("\n").map(encodeQuotedPrintableLine).join("\r\n");
}

function encodeQuotedPrintableLine(line: string): string {
  const bytes = utf8.encode(line);
  const tokens: string[] = [];
  bytes.forEach((byte, index) => {
    const last = index === bytes.length - 1;
    const literal =
      (byte >= 33 && byte <= 126 && byte !== 61 && !(byte === 46 && index === 0)) ||
      ((byte === 32 || byte === 9) && !last);
    tokens.push(
      literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    );
  });
  const out: string[] = [];
  let current = "";
  for (const token of tokens) {
    if (current.length + token.length > 75) {
      out.push(`${current}=`);
      current = "";
    }
    current += token;
  }
  out.push(current);
  return out.join("\r\n");
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * RFC 5322 date-time as the clock in `timeZone` shows it, with that zone's
 * offset at the moment: `Tue, 24 Nov 2026 09:13:05 +0100` in Europe/Amsterdam.
 * Throws an `InvalidHeaderError` for an invalid date or an unknown zone.
 */
export function formatRfc5322Date(date: Date, timeZone = "UTC"): string {
  if (Number.isNaN(date.getTime())) throw new InvalidHeaderError("Date", "not a valid date");
  let local: string;
  try {
    local = formatInstant(date, timeZone);
  } catch {
    throw new InvalidHeaderError("Date", `unknown time zone ${JSON.stringify(timeZone)}`);
  }
  const [, year, month, day, time, sign, hours, minutes] =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})([+-])(\d{2}):(\d{2})$/.exec(local) ?? [];
  const weekday = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay();
  return `${DAYS[weekday]}, ${Number(day)} ${MONTHS[Number(month) - 1]} ${year} ${time} ${sign}${hours}${minutes}`;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * RFC 2047 encoded-words back to text: `=?utf-8?Q?Bevestiging_ontvangst?=`
 * → `Bevestiging ontvangst`. White space between two encoded words is not
 * text; a word in a charset this runtime cannot decode is left as it is.
 */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, "$1")
    .replace(ENCODED_WORD, (word, charset: string, encoding: string, data: string) => {
      try {
        const bytes =
          encoding.toUpperCase() === "B"
            ? Buffer.from(data, "base64")
            : Buffer.from(
                data
                  .replace(/_/g, " ")
                  .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                    String.fromCharCode(parseInt(hex, 16)),
                  ),
                "latin1",
              );
        return new TextDecoder(charset.toLowerCase()).decode(bytes);
      } catch {
        return word;
      }
    });
}
