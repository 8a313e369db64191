import { addMonthsClamped, localDate, type IsoDate } from "../domain/calendar.ts";
import type { TermKind } from "../domain/deadlines.ts";
import { formatInstant } from "../domain/instant.ts";
import { VERDICTS } from "../domain/dossier-schema.ts";
import type {
  AuditHistory,
  DossierHistory,
  IntegrityFinding,
  LetterCopy,
  TimelineEntry,
} from "./audit-types.ts";
import { termOutcomes, type TermOutcome, type TermOutcomeState } from "./term-outcomes.ts";

export interface ReportOptions {
  now: Date;
  timeZone: string;
  /** Complaints received on or after this date (in `timeZone`). */
  from?: IsoDate;
  /** Complaints received on or before this date. */
  to?: IsoDate;
  /** The configured categories in order, with a label for people. */
  categories?: readonly { id: string; label: string }[];
  organisation?: string;
}

/** One dossier of the period: where it stands as of `now`, its terms and its history. */
export interface DossierAudit {
  id: string;
  folder: string;
  receivedAt: string;
  category?: string;
  status?: string;
  verdict?: string;
  deleted: boolean;
  /** When status first became closed (commit time), and the days since receipt. */
  closedAt?: string;
  handlingDays?: number;
  terms: TermOutcome[];
  letters: LetterCopy[];
  timeline: TimelineEntry[];
  /** Its personal data was erased: when, under which rule (docs/privacy.md). */
  erasures?: { at: string; rule: string; digest: string }[];
}

export const TERM_KINDS: readonly TermKind[] = ["information", "judgement", "resolution"];
export const OUTCOMES: readonly TermOutcomeState[] = ["met", "notified", "missed", "open"];

export interface Figures {
  complaints: number;
  perMonth: { month: string; count: number }[];
  perCategory: { category: string; label: string; count: number }[];
  /** founded, partly_founded, unfounded, and `none` for cases without a verdict. */
  verdicts: { verdict: string; count: number }[];
  /** Received → closed, in days of 24 hours, over the cases closed. */
  handlingDays: { closed: number; median: number | null; p90: number | null };
  terms: Record<TermKind, Record<TermOutcomeState, number>>;
}

export interface AuditReport {
  generatedAt: string;
  timeZone: string;
  organisation?: string;
  period: { from?: IsoDate; to?: IsoDate };
  repository: { ref: string; head?: string; commits: number; shallow: boolean };
  figures: Figures;
  dossiers: DossierAudit[];
  /** Every change outside the rules in the whole history, whatever the period. */
  integrity: IntegrityFinding[];
}

const DAY_MS = 86_400_000;

/** The report for a period, as of `now`, from the folded history. Pure. */
export function buildAuditReport(history: AuditHistory, options: ReportOptions): AuditReport {
  const { now, timeZone, from, to } = options;
  const dossiers = history.dossiers
    .filter((d) => d.intake && Date.parse(d.intake.receivedAt) <= now.getTime())
    .filter((d) => {
      const day = receivedDay(d, timeZone);
      return day !== undefined && (!from || day >= from) && (!to || day <= to);
    })
    .map((d) => auditDossier(d, now, timeZone))
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.id < b.id ? -1 : 1));
  return {
    generatedAt: formatInstant(now, timeZone),
    timeZone,
    ...(options.organisation ? { organisation: options.organisation } : {}),
    period: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
    repository: {
      ref: history.ref,
      ...(history.head ? { head: history.head } : {}),
      commits: history.commits,
      shallow: history.shallow,
    },
    figures: figuresOf(dossiers, options),
    dossiers,
    integrity: history.findings,
  };
}

function receivedDay(d: DossierHistory, timeZone: string): IsoDate | undefined {
  try {
    return d.intake ? localDate(d.intake.receivedAt, timeZone) : undefined;
  } catch {
    return undefined; // an unreadable received_at: not in any period
  }
}

function auditDossier(d: DossierHistory, now: Date, timeZone: string): DossierAudit {
  const receivedAt = d.intake?.receivedAt ?? "";
  const states = d.states.filter((s) => Date.parse(s.time) <= now.getTime());
  const last = states[states.length - 1];
  const closed = states.find((s) => s.valid && s.status === "closed");
  const category = last?.category ?? d.intake?.category;
  return {
    id: d.id,
    folder: d.folder,
    receivedAt,
    ...(category ? { category } : {}),
    ...(last?.status ? { status: last.status } : {}),
    ...(last?.verdict ? { verdict: last.verdict } : {}),
    deleted: d.deleted,
    ...(closed
      ? {
          closedAt: closed.time,
          handlingDays: round1((Date.parse(closed.time) - Date.parse(receivedAt)) / DAY_MS),
        }
      : {}),
    terms: termOutcomes(d, now, timeZone),
    letters: d.letters,
    timeline: d.timeline,
    ...(d.erasures ? { erasures: d.erasures } : {}),
  };
}

function figuresOf(dossiers: readonly DossierAudit[], options: ReportOptions): Figures {
  const months = new Map<string, number>();
  const categories = new Map<string, number>(
    (options.categories ?? []).map((c) => [c.id, 0] as const),
  );
  const verdicts = new Map<string, number>([...VERDICTS, "none"].map((v) => [v, 0] as const));
  const terms = Object.fromEntries(
    TERM_KINDS.map((k) => [k, Object.fromEntries(OUTCOMES.map((o) => [o, 0]))]),
  ) as Figures["terms"];
  const days: number[] = [];
  for (const d of dossiers) {
    const month = localDate(d.receivedAt, options.timeZone).slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + 1);
    const category = d.category ?? "(none)";
    categories.set(category, (categories.get(category) ?? 0) + 1);
    const verdict = d.verdict && verdicts.has(d.verdict) ? d.verdict : "none";
    verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
    for (const t of d.terms) terms[t.kind][t.state]++;
    if (d.closedAt) days.push((Date.parse(d.closedAt) - Date.parse(d.receivedAt)) / DAY_MS);
  }
  const labels = new Map((options.categories ?? []).map((c) => [c.id, c.label]));
  const median = quantileMedian(days);
  const p90 = percentile(days, 90);
  return {
    complaints: dossiers.length,
    perMonth: monthRange(months, options).map((month) => ({
      month,
      count: months.get(month) ?? 0,
    })),
    perCategory: [...categories].map(([category, count]) => ({
      category,
      label: labels.get(category) ?? category,
      count,
    })),
    verdicts: [...verdicts].map(([verdict, count]) => ({ verdict, count })),
    handlingDays: {
      closed: days.length,
      median: median === undefined ? null : round1(median),
      p90: p90 === undefined ? null : round1(p90),
    },
    terms,
  };
}

/** Every month from the period's start (or the first complaint) to its end (or the last). */
function monthRange(counted: ReadonlyMap<string, number>, options: ReportOptions): string[] {
  const seen = [...counted.keys()].sort();
  const first = options.from?.slice(0, 7) ?? seen[0];
  const last = options.to?.slice(0, 7) ?? seen[seen.length - 1];
  if (!first || !last) return [];
  const months: string[] = [];
  for (
    let m = first;
    m <= last && months.length < 1200;
    m = addMonthsClamped(`${m}-01`, 1).slice(0, 7)
  ) {
    months.push(m);
  }
  return months;
}

/** The median: the middle value, or the mean of the two middle values. */
export function quantileMedian(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The nearest-rank percentile: the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
