/** What stands in a kept copy where the token was: 32 characters, like a token, that open nothing. */
export const REDACTED_TOKEN = "REMOVED-personal-link-not-in-git";

/** How deep base64 inside base64 is opened (a forwarded message inside an encoded part). */
const MAX_DEPTH = 3;

/**
 * `message` (RFC 5322 text, one character per byte: latin1 or ASCII) with
 * every occurrence of `token` replaced by `REDACTED_TOKEN`, character for
 * character, so every other byte stays where it was. Found as written, across
 * quoted-printable soft line breaks (`=` and a line end inside the token), and
 * inside base64-encoded parts: a run of base64 lines that holds the token
 * once decoded is encoded again into lines of the same lengths, so only the
 * characters that carry the token change. Not found: a token broken over two
 * lines by a mail client's quoting, percent- or entity-encoded, in an encoded
 * header word, or inside an attached file's own format (PDF, Word, images).
 */
export function maskToken(message: string, token: string, depth = 0): string {
  const masked = maskWritten(message, token);
  return depth >= MAX_DEPTH ? masked : maskBase64Runs(masked, token, depth);
}

function maskWritten(text: string, token: string): string {
  // By hand rather than by a RegExp of the token: one is made for every letter, and its
  // compiling cost more than the search.
  let out: string[] | undefined;
  let done = 0;
  for (let at = text.indexOf(token[0] ?? ""); at >= 0 && token.length > 0;) {
    const end = matchAcrossSoftBreaks(text, token, at);
    if (end < 0) {
      at = text.indexOf(token[0] ?? "", at + 1);
      continue;
    }
    let i = 0;
    const masked = text.slice(at, end).replace(/[A-Za-z0-9_-]/g, () => REDACTED_TOKEN[i++] ?? "-");
    (out ??= []).push(text.slice(done, at), masked);
    done = end;
    at = text.indexOf(token[0] ?? "", end);
  }
  if (!out) return text;
  out.push(text.slice(done));
  return out.join("");
}

/** Where `token` written from `start` ends, with quoted-printable soft line breaks (`=` and a line end) inside it; -1 when it is not there. */
function matchAcrossSoftBreaks(text: string, token: string, start: number): number {
  let j = start;
  for (let k = 0; k < token.length;) {
    if (text[j] === token[k]) {
      j++;
      k++;
    } else if (k > 0 && text[j] === "=" && text[j + 1] === "\n") j += 2;
    else if (k > 0 && text[j] === "=" && text[j + 1] === "\r" && text[j + 2] === "\n") j += 3;
    else return -1;
  }
  return j;
}

/** Each run of base64 lines long enough to hold a token: decoded, masked, encoded again in place. */
function maskBase64Runs(text: string, token: string, depth: number): string {
  const minimum = Math.ceil((token.length * 4) / 3);
  const out: string[] = [];
  let done = 0;
  let run = -1;
  let runEnd = -1;
  for (let at = 0; at <= text.length;) {
    const newline = text.indexOf("\n", at);
    const next = newline < 0 ? text.length : newline;
    const end = next > at && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    if (isBase64Line(text, at, end)) {
      if (run < 0) run = at;
      runEnd = end;
    } else if (run >= 0) {
      const masked = maskRun(text.slice(run, runEnd), token, depth, minimum);
      if (masked !== undefined) {
        out.push(text.slice(done, run), masked);
        done = runEnd;
      }
      run = -1;
    }
    at = next + 1;
  }
  if (done === 0) return text;
  out.push(text.slice(done));
  return out.join("");
}

/** The run with the token masked inside, or undefined when there is none (or it is not base64). */
function maskRun(run: string, token: string, depth: number, minimum: number): string | undefined {
  const encoded = run.replace(/\r?\n/g, "");
  if (encoded.length < minimum || encoded.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(encoded, "base64");
  const decoded = bytes.toString("latin1");
  const masked = maskToken(decoded, token, depth + 1);
  // Only canonical base64 is touched: text that merely looks like it is left as it is.
  if (masked === decoded || bytes.toString("base64") !== encoded) return undefined;
  const again = Buffer.from(masked, "latin1").toString("base64");
  let at = 0;
  return run.replace(/[^\r\n]+/g, (line) => again.slice(at, (at += line.length)));
}

const BASE64_CHARS = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  BASE64_CHARS[c.charCodeAt(0)] = 1;

/** Whether text[start, end) is a line of base64: its characters, then at most two `=`. */
function isBase64Line(text: string, start: number, end: number): boolean {
  let stop = end;
  while (stop > start && end - stop < 2 && text.charCodeAt(stop - 1) === 61) stop--;
  if (stop === start) return false;
  for (let i = start; i < stop; i++) {
    const code = text.charCodeAt(i);
    if (code > 127 || BASE64_CHARS[code] !== 1) return false;
  }
  return true;
}
