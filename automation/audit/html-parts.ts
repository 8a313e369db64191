import { formatInstant } from "../domain/instant.ts";
import type { DossierAudit } from "./audit-report.ts";
import type { IntegrityFinding, TimelineEntry } from "./audit-types.ts";
import { escapeXml as esc } from "./svg-charts.ts";
import type { TermOutcome } from "./term-outcomes.ts";

/** Pieces of the HTML report: tables of findings, dossiers and timelines. Pure. */

/** `2026-11-24 09:13` in `timeZone`; the ISO text itself when it is not a time. */
export function localTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return formatInstant(new Date(ms), timeZone).slice(0, 16).replace("T", " ");
}

export interface Column {
  head: string;
  numeric?: boolean;
}

/** A table with a caption, column headers and, when `rowHeader`, a header cell first in each row. */
export function table(
  caption: string,
  columns: readonly Column[],
  rows: readonly string[][],
  options: { rowHeader?: boolean; className?: string } = {},
): string {
  const cls = (c: Column | undefined) => (c?.numeric ? ' class="num"' : "");
  const head = columns.map((c) => `<th scope="col"${cls(c)}>${esc(c.head)}</th>`).join("");
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells
          .map((cell, i) =>
            i === 0 && options.rowHeader
              ? `<th scope="row">${cell}</th>`
              : `<td${cls(columns[i])}>${cell}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  const className = options.className ? ` class="${options.className}"` : "";
  return `<table${className}>\n<caption>${esc(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function findingsTable(findings: readonly IntegrityFinding[], timeZone: string): string {
  return table(
    `Changes outside the rules of the procedure (${findings.length})`,
    [
      { head: "Dossier" },
      { head: "What happened" },
      { head: "Commit" },
      { head: "Time" },
      { head: "Author" },
      { head: "Commit message" },
    ],
    findings.map((f) => [
      esc(f.dossier),
      esc(f.message),
      `<code>${esc(f.commit.slice(0, 12))}</code>`,
      esc(localTime(f.time, timeZone)),
      `${esc(f.author.name)} &lt;${esc(f.author.email)}&gt;`,
      esc(f.subject),
    ]),
    { rowHeader: true, className: "wide findings" },
  );
}

function termCell(t: TermOutcome | undefined, timeZone: string): string {
  if (!t) return "";
  const when = t.at
    ? ` <span class="detail">${esc(localTime(t.at, timeZone).slice(0, 10))}, ${esc((t.by ?? "").replace(/_/g, " "))}</span>`
    : "";
  return `<span class="state state-${t.state}">${t.state}</span>${when} <span class="detail">due ${esc(t.due)}</span>`;
}

export function dossiersTable(dossiers: readonly DossierAudit[], timeZone: string): string {
  const term = (d: DossierAudit, kind: string) =>
    termCell(
      d.terms.find((t) => t.kind === kind),
      timeZone,
    );
  return table(
    `Every complaint of the period, with its terms (${dossiers.length})`,
    [
      { head: "Dossier" },
      { head: "Received" },
      { head: "Category" },
      { head: "Status" },
      { head: "Information" },
      { head: "Judgement" },
      { head: "Resolution" },
      { head: "Letters", numeric: true },
    ],
    dossiers.map((d) => [
      `<a href="#${anchor(d.id)}">${esc(d.id)}</a>${d.deleted ? " (deleted)" : ""}`,
      esc(localTime(d.receivedAt, timeZone)),
      esc(d.category ?? ""),
      esc(d.status ?? ""),
      term(d, "information"),
      term(d, "judgement"),
      term(d, "resolution"),
      String(d.letters.filter((l) => l.letter !== "received").length),
    ]),
    { rowHeader: true, className: "wide dossiers" },
  );
}

export function anchor(id: string): string {
  return `dossier-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function changeText(e: TimelineEntry): string {
  const parts: string[] = [];
  if (e.change === "added") parts.push("dossier added");
  if (e.change === "deleted") parts.push("<strong>dossier deleted</strong>");
  if (e.unreadable) parts.push(`unreadable version: ${esc(e.unreadable)}`);
  if (e.status) parts.push(`status → ${esc(e.status)}`);
  if (e.change === "modified" && e.fields.length > 0) {
    parts.push(`fields: ${e.fields.map((f) => `<code>${esc(f)}</code>`).join(", ")}`);
  }
  if (e.bodyChanged) parts.push("text of the dossier");
  for (const l of e.letters) {
    // Mail Docket filed as received sits in correspondence/ beside the letters it sent.
    parts.push(
      l.letter === "received"
        ? `mail received <code>${esc(l.file)}</code>${l.date ? `, dated ${esc(l.date)}` : ""}`
        : `letter <code>${esc(l.file)}</code>${l.to ? ` to ${esc(l.to)}` : ""}${l.date ? `, dated ${esc(l.date)}` : ""}`,
    );
  }
  return parts.join("; ") || "no change to the frontmatter";
}

export function timelineSection(d: DossierAudit, timeZone: string): string {
  const rows = d.timeline.map((e) => [
    esc(localTime(e.time, timeZone)),
    `${esc(e.author.name)}`,
    `<code>${esc(e.commit.slice(0, 12))}</code>${e.declared ? "" : ' <span class="note">(no Dossier: trailer)</span>'}`,
    changeText(e),
  ]);
  return [
    `<section class="timeline" aria-labelledby="${anchor(d.id)}">`,
    `<h3 id="${anchor(d.id)}">${esc(d.id)}</h3>`,
    table(
      `Timeline of ${d.id}: every commit that touched it`,
      [{ head: "Time" }, { head: "Author" }, { head: "Commit" }, { head: "What changed" }],
      rows,
      { rowHeader: true, className: "wide" },
    ),
    "</section>",
  ].join("\n");
}
