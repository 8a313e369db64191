import { createHash } from "node:crypto";
import { DocketError } from "../errors.ts";
import type { SnapshotReader } from "./snapshot-reader.ts";

/**
 * The `DossierStore` port: where dossiers are committed. Two adapters
 * implement it and throw the same errors: a local git repository (the
 * embedded default) and GitHub through Octokit. Every write is one commit on
 * `main`, made with compare-and-swap on the branch, so concurrent writers
 * never overwrite each other.
 */
export interface DossierStore {
  readonly kind: "local" | "github";
  /** Where the store is, for people: a folder or `owner/repo`. */
  readonly location: string;
  /**
   * Files a new complaint: takes the next id of the year, lets `intake.build`
   * write the files for it and commits them in one commit. A `submissionId`
   * seen before returns the earlier id with `created: false` and commits
   * nothing. Ids are contiguous per year, never reused, never skipped.
   */
  fileDossier(intake: DossierIntake): Promise<FiledDossier>;
  /**
   * Commits new files and edits of existing ones in one commit on main;
   * returns its id, or the current head's when nothing would change.
   */
  commit(change: StoreChange): Promise<string>;
  /** The commit main is at (undefined for an empty repository): to notice new commits. */
  head(): Promise<string | undefined>;
  /** Paths of the files below a folder at main, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Texts of files at main; `undefined` for a missing file. */
  read(paths: readonly string[]): Promise<Map<string, string | undefined>>;
  /** Reading that costs what changed: snapshots of `dossiers/` by blob id (both adapters have one). */
  readonly reader?: SnapshotReader;
}

export interface StoredFile {
  path: string;
  content: string | Uint8Array;
  /**
   * Write only if no file is at this path on the commit being built on: a
   * copy of a sent letter is written once and never replaced, even when two
   * writers race to record it.
   */
  ifAbsent?: boolean;
}

/**
 * An edit is a function of the file's text. It runs again on every retry, on the text then current: keep it pure.
 */
export interface StoredEdit {
  path: string;
  edit: (text: string) => string;
}

/**
 * Files whose names follow from what a folder holds on the commit being built on, e.g. the next number of a
 * dossier's `correspondence/`: `build` gets the names in `folder` then and returns the files to add there
 * (none: nothing to add). It runs again on every retry, on the names then current: keep it pure.
 */
export interface StoredNumbered {
  folder: string;
  build(names: readonly string[]): readonly { name: string; content: string | Uint8Array }[];
}

export interface StoreChange {
  message: string;
  files?: readonly StoredFile[];
  edits?: readonly StoredEdit[];
  numbered?: readonly StoredNumbered[];
}

export interface DossierIntake {
  /** Id prefix from config, e.g. KL. */
  prefix: string;
  /** Year of receipt in the configured time zone: ids are numbered per year. */
  year: string;
  /** The client's id for this submission, to answer a replay with the same dossier. */
  submissionId?: string;
  /** The files of the dossier once its id is known; called again if a retry gets another id. */
  build(id: string, sequence: number): { files: StoredFile[]; message: string };
}

export interface FiledDossier {
  id: string;
  /** `dossiers/<YYYY>/<ID>/dossier.md` */
  path: string;
  /** The commit that holds it. */
  commit: string;
  /** False when a replayed submission found its earlier dossier. */
  created: boolean;
}

/** The id and path of dossier `sequence` of a year. */
export function dossierId(prefix: string, year: string, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(4, "0")}`;
}

/** The next sequence number, from the folder names under `dossiers/<YYYY>/`. */
export function nextSequence(names: Iterable<string>, prefix: string, year: string): number {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}-${escapeRegExp(year)}-(\\d{4,})$`);
  let max = 0;
  for (const name of names) {
    const n = Number(pattern.exec(name)?.[1] ?? 0);
    if (n > max) max = n;
  }
  return max + 1;
}

/**
 * Where a submission id is recorded, beside the dossiers: the file holds the
 * dossier id. Hashed (the id is the client's text) and sharded by the first
 * two hex digits, so no folder grows past a few thousand entries.
 */
export function submissionPath(submissionId: string): string {
  const hash = createHash("sha256").update(submissionId).digest("hex");
  return `dossiers/.submissions/${hash.slice(0, 2)}/${hash}`;
}

/** The store could not be reached or kept failing; try again later. */
export class StoreUnavailableError extends DocketError {
  readonly retryAfterSeconds: number;
  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super("store_unavailable", message, options);
    this.retryAfterSeconds = options.retryAfterSeconds ?? 30;
  }
}

/** The store refused our credentials or hides the repository: a person must fix access. */
export class StoreAccessError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("store_access", message, options);
  }
}

/** The store rejected a request as invalid: a bug or a broken repository. */
export class StoreRejectedError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("store_rejected", message, options);
  }
}

/** Main kept moving under us more times than we retry. */
export class StoreConflictError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("store_conflict", message, options);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
