/**
 * The complainant's words live in the body under `## Klacht`, inside a fence
 * longer than any run of fence characters in the text. Nothing they write can
 * close the fence, start a heading, or reach the frontmatter: it stays text.
 */

export const COMPLAINT_HEADING = "## Klacht";

/** Sections a handler fills in; the order a new dossier starts with. */
export const HANDLER_HEADINGS = ["## Onderzoek", "## Wederhoor", "## Oordeel"] as const;

/** Normalises what a complainant typed: LF line ends, no control characters but tabs. */
export function normalizeComplaintText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/\s+$/, "")
  );
}

/** The `## Klacht` section for a complaint text. */
export function renderComplaintSection(text: string): string {
  const normalized = normalizeComplaintText(text);
  const longest = Math.max(0, ...(normalized.match(/~+/g) ?? []).map((run) => run.length));
  const fence = "~".repeat(Math.max(3, longest + 1));
  return `${COMPLAINT_HEADING}\n\n${fence}text\n${normalized}\n${fence}\n`;
}

/** The body of a new dossier: the complaint, then empty sections for the handler. */
export function renderDossierBody(text: string): string {
  return [renderComplaintSection(text), ...HANDLER_HEADINGS.map((h) => `${h}\n`)].join("\n");
}

export interface ComplaintLocation {
  text: string;
  /** 0-based index of the `## Klacht` line within the body. */
  headingLine: number;
}

/**
 * Reads the complainant's words back from a body: the fenced block right
 * after the first `## Klacht` heading outside any fence. `undefined` if the
 * section or its fence is missing or not closed.
 */
export function extractComplaint(body: string): ComplaintLocation | undefined {
  const lines = body.split("\n").map((l) => l.replace(/\r$/, ""));
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const current = lines[i] ?? "";
    if (fence) {
      if (closesFence(current, fence)) fence = undefined;
      continue;
    }
    const opening = openingFence(current);
    if (opening) {
      fence = opening;
      continue;
    }
    if (current.trimEnd() !== COMPLAINT_HEADING) continue;
    let j = i + 1;
    while (j < lines.length && (lines[j] ?? "").trim() === "") j++;
    const open = openingFence(lines[j] ?? "");
    if (!open) return undefined;
    const content: string[] = [];
    for (let k = j + 1; k < lines.length; k++) {
      const l = lines[k] ?? "";
      if (closesFence(l, open)) return { text: content.join("\n"), headingLine: i };
      content.push(l);
    }
    return undefined;
  }
  return undefined;
}

function openingFence(line: string): string | undefined {
  const match = /^ {0,3}(~{3,}|`{3,})/.exec(line);
  return match?.[1];
}

function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(~{3,}|`{3,})\s*$/.exec(line);
  return !!match?.[1] && match[1][0] === fence[0] && match[1].length >= fence.length;
}

/** The `#` headings of a body that stand outside fenced blocks: the sections a reader sees. */
export function headingsOutsideFences(body: string): string[] {
  const headings: string[] = [];
  let fence: string | undefined;
  for (const raw of body.split("\n")) {
    const current = raw.replace(/\r$/, "");
    if (fence) {
      if (closesFence(current, fence)) fence = undefined;
    } else if (
      (fence = openingFence(current)) === undefined &&
      /^ {0,3}#{1,6}(\s|$)/.test(current)
    ) {
      headings.push(current.trim());
    }
  }
  return headings;
}
