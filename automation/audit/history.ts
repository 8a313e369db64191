/**
 * The history of `dossiers/` as plain data: commits read from one
 * `git log --first-parent --reverse --raw -z` of the branch the dossiers live
 * on. Pure: `parseLog` turns git's output into commits; it runs nothing.
 */
import { dossierPart } from "../domain/dossier-layout.ts";

export interface Person {
  name: string;
  email: string;
}

/** One file a commit changed, from git's raw diff against the commit's first parent. */
export interface RawChange {
  /** A added, M modified, D deleted, T type changed (renames are read as D + A). */
  status: "A" | "M" | "D" | "T";
  path: string;
  /** The blob the file had before (zeros when added). */
  oldBlob: string;
  /** The blob the file has now (zeros when deleted). */
  blob: string;
}

export interface HistoryCommit {
  id: string;
  /** Parent ids; none for a root commit or the cut-off end of a shallow clone. */
  parents: string[];
  /** Committer date, ISO 8601 with offset: when the change reached the branch. */
  time: string;
  author: Person;
  subject: string;
  /** The ids the commit's `Dossier:` trailers name (by id, or by the path of one of the case's files). */
  trailers: string[];
  /** The commit says it was made by Docket itself (`Committed-by: Docket`) and is not a merge. */
  byDocket: boolean;
  changes: RawChange[];
}

/** The `--format` that `parseLog` reads: NUL-terminated fields after a record separator. */
export const LOG_FORMAT =
  "%x1e%H%x00%P%x00%cI%x00%an%x00%ae%x00%s%x00%(trailers:key=Dossier,valueonly,separator=%x2C)%x00%(trailers:key=Committed-by,valueonly,separator=%x2C)%x00";

const HEADER_FIELDS = 8;

/** The one `git log`: the first-parent line with its raw diff, oldest first; `paths` narrow it. */
export function logArguments(ref: string, paths: readonly string[] = ["dossiers"]): string[] {
  return [
    "-c",
    "log.showSignature=false",
    "--no-replace-objects",
    "log",
    "--first-parent",
    "--diff-merges=first-parent",
    "--reverse",
    "--no-renames",
    "--root",
    "--raw",
    "--no-abbrev",
    "-z",
    `--format=${LOG_FORMAT}`,
    ref,
    "--",
    ...paths,
  ];
}

const STATUSES = new Set(["A", "M", "D", "T"]);

/** Parses `git log -z --raw --no-abbrev --format=LOG_FORMAT` output. */
export function parseLog(output: string): HistoryCommit[] {
  return parseLogRecords(output, true).commits;
}

/**
 * Parses the complete commits at the start of `output`; `rest` is where the
 * first incomplete one starts (a commit is complete once the next begins, or
 * at the `final` end), so output can be parsed as it streams in.
 */
export function parseLogRecords(
  output: string,
  final: boolean,
): { commits: HistoryCommit[]; rest: number } {
  const commits: HistoryCommit[] = [];
  let start = output.indexOf("\x1e");
  if (start === -1) return { commits, rest: final ? output.length : 0 };
  while (start < output.length) {
    const commit = parseRecord(output, start + 1, final);
    if (!commit) return { commits, rest: start };
    commits.push(commit.commit);
    start = commit.end;
  }
  return { commits, rest: output.length };
}

function parseRecord(
  output: string,
  from: number,
  final: boolean,
): { commit: HistoryCommit; end: number } | undefined {
  let at = from;
  const fields: string[] = [];
  for (let i = 0; i < HEADER_FIELDS; i++) {
    const end = output.indexOf("\0", at);
    if (end === -1) {
      if (final) throw new SyntaxError(`git log output ends inside a commit header`);
      return undefined;
    }
    fields.push(output.slice(at, end));
    at = end + 1;
  }
  const [
    id = "",
    parents = "",
    time = "",
    name = "",
    email = "",
    subject = "",
    trailers = "",
    committedBy = "",
  ] = fields;
  const changes: RawChange[] = [];
  for (;;) {
    while (output[at] === "\0" || output[at] === "\n") at++;
    if (output[at] !== ":") break;
    const metaEnd = output.indexOf("\0", at);
    const pathEnd = metaEnd === -1 ? -1 : output.indexOf("\0", metaEnd + 1);
    if (pathEnd === -1) {
      if (final) throw new SyntaxError(`truncated raw diff in ${id}`);
      return undefined;
    }
    const [, , oldBlob = "", blob = "", status = ""] = output.slice(at + 1, metaEnd).split(" ");
    const letter = status.charAt(0);
    if (STATUSES.has(letter)) {
      const path = output.slice(metaEnd + 1, pathEnd);
      changes.push({ status: letter as RawChange["status"], path, oldBlob, blob });
    }
    at = pathEnd + 1;
  }
  if (at >= output.length && !final) return undefined; // more of its diff may follow
  if (at < output.length && output[at] !== "\x1e") {
    throw new SyntaxError(`unexpected text after commit ${id} in git log output`);
  }
  const commit: HistoryCommit = {
    id: own(id),
    parents: parents.split(" ").filter(Boolean),
    time: own(time),
    author: { name: own(name), email: own(email) },
    subject: own(subject),
    trailers: trailers
      .split(",")
      .map((t) => declaredDossier(t.trim()))
      .filter(Boolean),
    byDocket:
      parents.split(" ").filter(Boolean).length <= 1 &&
      committedBy.split(",").some((t) => t.trim() === "Docket"),
    changes,
  };
  return { commit, end: at };
}

/**
 * The id a `Dossier:` trailer names: the id itself (`KL-2026-0001`), or the
 * path of one of the case's files (`dossiers/2026/KL-2026-0001/dossier.md`),
 * as the desk's commits on GitHub write it: Decap's commit messages know the
 * entry's path, not the case's id.
 */
export function declaredDossier(value: string): string {
  return own(dossierPart(value)?.id ?? value);
}

/**
 * A copy of a string that does not point into the text it was cut from: what
 * the audit keeps of git's output must not keep all of that output alive.
 */
export function own(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8");
}

/** The blobs a commit's changes need read: dossier texts, and letters' headers. */
export function blobsNeeded(commit: HistoryCommit): { blob: string; headersOnly: boolean }[] {
  const needed = new Map<string, boolean>();
  for (const change of commit.changes) {
    if (change.status === "D") continue;
    const file = dossierPart(change.path);
    if (
      !file ||
      file.kind === "attachment" ||
      (file.kind === "correspondence" && change.status !== "A")
    )
      continue;
    needed.set(change.blob, (needed.get(change.blob) ?? true) && file.kind === "correspondence");
  }
  return [...needed].map(([blob, headersOnly]) => ({ blob, headersOnly }));
}
