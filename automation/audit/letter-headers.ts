/**
 * What the audit reads of a letter's copy (`correspondence/NNNN-<key>.eml`):
 * its number and key from the file name, `Date`, `To` and `Subject` from its
 * headers. Pure.
 */
import { formatInstant } from "../domain/instant.ts";
import { decodeEncodedWords } from "../mail/mime.ts";
import { own } from "./history.ts";

export interface LetterHeaders {
  date?: string;
  to?: string;
  subject?: string;
}

const COPY = /^(\d{4})-([a-z0-9_-]+)\.eml$/;

/** `0003-delay_notice-2026-12-08.eml` → number 3, key `delay_notice-2026-12-08`, letter `delay_notice`. */
export function parseCopyName(
  name: string,
): { number: number; key: string; letter: string } | undefined {
  const match = COPY.exec(name);
  if (!match) return undefined;
  const key = match[2] ?? "";
  return { number: Number(match[1]), key, letter: key.split("-")[0] ?? key };
}

/** The headers of an RFC 5322 message (folded lines joined, encoded words decoded). */
export function parseLetterHeaders(text: string): LetterHeaders {
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end === -1 ? text : text.slice(0, end)).split(/\r?\n/);
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && unfolded.length > 0) unfolded[unfolded.length - 1] += line;
    else unfolded.push(line);
  }
  const headers: LetterHeaders = {};
  for (const line of unfolded) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = decodeWords(line.slice(colon + 1).trim());
    if ((name === "date" || name === "to" || name === "subject") && headers[name] === undefined) {
      headers[name] = value;
    }
  }
  return headers;
}

/** RFC 2047 words in a header, decoded (see `decodeEncodedWords`). */
export const decodeWords = decodeEncodedWords;

/** When a letter went out: its Date header, unless that is unreadable or after its copy was committed. */
export function sentAt(date: string | undefined, committed: string, timeZone: string): string {
  const ms = date === undefined ? Number.NaN : Date.parse(date);
  return Number.isNaN(ms) || ms > Date.parse(committed)
    ? committed
    : formatInstant(new Date(ms), timeZone);
}

/** The headers as strings of their own (`own`), not views into the text they were read from. */
export function ownHeaders(headers: LetterHeaders): LetterHeaders {
  const owned: LetterHeaders = {};
  if (headers.date !== undefined) owned.date = own(headers.date);
  if (headers.to !== undefined) owned.to = own(headers.to);
  if (headers.subject !== undefined) owned.subject = own(headers.subject);
  return owned;
}
