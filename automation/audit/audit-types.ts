import type { RuleCode } from "../domain/violation.ts";
import type { Person } from "./history.ts";

/** A letter whose copy was added to a dossier's `correspondence/`. */
export interface LetterCopy {
  /** The copy's file name, `0002-information_request.eml`. */
  file: string;
  /** Its number, from the file name; undefined when the name is not Docket's. */
  number?: number;
  /** The letter's key: `acknowledgement`, `delay_notice-2026-12-08`, `hearing_request-1a2b3c4d` … */
  key: string;
  /** The template: the key up to its first `-`. */
  letter: string;
  /** When the copy was committed, ISO 8601 in the organisation's zone. */
  time: string;
  /** When the letter went out: its Date header (never after its copy was committed). */
  sentAt: string;
  commit: string;
  /** The `Date`, `To` and `Subject` headers of the copy; the date in the organisation's zone (as written when unreadable). */
  date?: string;
  to?: string;
  subject?: string;
}

/** One commit that touched a dossier: who, when, which fields, which letters. */
export interface TimelineEntry {
  commit: string;
  time: string;
  author: Person;
  subject: string;
  /** What happened to `dossier.md`; absent when the commit only added letters. */
  change?: "added" | "modified" | "deleted";
  /** Frontmatter fields whose values changed, as dotted paths. */
  fields: string[];
  /** The Markdown body (the handler's sections, the complaint) changed. */
  bodyChanged: boolean;
  /** The status after this commit, when it changed. */
  status?: string;
  /** Why this version could not be read, when it could not. */
  unreadable?: string;
  letters: LetterCopy[];
  /** The commit's message names this dossier (`Dossier:` trailer). */
  declared: boolean;
}

/** The case as one version left it: what terms and figures are computed from. */
export interface CaseState {
  time: string;
  /** The commit that left the case so broke no rule: only such states count for the terms. */
  valid: boolean;
  status?: string;
  verdict?: string;
  category?: string;
  informationComplete?: boolean | null;
}

export interface IntakeFacts {
  receivedAt: string;
  terms: { information_due: string; judgement_due: string; resolution_due: string };
  category?: string;
}

/** Everything the history says about one dossier folder, `dossiers/<YYYY>/<ID>`. */
export interface DossierHistory {
  /** The folder's name: paths decide, not the frontmatter. */
  id: string;
  folder: string;
  /** From the first readable version: fixed at intake, so a later rewrite is not followed. */
  intake?: IntakeFacts;
  states: CaseState[];
  letters: LetterCopy[];
  timeline: TimelineEntry[];
  /** `dossier.md` is not there at the end of the history. */
  deleted: boolean;
  /** The erasures of personal data its last version records (docs/privacy.md). */
  erasures?: { at: string; rule: string; digest: string }[];
}

/**
 * `intake_missing` (a dossier whose intake is not in the history),
 * `erasure_digest` (an erased dossier's history no longer gives the digest
 * its erasure recorded), or the rule a commit broke.
 */
export type FindingKind = "intake_missing" | "erasure_digest" | RuleCode;

/** A commit that broke a rule of a case, or a dossier whose history is incomplete. */
export interface IntegrityFinding {
  dossier: string;
  path: string;
  kind: FindingKind;
  message: string;
  commit: string;
  time: string;
  author: Person;
  subject: string;
}

/** The dossiers' history as the fold leaves it. */
export interface AuditHistory {
  /** The branch or ref read: `main` (bare repository) or `HEAD` (work tree). */
  ref: string;
  head?: string;
  /** Commits that touched `dossiers/`. */
  commits: number;
  shallow: boolean;
  dossiers: DossierHistory[];
  findings: IntegrityFinding[];
}
