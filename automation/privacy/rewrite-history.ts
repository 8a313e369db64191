/**
 * Rewrites the history of a repository so that the files of some dossiers
 * read as erased in every commit (docs/privacy.md). Git's own plumbing does
 * the work: `git fast-export --no-data` of only the commits from the first one
 * that touched those dossiers (earlier commits are kept, referred to by id),
 * each version of their files replaced, then `git fast-import` into staging
 * refs under `refs/docket/erasure/`. No branch moves here: the caller checks
 * the result and moves them all in one transaction.
 */
import { parseModify, quote, readTexts, splitStream, unquote } from "./fast-export-stream.ts";
import { gitBytes, type GitRun } from "../repo/git.ts";

export const STAGING = "refs/docket/erasure/";

/** What to make of the files of one dossier folder. */
export interface FolderErasure {
  folder: string;
  dossier(text: string): string;
  /** A letter's copy or a received mail; undefined keeps it as it is. */
  letter(text: string): string | undefined;
  /** Attachments and any other file become a line saying they were erased (whole-dossier erasure). */
  attachment?: string;
}

export interface RewritePlan {
  folders: readonly FolderErasure[];
  /**
   * Names, addresses and summaries to clear from the messages of commits that
   * touch the folders, from every version of their dossiers met.
   */
  termsOf(dossierTexts: readonly string[]): readonly string[];
  scrub(message: string, terms: readonly string[]): string;
}

export interface RewriteResult {
  /** Branches rewritten: their staging ref holds the new history. */
  branches: { ref: string; old: string; staged: string }[];
  /** Other refs that reach the old history (tags, remote-tracking, pull request refs): to be removed. */
  stale: { ref: string; old: string }[];
  /** Commits rewritten. */
  commits: number;
}

/** Rewrites every branch that reaches a commit touching the folders; see the module comment. */
export async function rewriteHistory(
  root: string,
  git: GitRun,
  plan: RewritePlan,
): Promise<RewriteResult> {
  const folders = plan.folders.map((f) => f.folder);
  const refs = (await git(["for-each-ref", "--format=%(objectname) %(*objectname) %(refname)"]))
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [object = "", peeled = "", ref = ""] = line.split(" ");
      return { ref, old: object, commit: peeled || object };
    })
    .filter((r) => !r.ref.startsWith(STAGING));
  const touching = new Set(
    (await git(["rev-list", "--all", "--full-history", "--", ...folders]))
      .split("\n")
      .filter(Boolean),
  );
  if (touching.size === 0) return { branches: [], stale: [], commits: 0 };
  // Tainted: a commit that touches the folders, or descends from one. Parents come first.
  const tainted = new Set<string>();
  const boundary = new Set<string>();
  for (const line of (await git(["rev-list", "--all", "--parents", "--topo-order", "--reverse"]))
    .split("\n")
    .filter(Boolean)) {
    const [commit = "", ...parents] = line.split(" ");
    if (touching.has(commit) || parents.some((p) => tainted.has(p))) {
      tainted.add(commit);
      for (const p of parents) if (!tainted.has(p)) boundary.add(p);
    }
  }
  const affected = refs.filter((r) => tainted.has(r.commit));
  const heads = affected.filter((r) => r.ref.startsWith("refs/heads/"));
  const stale = affected.filter((r) => !r.ref.startsWith("refs/heads/"));
  if (heads.length === 0) return { branches: [], stale, commits: 0 };

  const exported = await gitBytes(root, [
    "-c",
    "core.quotePath=true",
    "fast-export",
    "--no-data",
    "--reference-excluded-parents",
    "--signed-tags=strip",
    ...heads.map((h) => h.ref),
    ...[...boundary].map((b) => `^${b}`),
  ]);
  const { stream, commits } = await transform(root, exported, plan);
  await git(["fast-import", "--quiet", "--done", "--force"], stream);
  const branches = await Promise.all(
    heads.map(async (h) => ({
      ref: h.ref,
      old: h.old,
      staged: (await git(["rev-parse", `${stagingRef(h.ref)}^{commit}`])).trim(),
    })),
  );
  return { branches, stale: stale.map(({ ref, old }) => ({ ref, old })), commits };
}

/** `refs/heads/main` → `refs/docket/erasure/heads/main`. */
export function stagingRef(ref: string): string {
  return `${STAGING}${ref.slice("refs/".length)}`;
}

/** Turns fast-export's stream into fast-import's, with the folders' files replaced. */
async function transform(
  root: string,
  input: Buffer,
  plan: RewritePlan,
): Promise<{ stream: Buffer; commits: number }> {
  const lines = splitStream(input);
  const byFolder = new Map(plan.folders.map((f) => [f.folder, f]));
  // dossiers/<YYYY>/<ID>/…: the folder is the first three parts.
  const folderOf = (path: string) => {
    const third = path.indexOf("/", path.indexOf("/", path.indexOf("/") + 1) + 1);
    return third === -1 ? undefined : byFolder.get(path.slice(0, third));
  };
  // Every blob of the folders that is replaced by reading it: dossier texts and letters.
  const wanted = new Set<string>();
  const dossierBlobs = new Set<string>();
  for (const item of lines) {
    if (item.kind !== "line" || !item.text.startsWith("M ")) continue;
    const m = parseModify(item.text);
    const folder = m && folderOf(m.path);
    if (!m || !folder || attachmentLike(folder, m.path)) continue;
    wanted.add(m.blob);
    if (m.path === `${folder.folder}/dossier.md`) dossierBlobs.add(m.blob);
  }
  const texts = await readTexts(root, [...wanted]);
  const terms = plan.termsOf([...dossierBlobs].map((b) => texts.get(b) ?? ""));
  let nextMark = 1;
  for (const item of lines)
    if (item.kind === "line" && item.text.startsWith("mark :"))
      nextMark = Math.max(nextMark, Number(item.text.slice(6)) + 1);
  const blobMarks = new Map<string, number>();
  const renamed = new Map<string, string>();
  const out: Buffer[] = [];
  const pending: Buffer[] = [];
  let commit: Buffer[] | undefined;
  let touches = false;
  let message: Buffer | undefined;
  let commits = 0;
  const text = (s: string) => Buffer.from(s, "utf8");
  const blob = (key: string, content: string): number => {
    let mark = blobMarks.get(key);
    if (mark === undefined) {
      mark = nextMark++;
      blobMarks.set(key, mark);
      const bytes = text(content);
      pending.push(text(`blob\nmark :${mark}\ndata ${bytes.length}\n`), bytes, text("\n"));
    }
    return mark;
  };
  const endCommit = () => {
    if (!commit) return;
    out.push(...pending.splice(0));
    for (const part of commit) {
      if (part === message) {
        const scrubbed = touches ? text(plan.scrub(part.toString("utf8"), terms)) : part;
        out.push(text(`data ${scrubbed.length}\n`), scrubbed, text("\n"));
      } else out.push(part);
    }
    commit = undefined;
    message = undefined;
    touches = false;
  };
  for (const item of lines) {
    if (item.kind === "data") {
      message = item.bytes;
      (commit ?? out).push(item.bytes);
      continue;
    }
    const line = item.text;
    if (line.startsWith("commit ")) {
      endCommit();
      commits++;
      commit = [text(`commit ${stagingRef(line.slice(7))}\n`)];
      continue;
    }
    if (line.startsWith("reset ")) {
      endCommit();
      out.push(text(`reset ${stagingRef(line.slice(6))}\n`));
      continue;
    }
    const target = commit ?? out;
    const m = line.startsWith("M ") ? parseModify(line) : undefined;
    const deleted = line.startsWith("D ") ? unquote(line.slice(2)) : undefined;
    const path = m?.path ?? deleted;
    const folder = path === undefined ? undefined : folderOf(path);
    if (!folder || path === undefined) {
      target.push(text(`${line}\n`));
      continue;
    }
    touches = true;
    let newPath = path;
    if (attachmentLike(folder, path) && folder.attachment !== undefined) {
      newPath = renamed.get(path) ?? `${folder.folder}/attachments/erased-${renamed.size + 1}`;
      renamed.set(path, newPath);
    }
    if (deleted !== undefined) {
      target.push(text(`D ${newPath}\n`));
      continue;
    }
    if (!m) continue;
    let content: string | undefined;
    if (attachmentLike(folder, path)) content = folder.attachment;
    else {
      const original = texts.get(m.blob);
      if (original === undefined) throw new Error(`blob ${m.blob} of ${path} cannot be read`);
      content =
        path === `${folder.folder}/dossier.md` ? folder.dossier(original) : folder.letter(original);
    }
    if (content === undefined) target.push(text(`${line}\n`));
    else
      target.push(
        text(`M ${m.mode} :${blob(`${folder.folder} ${m.blob}`, content)} ${quote(newPath)}\n`),
      );
  }
  endCommit();
  out.push(text("done\n"));
  return { stream: Buffer.concat(out), commits };
}

/** A file of a folder that is not its dossier or a letter: erased whole, with its name. */
function attachmentLike(folder: FolderErasure, path: string): boolean {
  const rest = path.slice(folder.folder.length + 1);
  return rest !== "dossier.md" && !rest.startsWith("correspondence/");
}
