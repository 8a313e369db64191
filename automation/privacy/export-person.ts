/**
 * Access (AVG/GDPR art. 15): everything the repository holds about one person,
 * found by e-mail address, written to a folder a person can read (see
 * docs/privacy.md). A complainant gets their dossiers whole, with letters,
 * mail and attachments; a staff member heard in a case gets the fields about
 * them and the mail sent to them or received from them; a handler the
 * fields about them. Third parties' data is not given to anyone else.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { dossiersAt, type HeldDossier } from "./dossiers-at.ts";
import { letterConcerns } from "./erase-text.ts";
import { gitBytes, type GitRun } from "../repo/git.ts";
import { exportIndexHtml, exportIndexMarkdown, type ExportedCase } from "./export-index.ts";

export interface ExportResult {
  cases: ExportedCase[];
  files: number;
}

/** Writes the person's data under `out` (which must be new or empty); nothing when nobody matches. */
export async function exportPerson(
  repo: { root: string; git: GitRun; branch: string },
  email: string,
  out: string,
  now: string,
): Promise<ExportResult> {
  const wanted = email.trim().toLowerCase();
  const is = (value: unknown) => typeof value === "string" && value.toLowerCase() === wanted;
  const cases: ExportedCase[] = [];
  const writes: { path: string; content: string | Buffer }[] = [];
  for (const held of await dossiersAt(repo)) {
    const data = loose(held);
    const complainant = is(record(data.complainant).email);
    const staff = (Array.isArray(data.staff_involved) ? data.staff_involved : [])
      .map(record)
      .filter((s) => is(s.email));
    const handler = is(record(data.handler).email);
    if (!complainant && staff.length === 0 && !handler) continue;
    const roles: ExportedCase["roles"] = [];
    const files: string[] = [];
    const add = (name: string, content: string | Buffer) => {
      files.push(name);
      writes.push({ path: join(held.id, name), content });
    };
    const inFolder = (
      await repo.git(["ls-tree", "-r", "-z", "--name-only", repo.branch, "--", `${held.folder}/`])
    )
      .split("\0")
      .filter(Boolean);
    if (complainant) {
      roles.push("complainant");
      for (const path of inFolder) add(path.slice(held.folder.length + 1), await blob(repo, path));
    } else {
      const about: Record<string, unknown> = {
        id: held.id,
        received_at: data.received_at,
        status: data.status,
      };
      if (staff.length > 0) {
        roles.push("staff");
        about.staff_involved = staff;
      }
      if (handler) {
        roles.push("handler");
        about.handler = data.handler;
      }
      add("about-you.yaml", stringify(about));
      for (const path of inFolder.filter((p) => p.startsWith(`${held.folder}/correspondence/`))) {
        const content = await blob(repo, path);
        if (letterConcerns(content.toString("utf8"), wanted))
          add(path.slice(held.folder.length + 1), content);
      }
    }
    cases.push({
      id: held.id,
      roles,
      receivedAt: typeof data.received_at === "string" ? data.received_at : "",
      status: typeof data.status === "string" ? data.status : "",
      summary: complainant && typeof data.summary === "string" ? data.summary : undefined,
      files,
    });
  }
  if (cases.length === 0) return { cases, files: 0 };
  for (const w of writes) {
    const file = join(out, w.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, w.content);
  }
  writeFileSync(join(out, "index.html"), exportIndexHtml(email, cases, now));
  writeFileSync(join(out, "index.md"), exportIndexMarkdown(email, cases, now));
  return { cases, files: writes.length };
}

function blob(repo: { root: string; branch: string }, path: string): Promise<Buffer> {
  return gitBytes(repo.root, ["cat-file", "blob", `${repo.branch}:${path}`]);
}

function loose(held: HeldDossier): Record<string, unknown> {
  if (held.dossier) return held.dossier as unknown as Record<string, unknown>;
  return {};
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
