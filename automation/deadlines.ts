import type { ChangeContext } from "./domain/check-change.ts";
import { checkDossier } from "./domain/check-dossier.ts";
import { caseDeadlines, type CaseDeadlines } from "./domain/deadlines.ts";
import type { TermSpec } from "./domain/terms.ts";
import type { Violation } from "./domain/violation.ts";
import type { DossierReader } from "./dispatch/dispatch.ts";
import { parseReceivedName } from "./domain/received-copy.ts";

const DOSSIER = /^dossiers\/\d{4}\/[^/]+\/dossier\.md$/;

export interface DeadlinesReport {
  /** Open cases, the earliest next term first; `undelivered`: letters reported as not delivered, when any. */
  cases: (CaseDeadlines & { path: string; undelivered?: number })[];
  skipped: { file: string; violations: Violation[] }[];
}

/** `docket deadlines`: every open case with its terms and their state. */
export async function deadlines(
  reader: DossierReader,
  context: ChangeContext & { lead: TermSpec },
  now: Date,
): Promise<DeadlinesReport> {
  const all = await reader.list("dossiers");
  const paths = all.filter((p) => DOSSIER.test(p));
  // Bounces filed in correspondence/, by dossier folder: from the same listing, at no extra cost.
  const bounces = new Map<string, number>();
  for (const p of all) {
    if (parseReceivedName(p)?.kind !== "bounce") continue;
    const folder = p.slice(0, p.indexOf("/correspondence/"));
    bounces.set(folder, (bounces.get(folder) ?? 0) + 1);
  }
  const texts = await reader.read(paths);
  const report: DeadlinesReport = { cases: [], skipped: [] };
  for (const path of paths) {
    const checked = checkDossier(path, texts.get(path) ?? "", context);
    if (!checked.dossier || checked.violations.length > 0) {
      report.skipped.push({ file: path, violations: checked.violations });
      continue;
    }
    const open = caseDeadlines(checked.dossier, {
      now,
      timeZone: context.timeZone,
      calendar: context.calendar,
      lead: context.lead,
    });
    const undelivered = bounces.get(path.slice(0, -"/dossier.md".length)) ?? 0;
    if (open) report.cases.push({ ...open, path, ...(undelivered > 0 ? { undelivered } : {}) });
  }
  const key = (c: CaseDeadlines) => c.next?.due ?? "9999-12-31";
  report.cases.sort((a, b) =>
    key(a) === key(b) ? (a.id < b.id ? -1 : 1) : key(a) < key(b) ? -1 : 1,
  );
  return report;
}

const STATE_WORD = { ok: "ok", due_soon: "due soon", overdue: "OVERDUE" } as const;

/** A table for a terminal, one open case a line. */
export function formatDeadlinesTable(report: DeadlinesReport): string {
  if (report.cases.length === 0) return "No open cases.\n";
  const rows = report.cases.map((c) => [
    c.id,
    c.status,
    c.next ? `${c.next.kind} ${c.next.due}` : "-",
    `${c.next ? STATE_WORD[c.next.state] : "-"}${c.undelivered ? `, ${c.undelivered} NOT DELIVERED` : ""}`,
    c.handler.name,
    c.summary.length > 48 ? `${c.summary.slice(0, 47)}…` : c.summary,
  ]);
  const header = ["DOSSIER", "STATUS", "NEXT TERM", "STATE", "HANDLER", "SUMMARY"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}
