/**
 * The first lines of a reply, without the history a mail client quotes under
 * it: cut at the first quoted line (`>`), an attribution line ("On … wrote:",
 * "Op … schreef …:"), Outlook's header block or separator, a forwarded
 * message's banner, or the signature mark. At most `maxLines` lines and
 * `maxChars` characters. Pure.
 */
const HISTORY = [
  /^>/,
  /^(on|op|am|le|el)\s.{4,300}\s(wrote|schreef|schrieb|a écrit|escribió|het volgende geschreven)\s?.{0,80}:\s*$/i,
  /^-{2,}\s*(original message|oorspronkelijk bericht|ursprüngliche nachricht|forwarded message|doorgestuurd bericht)\s*-{2,}/i,
  /^(from|van|von):\s.+$/i,
  /^_{10,}$/,
  /^--$/,
  /^begin forwarded message:/i,
];

const WRAPPED_END =
  /^(.{0,80}\s)?(wrote|schreef|schrieb|a écrit|escribió|het volgende geschreven)\s?:\s*$/i;

export function firstLines(text: string, maxLines = 12, maxChars = 1200): string {
  const kept: string[] = [];
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    // No control characters or bidi overrides: the handler must read what is there.
    const line = raw
      .replace(/[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) =>
        c === "\t" ? " " : "",
      )
      .trimEnd();
    if (HISTORY.some((pattern) => pattern.test(line))) break;
    // Gmail wraps a long attribution: "On …, Name <address>" and then "wrote:" on a line of its own.
    if (WRAPPED_END.test(line) && /^(on|op|am|le|el)\s/i.test(kept.at(-1) ?? "")) {
      kept.pop();
      break;
    }
    if (line.trim() === "" && (kept.length === 0 || kept.at(-1) === "")) continue;
    kept.push(line);
    if (kept.filter(Boolean).length >= maxLines) break;
  }
  const joined = kept.join("\n").trim();
  if (joined.length <= maxChars) return joined;
  return `${[...joined]
    .slice(0, maxChars - 1)
    .join("")
    .trimEnd()}…`;
}
