import type {
  CaseState,
  DossierHistory,
  FindingKind,
  IntegrityFinding,
  LetterCopy,
  TimelineEntry,
} from "./audit-types.ts";
import {
  changedFields,
  fieldValue,
  readVersion,
  stringField,
  type DossierVersion,
} from "./dossier-version.ts";
import { checkChange, type ChangeContext, type FileChange } from "../domain/check-change.ts";
import { formatInstant } from "../domain/instant.ts";
import { dossierPart } from "../domain/dossier-layout.ts";
import { own, type HistoryCommit, type RawChange } from "./history.ts";
import { checkErasures } from "./erasure-digest.ts";
import { checkIntake } from "./intake-check.ts";
import { ownHeaders, parseCopyName, parseLetterHeaders, sentAt } from "./letter-headers.ts";

/** Blob texts by id: whole dossier texts, letters' headers; undefined when git had none. */
export type BlobTexts = ReadonlyMap<string, string | undefined>;

interface Folder {
  history: DossierHistory;
  /** The last version that could be read: the next one is compared with it. */
  latest?: DossierVersion;
  seen: boolean;
  /** Every copy ever added, with the blob it was first committed with. */
  copies: Map<string, string>;
  /** The last text of `dossier.md`: the next change is judged against it. */
  text?: string;
}

export interface FoldOptions {
  shallow: boolean;
  /** The rules every commit is judged by, and the organisation's time zone for every time. */
  context: ChangeContext;
}

/**
 * Folds the history, commit by commit in order, into a timeline per dossier
 * and the commits that break a rule: each change is judged by `checkChange`,
 * as `docket validate --base` and the push check judge it, with the commit's
 * time as now and Docket's own commits (`Committed-by: Docket`) as the only
 * ones that may add letters (see `checkIntake` for the first commit). Every
 * time is given in the organisation's zone. Pure; only the latest version of
 * each dossier is kept, so memory grows with the number of dossiers, not of
 * versions.
 */
export function createHistoryFold(options: FoldOptions) {
  const folders = new Map<string, Folder>();
  const findings: IntegrityFinding[] = [];
  let commits = 0;

  function apply(original: HistoryCommit, blobs: BlobTexts): void {
    commits++;
    const commit = { ...original, time: zoned(original.time, options.context.timeZone) };
    const byFolder = new Map<string, { change: RawChange; dossier: boolean }[]>();
    for (const change of commit.changes) {
      const file = dossierPart(change.path);
      if (!file) continue;
      const list = byFolder.get(file.folder) ?? [];
      // The dossier's own file first, so letters added with it are not "before" it.
      if (file.kind === "dossier") list.unshift({ change, dossier: true });
      else list.push({ change, dossier: false });
      byFolder.set(file.folder, list);
    }
    for (const [path, changes] of byFolder) {
      const folder = folders.get(path) ?? newFolder(own(path));
      folders.set(folder.history.folder, folder);
      const flag: Flag = (kind, message) =>
        findings.push({
          dossier: folder.history.id,
          path: folder.history.folder,
          kind,
          message,
          commit: commit.id,
          time: commit.time,
          author: commit.author,
          subject: commit.subject,
        });
      const entry: TimelineEntry = {
        commit: commit.id,
        time: commit.time,
        author: commit.author,
        subject: commit.subject,
        fields: [],
        bodyChanged: false,
        letters: [],
        declared: commit.trailers.includes(folder.history.id),
      };
      for (const { change, dossier } of changes) {
        if (dossier) applyDossier(folder, change, commit, blobs, entry, flag, options);
        else applyFile(folder, change, commit, blobs, entry, flag, options);
      }
      folder.history.timeline.push(entry);
    }
  }

  return {
    apply,
    /** The result; the fold keeps nothing after it (the last versions go). */
    finish: () => {
      for (const folder of folders.values()) checkErasures(folder.history, folder.latest, findings);
      const dossiers = [...folders.values()].map((f) => f.history);
      folders.clear();
      return { commits, dossiers, findings };
    },
  };
}

type Flag = (kind: FindingKind, message: string) => void;

/** An ISO time in `timeZone`, as every time in the audit is given. */
function zoned(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatInstant(new Date(ms), timeZone);
}

/** Judges one changed file of a commit; each broken rule is flagged. Returns whether all held. */
function judge(
  change: FileChange,
  commit: HistoryCommit,
  flag: Flag,
  options: FoldOptions,
): boolean {
  // Where a shallow clone's history is cut off, a commit "adds" all it holds: that is not a change.
  if (options.shallow && commit.parents.length === 0) return true;
  const violations = checkChange(change, options.context, {
    now: new Date(commit.time),
    by: commit.byDocket ? "docket" : "person",
  });
  for (const v of violations) {
    const where = change.path.endsWith("/dossier.md")
      ? `line ${v.line}: `
      : `${change.path.split("/").slice(3).join("/")}: `;
    flag(v.rule, `${where}${v.field ? `${v.field}: ` : ""}${v.message}`);
  }
  return violations.length === 0;
}

function kindOf(change: RawChange): FileChange["kind"] {
  return change.status === "A" ? "added" : change.status === "D" ? "deleted" : "modified";
}

function newFolder(path: string): Folder {
  const id = path.slice(path.lastIndexOf("/") + 1);
  const history = { id, folder: path, states: [], letters: [], timeline: [], deleted: false };
  return { history, seen: false, copies: new Map() };
}

function applyDossier(
  folder: Folder,
  change: RawChange,
  commit: HistoryCommit,
  blobs: BlobTexts,
  entry: TimelineEntry,
  flag: Flag,
  options: FoldOptions,
): void {
  const first = !folder.seen;
  folder.seen = true;
  const history = folder.history;
  const text = change.status === "D" ? undefined : blobs.get(change.blob);
  if (change.status === "D") {
    entry.change = "deleted";
    history.deleted = true;
    if (first)
      flag(
        "intake_missing",
        "its history starts with its deletion: the commits before are not in the history",
      );
    judge({ kind: "deleted", path: change.path }, commit, flag, options);
    folder.text = undefined;
    return;
  }
  const version =
    text === undefined
      ? { error: `blob ${change.blob} is not in the repository` }
      : readVersion(text, folder.latest);
  entry.change = change.status === "A" ? "added" : "modified";
  history.deleted = false;
  if (first) {
    const problem = checkIntake({
      change,
      commit,
      shallow: options.shallow,
      status: "error" in version ? undefined : stringField(version, "status"),
      channel: "error" in version ? undefined : stringField(version, "channel"),
      unreadable: "error" in version ? version.error : undefined,
      lettersBefore: history.letters.length,
    });
    if (problem) flag("intake_missing", problem);
  }
  // A dossier whose history is cut off is judged as added: what came before is not known.
  const kind = folder.text === undefined ? "added" : kindOf(change);
  const valid = judge(
    {
      kind,
      path: change.path,
      ...(kind === "modified" && folder.text !== undefined ? { before: folder.text } : {}),
      after: text ?? "",
    },
    commit,
    flag,
    options,
  );
  folder.text = text;
  if ("error" in version) {
    entry.unreadable = version.error;
    return;
  }
  const before = folder.latest;
  if (before) {
    entry.fields = changedFields(before.fields, version.fields);
    entry.bodyChanged = before.body !== version.body;
  }
  const status = stringField(version, "status");
  if (status !== undefined && status !== (before && stringField(before, "status")))
    entry.status = status;
  history.states.push(caseState(version, commit.time, valid));
  const receivedAt = stringField(version, "received_at");
  const terms = fieldValue(version, "terms.information_due") !== undefined;
  if (!history.intake && receivedAt && terms) {
    const category = stringField(version, "category");
    history.intake = {
      receivedAt: zoned(receivedAt, options.context.timeZone),
      terms: {
        information_due: stringField(version, "terms.information_due") ?? "",
        judgement_due: stringField(version, "terms.judgement_due") ?? "",
        resolution_due: stringField(version, "terms.resolution_due") ?? "",
      },
      ...(category ? { category } : {}),
    };
  }
  folder.latest = version;
}

function caseState(version: DossierVersion, time: string, valid: boolean): CaseState {
  const state: CaseState = { time, valid };
  const status = stringField(version, "status");
  const verdict = stringField(version, "judgement.verdict");
  const category = stringField(version, "category");
  const complete = fieldValue(version, "information.complete");
  if (status) state.status = status;
  if (verdict) state.verdict = verdict;
  if (category) state.category = category;
  if (typeof complete === "boolean" || complete === null) state.informationComplete = complete;
  return state;
}

function applyFile(
  folder: Folder,
  change: RawChange,
  commit: HistoryCommit,
  blobs: BlobTexts,
  entry: TimelineEntry,
  flag: Flag,
  options: FoldOptions,
): void {
  const file = dossierPart(change.path);
  const original = folder.copies.get(change.path);
  if (file?.kind !== "correspondence") {
    judge({ kind: kindOf(change), path: change.path }, commit, flag, options);
    return;
  }
  // A copy restored as it was first committed: its deletion was flagged.
  if (change.status === "A" && original === change.blob) return;
  if (!judge({ kind: kindOf(change), path: change.path }, commit, flag, options)) {
    // Only what Docket committed counts as sent: a copy added by hand counts for nothing.
    if (change.status !== "A") folder.copies.set(change.path, original ?? change.blob);
    return;
  }
  folder.copies.set(change.path, change.blob);
  const name = file.name;
  const copy = parseCopyName(name);
  const text = blobs.get(change.blob);
  const headers = text !== undefined ? ownHeaders(parseLetterHeaders(text)) : {};
  const letter: LetterCopy = {
    file: name,
    ...(copy ? { number: copy.number } : {}),
    key: copy?.key ?? name.replace(/\.eml$/, ""),
    letter: copy?.letter ?? name.replace(/\.eml$/, ""),
    time: commit.time,
    sentAt: sentAt(headers.date, commit.time, options.context.timeZone),
    commit: commit.id,
    ...headers,
    // The Date header as a time in the organisation's zone, as every time in the report.
    ...(headers.date !== undefined ? { date: zoned(headers.date, options.context.timeZone) } : {}),
  };
  entry.letters.push(letter);
  folder.history.letters.push(letter);
}
