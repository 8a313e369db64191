import { OUTCOMES, TERM_KINDS, type AuditReport } from "./audit-report.ts";
import type { IntegrityFinding } from "./audit-types.ts";

/** The report as a plain-text summary for a terminal. Pure. */
export function renderAuditText(report: AuditReport): string {
  const { figures: f } = report;
  const out: string[] = [];
  const head = report.repository.head ? ` at ${report.repository.head.slice(0, 12)}` : "";
  out.push(
    `Docket audit${report.organisation ? ` of ${report.organisation}` : ""}: ${report.repository.ref}${head}, ${report.repository.commits} commit(s) touching dossiers/`,
    `As of ${report.generatedAt}; dates in ${report.timeZone}`,
    `Period: ${periodText(report)}`,
    "",
    `Complaints received: ${f.complaints}`,
  );
  const erased = report.dossiers.filter((d) => d.erasures?.length).length;
  if (erased > 0) out.push(`  of which ${erased} with personal data erased (docs/privacy.md)`);
  const width = Math.max(1, ...f.perMonth.map((m) => m.count));
  if (f.perMonth.length > 0) {
    out.push("", "Per month:");
    for (const m of f.perMonth)
      out.push(`  ${m.month}  ${String(m.count).padStart(5)}  ${bar(m.count, width)}`);
  }
  const labelWidth = Math.max(8, ...f.perCategory.map((c) => c.label.length));
  if (f.perCategory.length > 0) {
    out.push("", "Per category:");
    for (const c of f.perCategory)
      out.push(`  ${c.label.padEnd(labelWidth)}  ${String(c.count).padStart(5)}`);
  }
  out.push("", "Verdicts:");
  for (const v of f.verdicts)
    out.push(`  ${verdictLabel(v.verdict).padEnd(16)}  ${String(v.count).padStart(5)}`);
  const h = f.handlingDays;
  out.push(
    "",
    `Handling time, received to closed (${h.closed} closed): ` +
      (h.median === null
        ? "no case closed"
        : `median ${h.median} days, 90th percentile ${h.p90} days`),
    "",
    `Terms        ${OUTCOMES.map((o) => o.padStart(9)).join("")}`,
  );
  for (const kind of TERM_KINDS) {
    out.push(
      `  ${kind.padEnd(11)}${OUTCOMES.map((o) => String(f.terms[kind][o]).padStart(9)).join("")}`,
    );
  }
  out.push("", integrityText(report.integrity, report.repository.commits));
  return `${out.join("\n")}\n`;
}

export function periodText(report: AuditReport): string {
  const { from, to } = report.period;
  if (!from && !to) return "every complaint in the history";
  if (from && to) return `complaints received ${from} to ${to}`;
  return from ? `complaints received from ${from}` : `complaints received up to ${to}`;
}

export function verdictLabel(verdict: string): string {
  return verdict === "none" ? "no verdict (yet)" : verdict.replace(/_/g, " ");
}

/** One line per finding: dossier, what happened, and the commit that did it. */
export function formatFinding(f: IntegrityFinding): string {
  return `${f.dossier}: ${f.message} (commit ${f.commit.slice(0, 12)}, ${f.time}, ${f.author.name} <${f.author.email}>: "${f.subject}")`;
}

function integrityText(findings: readonly IntegrityFinding[], commits: number): string {
  if (findings.length === 0) {
    return `Integrity: no change outside the rules in ${commits} commit(s).`;
  }
  const dossiers = new Set(findings.map((f) => f.dossier)).size;
  return [
    `Integrity: ${findings.length} change(s) outside the rules, in ${dossiers} dossier(s):`,
    ...findings.map((f) => `  ${formatFinding(f)}`),
  ].join("\n");
}

function bar(count: number, max: number): string {
  return "#".repeat(Math.round((count / max) * 40));
}
