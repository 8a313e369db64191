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
  immutableFields,
  readVersion,
  stringField,
  type DossierVersion,
} from "./dossier-version.ts";
import { classifyPath, own, type HistoryCommit, type RawChange } from "./history.ts";
import { checkIntake } from "./intake-check.ts";
import { parseCopyName, parseLetterHeaders, type LetterHeaders } from "./letter-headers.ts";

/** Blob texts by id: whole dossier texts, letters' headers; undefined when git had none. */
export type BlobTexts = ReadonlyMap<string, string | undefined>;

interface Folder {
  history: DossierHistory;
  /** The last version that could be read: the next one is compared with it. */
  latest?: DossierVersion;
  seen: boolean;
  /** Every copy ever added, with the blob it was first committed with. */
  copies: Map<string, string>;
}

/**
 * Folds the history, commit by commit in order, into a timeline per dossier
 * and the changes that break SPEC §5 (see `checkIntake` for the first
 * commit). Pure; only the latest version of each dossier is kept, so memory
 * grows with the number of dossiers, not of versions.
 */
export function createHistoryFold(options: { shallow: boolean }) {
  const folders = new Map<string, Folder>();
  const findings: IntegrityFinding[] = [];
  let commits = 0;

  function apply(commit: HistoryCommit, blobs: BlobTexts): void {
    commits++;
    const byFolder = new Map<string, { change: RawChange; dossier: boolean }[]>();
    for (const change of commit.changes) {
      const file = classifyPath(change.path);
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
      const flag = (kind: FindingKind, message: string) =>
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
        if (dossier) applyDossier(folder, change, commit, blobs, entry, flag, options.shallow);
        else applyLetter(folder, change, commit, blobs, entry, flag);
      }
      folder.history.timeline.push(entry);
    }
  }

  return {
    apply,
    /** The result; the fold keeps nothing after it (the last versions go). */
    finish: () => {
      const dossiers = [...folders.values()].map((f) => f.history);
      folders.clear();
      return { commits, dossiers, findings };
    },
  };
}

type Flag = (kind: FindingKind, message: string) => void;

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
  shallow: boolean,
): void {
  const first = !folder.seen;
  folder.seen = true;
  const history = folder.history;
  if (change.status === "D") {
    entry.change = "deleted";
    history.deleted = true;
    if (first)
      flag(
        "intake_missing",
        "its history starts with its deletion: the commits before are not in the history",
      );
    flag("dossier_deleted", "dossier.md was deleted; dossiers are never deleted");
    return;
  }
  const text = blobs.get(change.blob);
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
      shallow,
      status: "error" in version ? undefined : stringField(version, "status"),
      channel: "error" in version ? undefined : stringField(version, "channel"),
      unreadable: "error" in version ? version.error : undefined,
      lettersBefore: history.letters.length,
    });
    if (problem) flag("intake_missing", problem);
  }
  if ("error" in version) {
    entry.unreadable = version.error;
    return;
  }
  const before = folder.latest;
  if (before) {
    entry.fields = changedFields(before.fields, version.fields);
    entry.bodyChanged = before.body !== version.body;
    const rewritten = immutableFields(entry.fields);
    if (rewritten.length > 0) {
      const shown = rewritten.map(
        (f) =>
          `${f} from ${before.fields.get(f) ?? "(absent)"} to ${version.fields.get(f) ?? "(absent)"}`,
      );
      flag("rewritten", `rewritten, though it never changes: ${shown.join("; ")}`);
    }
    if (before.complaint !== undefined && version.complaint !== before.complaint) {
      flag(
        "complaint_changed",
        version.complaint === undefined
          ? "the complainant's words under ## Klacht were removed"
          : "the complainant's words under ## Klacht were changed",
      );
    }
  }
  const status = stringField(version, "status");
  if (status !== undefined && status !== (before && stringField(before, "status")))
    entry.status = status;
  history.states.push(caseState(version, commit.time));
  const receivedAt = stringField(version, "received_at");
  const terms = fieldValue(version, "terms.information_due") !== undefined;
  if (!history.intake && receivedAt && terms) {
    const category = stringField(version, "category");
    history.intake = {
      receivedAt,
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

function caseState(version: DossierVersion, time: string): CaseState {
  const state: CaseState = { time };
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

function applyLetter(
  folder: Folder,
  change: RawChange,
  commit: HistoryCommit,
  blobs: BlobTexts,
  entry: TimelineEntry,
  flag: Flag,
): void {
  const name = change.path.slice(change.path.lastIndexOf("/") + 1);
  const original = folder.copies.get(change.path);
  if (change.status === "D") {
    flag("letter_deleted", `the copy of a sent letter, correspondence/${name}, was deleted`);
    return;
  }
  if (change.status !== "A" || (original !== undefined && original !== change.blob)) {
    flag("letter_altered", `the copy of a sent letter, correspondence/${name}, was altered`);
    folder.copies.set(change.path, original ?? change.blob);
    return;
  }
  if (original !== undefined) return; // restored as it was: its deletion was flagged
  folder.copies.set(change.path, change.blob);
  const copy = parseCopyName(name);
  const text = blobs.get(change.blob);
  const letter: LetterCopy = {
    file: name,
    ...(copy ? { number: copy.number } : {}),
    key: copy?.key ?? name.replace(/\.eml$/, ""),
    letter: copy?.letter ?? name.replace(/\.eml$/, ""),
    time: commit.time,
    commit: commit.id,
    ...(text !== undefined ? ownHeaders(parseLetterHeaders(text)) : {}),
  };
  entry.letters.push(letter);
  folder.history.letters.push(letter);
}

function ownHeaders(headers: LetterHeaders): LetterHeaders {
  const owned: LetterHeaders = {};
  if (headers.date !== undefined) owned.date = own(headers.date);
  if (headers.to !== undefined) owned.to = own(headers.to);
  if (headers.subject !== undefined) owned.subject = own(headers.subject);
  return owned;
}
