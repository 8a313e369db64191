import { OUTCOMES, TERM_KINDS, type AuditReport } from "./audit-report.ts";
import { dossiersTable, findingsTable, localTime, table, timelineSection } from "./html-parts.ts";
import { periodText, verdictLabel } from "./render-text.ts";
import { barChart, escapeXml as esc, stackedBarChart, type Series } from "./svg-charts.ts";

/** Colours of the term outcomes; the white counts on them keep a contrast of at least 4.5:1. */
const SERIES: Series[] = [
  { name: "met", colour: "#1a7f37", ink: "#ffffff" },
  { name: "notified", colour: "#0b5cad", ink: "#ffffff" },
  { name: "missed", colour: "#b42318", ink: "#ffffff" },
  { name: "open", colour: "#5f6670", ink: "#ffffff" },
];

const STYLE = `
@page { size: A4; margin: 15mm }
:root { color: #1a1a1a; background: #fff; font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif }
body { max-width: 62rem; margin: 0 auto; padding: 1.5rem }
h1 { font-size: 1.7rem; margin: 0 0 .25rem } h2 { font-size: 1.3rem; margin: 1.5rem 0 .5rem; border-bottom: 2px solid #1f4e79 }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem }
table { border-collapse: collapse; min-width: 24rem; margin: .5rem 0 1rem; font-size: .85rem } table.wide { width: 100% }
.wide th[scope=row], .dossiers td:nth-child(2), .findings td:nth-child(4) { white-space: nowrap }
caption { text-align: left; font-weight: 600; padding: .25rem 0 }
th, td { border: 1px solid #b8bec6; padding: .2rem .4rem; text-align: left; vertical-align: top }
thead th { background: #eef2f7 } .num { text-align: right; font-variant-numeric: tabular-nums }
dl.figures { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem } dl.figures dt { font-weight: 600 } dl.figures dd { margin: 0 }
.chart { display: block; max-width: 40rem; height: auto; margin: .5rem 0 }
.chart .label { font-size: 13px; fill: #1a1a1a } .chart .value { font-size: 12px; fill: #1a1a1a } .chart .bar { fill: #1f4e79 }
.state { font-weight: 600; padding: 0 .3em; border-radius: .2em; color: #fff; white-space: nowrap }
.state-met { background: #1a7f37 } .state-notified { background: #0b5cad } .state-missed { background: #b42318 } .state-open { background: #5f6670 }
.detail { display: block; color: #4a5058 } .note { color: #4a5058 } code { font-size: .9em }
.alert { border-left: 5px solid #b42318; padding: .25rem .75rem; background: #fdf1f0 } .clean { border-left: 5px solid #1a7f37; padding: .25rem .75rem; background: #eef8f0 }
nav ol { columns: 2 }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt }
  nav { display: none }
  main > section { break-before: page } main > section:first-of-type { break-before: auto }
  h2, h3, caption { break-after: avoid } tr, svg, dl, .timeline { break-inside: avoid }
  thead { display: table-header-group }
  table.wide { font-size: 7.5pt } .wide th, .wide td { padding: .15rem .25rem }
  .wide th[scope=row], .dossiers td:nth-child(2), .findings td:nth-child(4) { white-space: normal }
  .findings td:nth-child(5), .findings td:nth-child(2) { overflow-wrap: anywhere }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact }
  a { color: inherit; text-decoration: none }
}`;

/**
 * The report as ONE self-contained HTML page (no script, no external
 * resource), in pieces: one per dossier's timeline, so a report of 10,000
 * dossiers need not be held whole. Pure.
 */
export function* auditHtml(report: AuditReport): Generator<string> {
  const { figures: f, timeZone } = report;
  const title = `Complaints audit${report.organisation ? ` — ${report.organisation}` : ""}`;
  const section = (id: string, heading: string, ...content: string[]) =>
    `<section aria-labelledby="${id}">\n<h2 id="${id}">${esc(heading)}</h2>\n${content.join("\n")}\n</section>`;
  const count = (n: number) => String(n);
  const months = f.perMonth.map((m) => ({ label: m.month, value: m.count }));
  const categories = f.perCategory.map((c) => ({ label: c.label, value: c.count }));
  const verdicts = f.verdicts.map((v) => ({ label: verdictLabel(v.verdict), value: v.count }));
  const h = f.handlingDays;
  const repo = report.repository;
  const findings = report.integrity;
  const sections = [
    section(
      "summary",
      "Summary",
      `<dl class="figures">`,
      `<dt>Period</dt><dd>${esc(periodText(report))}</dd>`,
      `<dt>Complaints</dt><dd>${f.complaints}</dd>`,
      `<dt>Closed</dt><dd>${h.closed}${h.median === null ? "" : `; median ${h.median} days, 90th percentile ${h.p90} days from receipt`}</dd>`,
      `<dt>History read</dt><dd>${esc(repo.ref)}${repo.head ? ` at <code>${esc(repo.head.slice(0, 12))}</code>` : ""}, ${repo.commits} commits touching dossiers/${repo.shallow ? " — <strong>a shallow clone: history before its cut-off is missing</strong>" : ""}</dd>`,
      `<dt>As of</dt><dd>${esc(localTime(report.generatedAt, timeZone))} (${esc(timeZone)})</dd>`,
      `</dl>`,
      findings.length === 0
        ? `<p class="clean">Integrity: no change outside the rules of the procedure in ${repo.commits} commits.</p>`
        : `<p class="alert">Integrity: <strong>${findings.length} change(s) outside the rules</strong> in ${new Set(findings.map((x) => x.dossier)).size} dossier(s); see <a href="#integrity">Integrity</a>.</p>`,
    ),
    section(
      "integrity",
      "Integrity",
      "<p>Every commit of the branch was compared with the one before: a dossier's id, received_at and terms, the complainant's words and the copies of letters sent never change, and no dossier is deleted. A dossier's first commit must be its intake.</p>",
      findings.length === 0 ? "<p>Nothing found.</p>" : findingsTable(findings, timeZone),
    ),
    section(
      "terms",
      "Terms and handling time",
      "<p>Met: done on or before the due date. Notified: the judgement was not given in time, but a delay notice went out by the due date. Missed: past the due date without it. Open: not yet due, or due today.</p>",
      stackedBarChart({
        id: "chart-terms",
        title: "Terms per kind: met, notified, missed, open",
        series: SERIES,
        rows: TERM_KINDS.map((k) => ({ label: k, values: OUTCOMES.map((o) => f.terms[k][o]) })),
      }),
      table(
        "Terms per kind",
        [{ head: "Term" }, ...OUTCOMES.map((o) => ({ head: o, numeric: true }))],
        TERM_KINDS.map((k) => [k, ...OUTCOMES.map((o) => count(f.terms[k][o]))]),
        { rowHeader: true },
      ),
      table(
        "Handling time, received to closed, in days",
        [
          { head: "Cases closed", numeric: true },
          { head: "Median", numeric: true },
          { head: "90th percentile", numeric: true },
        ],
        [
          [
            String(h.closed),
            h.median === null ? "–" : String(h.median),
            h.p90 === null ? "–" : String(h.p90),
          ],
        ],
      ),
    ),
    section(
      "per-month",
      "Complaints per month",
      barChart({ id: "chart-months", title: "Complaints received per month", bars: months }),
      table(
        "Complaints received per month",
        [{ head: "Month" }, { head: "Complaints", numeric: true }],
        months.map((m) => [esc(m.label), count(m.value)]),
        { rowHeader: true },
      ),
    ),
    section(
      "per-category",
      "Categories and verdicts",
      barChart({ id: "chart-categories", title: "Complaints per category", bars: categories }),
      table(
        "Complaints per category",
        [{ head: "Category" }, { head: "Complaints", numeric: true }],
        categories.map((c) => [esc(c.label), count(c.value)]),
        { rowHeader: true },
      ),
      verdictsPart(verdicts, count),
    ),
    section("dossiers", "Dossiers", dossiersTable(report.dossiers, timeZone)),
  ];
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}
</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p>Period: ${esc(periodText(report))}; as of ${esc(localTime(report.generatedAt, timeZone))} (${esc(timeZone)}), from the git history of the dossiers.</p>
<nav aria-label="Contents"><ol><li><a href="#summary">Summary</a></li><li><a href="#integrity">Integrity</a></li><li><a href="#terms">Terms and handling time</a></li><li><a href="#per-month">Complaints per month</a></li><li><a href="#per-category">Categories and verdicts</a></li><li><a href="#dossiers">Dossiers</a></li><li><a href="#timelines">Timelines</a></li></ol></nav>
</header>
<main>
${sections.join("\n")}
<section aria-labelledby="timelines">
<h2 id="timelines">Timelines</h2>
<p>Who changed which field when, and which letter went out when: every commit on the branch that touched the dossier.</p>
`;
  for (const d of report.dossiers) yield `${timelineSection(d, timeZone)}\n`;
  yield "</section>\n</main>\n</body>\n</html>\n";
}

function verdictsPart(
  verdicts: { label: string; value: number }[],
  count: (n: number) => string,
): string {
  return [
    `<h3 id="verdicts">Verdicts</h3>`,
    barChart({ id: "chart-verdicts", title: "Verdicts of the complaints", bars: verdicts }),
    table(
      "Verdicts",
      [{ head: "Verdict" }, { head: "Complaints", numeric: true }],
      verdicts.map((v) => [esc(v.label), count(v.value)]),
      { rowHeader: true },
    ),
  ].join("\n");
}
