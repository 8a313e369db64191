import type { ChangeContext } from "./domain/check-change.ts";
import { checkDossier } from "./domain/check-dossier.ts";
import { DOSSIERS, dossierFolder, isDossierFile } from "./domain/dossier-layout.ts";
import { caseDeadlines, type CaseDeadlines } from "./domain/deadlines.ts";
import type { TermSpec } from "./domain/terms.ts";
import type { Violation } from "./domain/violation.ts";
import type { DossierReader } from "./repo/dossier-reader.ts";
import { parseReceivedName } from "./domain/received-copy.ts";
import type { Dossier } from "./domain/dossier-schema.ts";
import { bounceDetails } from "./mail/delivery-status.ts";
import { mailboxAddress } from "./mail/eml.ts";

export interface DeadlinesReport {
  /**
   * Open cases, the earliest next term first; `undelivered`: letters reported
   * as not delivered to an address the dossier still has, when any.
   */
  cases: (CaseDeadlines & { path: string; undelivered?: number })[];
  skipped: { file: string; violations: Violation[] }[];
}

/** `docket deadlines`: every open case with its terms and their state. */
export async function deadlines(
  reader: DossierReader,
  context: ChangeContext & {
    lead: TermSpec;
    /** The insurer's address (config `insurer.email`): its notice's reports count as the dossier's own do. */
    insurer?: string;
  },
  now: Date,
): Promise<DeadlinesReport> {
  const all = await reader.list(DOSSIERS);
  const paths = all.filter(isDossierFile);
  // Bounces filed in correspondence/, by dossier folder: found in the same listing.
  const bounces = new Map<string, string[]>();
  for (const p of all) {
    if (parseReceivedName(p)?.kind !== "bounce") continue;
    const folder = dossierFolder(p);
    if (folder) bounces.set(folder, [...(bounces.get(folder) ?? []), p]);
  }
  const texts = await reader.read(paths);
  const report: DeadlinesReport = { cases: [], skipped: [] };
  const open: { dossier: Dossier; path: string; terms: CaseDeadlines }[] = [];
  for (const path of paths) {
    const checked = checkDossier(path, texts.get(path) ?? "", context);
    if (!checked.dossier || checked.violations.length > 0) {
      report.skipped.push({ file: path, violations: checked.violations });
      continue;
    }
    const terms = caseDeadlines(checked.dossier, {
      now,
      timeZone: context.timeZone,
      calendar: context.calendar,
      lead: context.lead,
    });
    if (terms) open.push({ dossier: checked.dossier, path, terms });
  }
  // Only the open cases' reports are read: a closed case needs nobody's attention.
  const bouncesOf = (path: string) => bounces.get(dossierFolder(path) ?? path) ?? [];
  const wanted = open.flatMap((c) => bouncesOf(c.path));
  const reports = wanted.length > 0 ? await reader.read(wanted) : new Map<string, string>();
  for (const { dossier, path, terms } of open) {
    const copies = bouncesOf(path).map((p) => reports.get(p) ?? "");
    const undelivered = stillUndelivered(dossier, copies, context.insurer);
    report.cases.push({ ...terms, path, ...(undelivered > 0 ? { undelivered } : {}) });
  }
  const key = (c: CaseDeadlines) => c.next?.due ?? "9999-12-31";
  report.cases.sort((a, b) =>
    key(a) === key(b) ? (a.id < b.id ? -1 : 1) : key(a) < key(b) ? -1 : 1,
  );
  return report;
}

/**
 * The reports of letters not delivered that still need the handler: those to
 * an address the dossier still has (or that do not say which). Once the
 * handler corrects the address, the report no longer counts.
 */
function stillUndelivered(
  dossier: Dossier,
  reports: readonly string[],
  insurer: string | undefined,
): number {
  const addresses = new Set(
    [
      dossier.complainant.email,
      dossier.handler.email,
      ...(dossier.staff_involved ?? []).map((s) => s.email),
      insurer,
    ]
      .filter((a): a is string => typeof a === "string")
      .map(mailboxAddress),
  );
  return reports.filter((text) => {
    const { to } = bounceDetails(new TextEncoder().encode(text), "", dossier.id);
    return to === "" || addresses.has(mailboxAddress(to));
  }).length;
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
