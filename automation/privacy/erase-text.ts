/**
 * What an erasure makes of each file of a dossier (see docs/privacy.md): the
 * dossier keeps what the audit reports and loses every name, address and
 * word; a letter keeps its Date; an attachment keeps a line saying it was
 * erased. Pure: text in, text out, the same for the same input.
 */
import { renderComplaintSection, extractComplaint } from "../domain/complaint-section.ts";
import { HANDLER_HEADINGS } from "../domain/complaint-section.ts";
import { editFrontmatter, serializeDossier, splitDossier } from "../domain/dossier-text.ts";

export const ERASED = "[erased]";
export const ERASED_EMAIL = "erased@erased.invalid";

export interface ErasureRecord {
  at: string;
  rule: "retention" | "request" | "staff_request";
  digest: string;
}

type Data = Record<string, unknown>;

const FREE_TEXT: Record<string, readonly string[]> = {
  information: ["request"],
  liability: ["reason"],
  delay: ["reason"],
  judgement: ["findings", "reasoning", "follow_up", "further_contact"],
};

/**
 * A version of `dossier.md` with its personal data erased: the complainant,
 * the summary, every free text, the staff involved and the body; what the
 * audit reads stays. `record` is appended to its `erasure` list; `version`
 * tells versions that differed apart, so that each still reads as a change.
 */
export function eraseDossierText(
  text: string,
  id: string,
  record: ErasureRecord,
  version = 1,
): string {
  const data = readData(text);
  if (!data) return serializeDossier({ id, erasure: [record] }, `${ERASED}\n`);
  const out: Data = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "summary") out.summary = ERASED;
    else if (key === "thread") continue;
    else if (key === "complainant" && isData(value)) {
      out.complainant = {
        name: ERASED,
        email: ERASED_EMAIL,
        ...(typeof value.prefers_meeting === "boolean"
          ? { prefers_meeting: value.prefers_meeting }
          : {}),
      };
    } else if (key === "staff_involved" && Array.isArray(value)) {
      out.staff_involved = value.map((s: unknown) => (isData(s) ? erasedStaff(s) : s));
    } else if (FREE_TEXT[key] && isData(value)) {
      out[key] = blank(value, FREE_TEXT[key]);
    } else out[key] = value;
  }
  out.erasure = [...(Array.isArray(data.erasure) ? data.erasure : []), record];
  // Each version stays a version of its own (numbered in the order met), so no step of the history vanishes.
  const [first, ...rest] = HANDLER_HEADINGS;
  const sections = [`${first}\n\n${ERASED} (version ${version})\n`, ...rest.map((h) => `${h}\n`)];
  const body = extractComplaint(splitDossier(text).body)
    ? [renderComplaintSection(ERASED), ...sections].join("\n")
    : `${ERASED} (version ${version})\n`;
  return serializeDossier(out, body);
}

/**
 * A version of `dossier.md` with one staff member's entries erased (matched by
 * e-mail, any case) and `record` appended to its `erasure` list, in every
 * version (the record never changes from one version to the next); the rest
 * keeps the handler's formatting. An unreadable version is kept as it is.
 */
export function eraseStaffText(text: string, email: string, record: ErasureRecord): string {
  const data = readData(text);
  if (!data) return text;
  const staff = Array.isArray(data.staff_involved) ? data.staff_involved : [];
  return editFrontmatter(text, (doc) => {
    staff.forEach((s: unknown, i) => {
      if (matches(s, email))
        doc.setIn(["staff_involved", i], doc.createNode(erasedStaff(s as Data)));
    });
    const erasure = [...(Array.isArray(data.erasure) ? data.erasure : []), record];
    doc.set("erasure", doc.createNode(erasure));
  });
}

/** The e-mail addresses and names in a version of a dossier: what commit messages must lose. */
export function personalTerms(text: string, staffOnly?: string): string[] {
  const data = readData(text);
  if (!data) return [];
  const terms: unknown[] = [];
  const people = Array.isArray(data.staff_involved) ? data.staff_involved : [];
  for (const s of people) {
    if (staffOnly !== undefined && !matches(s, staffOnly)) continue;
    if (isData(s)) terms.push(s.name, s.email);
  }
  if (staffOnly === undefined) {
    const c = isData(data.complainant) ? data.complainant : {};
    terms.push(c.name, c.email, c.phone, c.organisation, data.summary);
  }
  return terms.filter((t): t is string => typeof t === "string" && t.trim().length >= 3);
}

/** A commit message with every term replaced by `[erased]` (letters' case ignored). */
export function scrubMessage(message: string, terms: readonly string[]): string {
  let out = message;
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(term.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi"), ERASED);
  }
  return out;
}

/** A letter's copy with only its Date kept, and a line saying what happened. */
export function eraseLetter(eml: string, id: string, record: ErasureRecord): string {
  const end = eml.search(/\r?\n\r?\n/);
  const head = end === -1 ? eml : eml.slice(0, end);
  const date = /^date:[ \t]*(.*)$/im.exec(head)?.[1]?.trim();
  return [
    ...(date ? [`Date: ${date}`] : []),
    `From: ${ERASED} <${ERASED_EMAIL}>`,
    `To: ${ERASED} <${ERASED_EMAIL}>`,
    `Subject: ${ERASED} ${id}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    `X-Docket-Erased: ${record.at} ${record.rule}`,
    "",
    `The content of this message was erased on ${record.at} (${record.rule}).`,
    "",
  ].join("\r\n");
}

/** Whether a letter's copy was sent to or came from `email` (its To, From or Cc header). */
export function letterConcerns(eml: string, email: string): boolean {
  const end = eml.search(/\r?\n\r?\n/);
  const head = (end === -1 ? eml : eml.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const wanted = email.toLowerCase();
  return head
    .split(/\r?\n/)
    .filter((l) => /^(to|from|cc|reply-to):/i.test(l))
    .some((l) => l.toLowerCase().includes(wanted));
}

/** What an attachment becomes. */
export function erasedAttachment(record: ErasureRecord): string {
  return `This attachment was erased on ${record.at} (${record.rule}).\n`;
}

function erasedStaff(s: Data): Data {
  const out: Data = { name: ERASED, email: ERASED_EMAIL };
  for (const key of ["informed_at", "responded_at"]) if (s[key] !== undefined) out[key] = s[key];
  if (s.summary !== undefined) out.summary = ERASED;
  return out;
}

function blank(block: Data, fields: readonly string[]): Data {
  const out: Data = {};
  for (const [key, value] of Object.entries(block))
    out[key] = fields.includes(key) && typeof value === "string" ? ERASED : value;
  return out;
}

function matches(s: unknown, email: string): boolean {
  return isData(s) && typeof s.email === "string" && s.email.toLowerCase() === email.toLowerCase();
}

function isData(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readData(text: string): Data | undefined {
  try {
    const { data } = splitDossier(text);
    return isData(data) ? data : undefined;
  } catch {
    return undefined;
  }
}
