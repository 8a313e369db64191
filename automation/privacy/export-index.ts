/** The index of an export: one page in HTML and the same in Markdown, Dutch and English. Pure. */

export interface ExportedCase {
  id: string;
  roles: ("complainant" | "staff" | "handler")[];
  receivedAt: string;
  status: string;
  /** Only for the complainant: their own summary. */
  summary?: string | undefined;
  /** Files under the case's folder of the export. */
  files: string[];
}

const ROLE: Record<ExportedCase["roles"][number], string> = {
  complainant: "indiener / complainant",
  staff: "betrokken medewerker / staff member heard",
  handler: "behandelaar / handler",
};

const INTRO = [
  "Dit zijn alle gegevens die ons klachtensysteem over u bewaart (AVG art. 15).",
  "This is all the data our complaints system holds about you (GDPR art. 15).",
  "dossier.md: het dossier / the case file; correspondence/*.eml: brieven en mail, te openen met elk mailprogramma / letters and mail, open them with any mail program; attachments/: bijlagen / attachments; about-you.yaml: de gegevens over u / the fields about you.",
];

export function exportIndexHtml(
  email: string,
  cases: readonly ExportedCase[],
  now: string,
): string {
  const rows = cases
    .map(
      (c) => `<section>
<h2>${esc(c.id)}</h2>
<p>${esc(c.roles.map((r) => ROLE[r]).join(", "))} · ${esc(c.receivedAt)} · ${esc(c.status)}${c.summary ? ` · ${esc(c.summary)}` : ""}</p>
<ul>
${c.files.map((f) => `<li><a href="${esc(encodeURI(`${c.id}/${f}`))}">${esc(f)}</a></li>`).join("\n")}
</ul>
</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Uw gegevens / Your data</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}</style>
</head>
<body>
<main>
<h1>Uw gegevens / Your data: ${esc(email)}</h1>
${INTRO.map((p) => `<p>${esc(p)}</p>`).join("\n")}
<p>${esc(`${cases.length} dossier(s), ${now}`)}</p>
${rows}
</main>
</body>
</html>
`;
}

export function exportIndexMarkdown(
  email: string,
  cases: readonly ExportedCase[],
  now: string,
): string {
  const parts = [`# Uw gegevens / Your data: ${email}`, "", ...INTRO.flatMap((p) => [p, ""])];
  parts.push(`${cases.length} dossier(s), ${now}`, "");
  for (const c of cases) {
    parts.push(`## ${c.id}`, "");
    parts.push(
      `${c.roles.map((r) => ROLE[r]).join(", ")} · ${c.receivedAt} · ${c.status}${c.summary ? ` · ${c.summary}` : ""}`,
      "",
    );
    for (const f of c.files) parts.push(`- [${f}](${encodeURI(`${c.id}/${f}`)})`);
    parts.push("");
  }
  return parts.join("\n");
}

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
