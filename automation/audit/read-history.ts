import type { ChangeContext } from "../domain/check-change.ts";
import { GitError } from "../errors.ts";
import { RepositoryError } from "../repo/dossier-source.ts";
import { git, spawnGit } from "../repo/git.ts";
import type { AuditHistory } from "./audit-types.ts";
import { openBlobReader } from "./blob-stream.ts";
import { createHistoryFold, type BlobTexts } from "./history-fold.ts";
import { blobsNeeded, logArguments, parseLogRecords, type HistoryCommit } from "./history.ts";

/**
 * Reads the history of `dossiers/` at `ref` in ONE pass: one `git log` of the
 * first-parent line (the branch as it moved: a merged pull request is one
 * step, by the merge's author at the merge's time) with its raw diff, and ONE
 * `git cat-file --batch` for the dossier versions and letter headers. Both
 * stream: blobs are asked for as commits are parsed, and each commit is
 * folded as soon as its blobs are in, so git and Docket work side by side and
 * neither the log nor the blobs are held in memory. Replacement refs are
 * ignored, so `git replace` cannot hide a commit. `paths` (default
 * `dossiers`) narrow it to some dossiers' folders.
 */
export async function readHistory(
  root: string,
  ref: string,
  context: ChangeContext,
  paths?: readonly string[],
): Promise<AuditHistory> {
  const [shallowLine = "", head = ""] = (
    await git(root, [
      "--no-replace-objects",
      "rev-parse",
      "--is-shallow-repository",
      `${ref}^{commit}`,
    ]).catch((error: unknown) => {
      throw new RepositoryError(`no commits at ${ref} in ${root}: the audit reads history`, {
        cause: error,
      });
    })
  ).split("\n");
  const shallow = shallowLine.trim() === "true";
  const fold = createHistoryFold({ shallow, context });

  // Commits wait here, in order, until their blobs are in.
  const waiting: {
    commit: HistoryCommit;
    missing: number;
    texts: Map<string, string | undefined>;
  }[] = [];
  let first = 0;
  const asked: { entry: (typeof waiting)[number]; blob: string }[] = [];
  let answered = 0;
  const drain = () => {
    for (let entry = waiting[first]; entry && entry.missing === 0; entry = waiting[first]) {
      fold.apply(entry.commit, entry.texts as BlobTexts);
      waiting[first++] = undefined as never;
    }
    if (first === waiting.length) waiting.length = first = 0;
    // git log runs ahead of the blobs; it waits while many commits do, so memory stays bounded.
    if (waiting.length - first < QUEUE_LOW) log.resume();
  };
  const blobs = openBlobReader(root, (text) => {
    const request = asked[answered];
    asked[answered++] = undefined as never;
    if (!request) return;
    request.entry.texts.set(request.blob, text);
    request.entry.missing--;
    drain();
  });
  const onCommit = (commit: HistoryCommit) => {
    const needs = blobsNeeded(commit);
    const entry = { commit, missing: needs.length, texts: new Map<string, string | undefined>() };
    waiting.push(entry);
    for (const need of needs) {
      asked.push({ entry, blob: need.blob });
      blobs.read(need.blob, need.headersOnly);
    }
    drain();
  };
  // Callbacks run on git's output, after this line: `log` is set by then.
  const log = streamLog(root, logArguments(ref, paths), (commits) => {
    for (const commit of commits) onCommit(commit);
    blobs.flush();
    if (waiting.length - first > QUEUE_HIGH) log.pause();
  });
  try {
    await log.done;
  } catch (error) {
    blobs.abort();
    throw error;
  }
  await blobs.end();
  drain();
  if (first < waiting.length) throw new GitError("git cat-file ended before every blob was read");
  return { ref, head: head.trim(), shallow, ...fold.finish() };
}

const QUEUE_HIGH = 4000;
const QUEUE_LOW = 1000;

interface LogStream {
  done: Promise<void>;
  pause(): void;
  resume(): void;
}

function streamLog(
  cwd: string,
  args: string[],
  onCommits: (commits: HistoryCommit[]) => void,
): LogStream {
  const child = spawnGit(cwd, args);
  child.stdin.end();
  const done = new Promise<void>((resolve, reject) => {
    let buffer = "";
    let stderr = "";
    let failed: unknown;
    const parse = (final: boolean) => {
      const { commits, rest } = parseLogRecords(buffer, final);
      buffer = buffer.slice(rest);
      onCommits(commits);
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (failed) return;
      buffer += chunk;
      try {
        parse(false);
      } catch (error) {
        failed = error;
        child.kill();
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) =>
      reject(new GitError(`git log failed: ${error.message}`, { cause: error })),
    );
    child.on("close", (code) => {
      if (failed) return reject(failed);
      if (code !== 0) return reject(new GitError(`git log failed in ${cwd}: ${stderr.trim()}`));
      try {
        parse(true);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
  return { done, pause: () => child.stdout.pause(), resume: () => child.stdout.resume() };
}
