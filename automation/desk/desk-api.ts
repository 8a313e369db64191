import type { ChangeContext } from "../domain/check-change.ts";
import { splitDossier } from "../domain/dossier-text.ts";
import type { Violation } from "../domain/violation.ts";
import type { IntakeContext } from "../intake/intake-handler.ts";
import type { DossierStore } from "../store/dossier-store.ts";
import { deskRefusal } from "./desk-access.ts";
import { judgeDeskSave } from "./desk-check.ts";
import { DOSSIERS, dossierIdAt } from "../domain/dossier-layout.ts";

/**
 * The desk's backend on `docket serve`: Decap CMS's local backend protocol
 * (one POST of `{action, params}`, as `decap-server` answers it) over the
 * embedded repository. A save is one commit on main, made only when it
 * passes the rules a push to the repository must pass (`checkChange`, as a
 * person's change made now); `docketCheck` tells the form, before anything
 * is saved, what a save would break and which letters it would send.
 */
export const DESK_API_PATH = "/api/desk/v1";

export interface LetterPreview {
  /** The letters a save sends, from dispatch's dry run, as the pull request preview gets them. */
  letters: { letter: string; to: readonly string[]; subject: string; text: string }[];
}

export interface DeskApiDeps {
  store: Pick<DossierStore, "list" | "read" | "commit" | "location">;
  context: ChangeContext;
  clock: () => Date;
  /** The letters dispatch would send if `path` read `text` on main: a dry run, nothing sent. */
  previewLetters: (path: string, text: string) => Promise<LetterPreview>;
}

interface Call {
  action?: unknown;
  params?: Record<string, unknown>;
}

export class DeskRefusedError extends Error {
  readonly violations: Violation[];
  constructor(violations: Violation[]) {
    super(violations.map((v) => v.message).join("\n"));
    this.name = "DeskRefusedError";
    this.violations = violations;
  }
}

export function createDeskApi(deps: DeskApiDeps) {
  const readDossiers = async (paths: string[]) => {
    const texts = await deps.store.read(paths);
    return paths.flatMap((path) => {
      const data = texts.get(path);
      return data === undefined ? [] : [{ data, file: { path, id: path } }];
    });
  };

  /** The dossier as it would be after the form's save, and what that step breaks. */
  const judge = async (path: string, raw: string) => {
    const before = (await deps.store.read([path])).get(path);
    if (before === undefined) throw new NotFound(`${path} is not a dossier in the repository`);
    return { before, ...judgeDeskSave({ path, before, raw }, deps.context, deps.clock()) };
  };

  const actions: Record<string, (params: Record<string, unknown>) => Promise<unknown>> = {
    info: async () => ({ repo: deps.store.location, publish_modes: ["simple"], type: "docket" }),
    entriesByFolder: async () =>
      readDossiers(
        (await deps.store.list(`${DOSSIERS}/`)).filter((p) => dossierIdAt(p) !== undefined),
      ),
    entriesByFiles: async (params) =>
      readDossiers(
        (Array.isArray(params.files) ? params.files : [])
          .map((f: { path?: unknown }) => String(f?.path ?? ""))
          .filter((p) => dossierIdAt(p) !== undefined),
      ),
    getEntry: async (params) => {
      const path = dossierParam(params.path);
      const [entry] = await readDossiers([path]);
      if (!entry) throw new NotFound(`${path} is not a dossier in the repository`);
      return entry;
    },
    getMedia: async () => [],
    docketCheck: async (params) => {
      const path = dossierParam(params.path);
      const { after, violations } = await judge(path, String(params.raw ?? ""));
      const preview = violations.length === 0 ? await deps.previewLetters(path, after) : undefined;
      return { violations: violations.map(shown), ...(preview ? { preview } : {}) };
    },
    persistEntry: async (params) => {
      const files = Array.isArray(params.dataFiles) ? params.dataFiles : [];
      const assets = Array.isArray(params.assets) ? params.assets : [];
      if (files.length !== 1 || assets.length > 0) {
        throw new BadCall("the desk saves one dossier at a time, without uploads");
      }
      const file = files[0] as { path?: unknown; raw?: unknown };
      const path = dossierParam(file.path);
      const raw = String(file.raw ?? "");
      const { before, after, violations } = await judge(path, raw);
      if (violations.length > 0) throw new DeskRefusedError(violations);
      // The edit runs again on main as it is when the commit is made, and is judged again there.
      const step = (current: string) => {
        const next = judgeDeskSave({ path, before: current, raw }, deps.context, deps.clock());
        if (next.violations.length > 0) throw new DeskRefusedError(next.violations);
        return next.after;
      };
      await deps.store.commit({
        message: commitMessage(before, after),
        edits: [{ path, edit: step }],
      });
      return { message: "entry persisted" };
    },
  };

  return async (request: Request, context: IntakeContext): Promise<Response> => {
    const refusal = deskRefusal(request, context.clientAddress);
    if (refusal) return reply(403, { error: refusal });
    let call: Call;
    try {
      call = (await request.json()) as Call;
    } catch {
      return reply(400, { error: "the body is not JSON" });
    }
    const action = typeof call?.action === "string" ? actions[call.action] : undefined;
    if (!action || !Object.hasOwn(actions, String(call.action))) {
      return reply(400, {
        error: `the desk does not know the action ${JSON.stringify(call?.action)}`,
      });
    }
    try {
      return reply(200, await action(call.params ?? {}));
    } catch (error) {
      if (error instanceof DeskRefusedError) {
        return reply(422, { error: error.message, violations: error.violations.map(shown) });
      }
      if (error instanceof NotFound) return reply(404, { error: error.message });
      if (error instanceof BadCall) return reply(400, { error: error.message });
      throw error;
    }
  };
}

class NotFound extends Error {}
class BadCall extends Error {}

function dossierParam(value: unknown): string {
  const path = String(value ?? "");
  if (dossierIdAt(path) === undefined)
    throw new BadCall(`${JSON.stringify(path)} is not the path of a dossier`);
  return path;
}

function shown(v: Violation) {
  return { field: v.field ?? "", line: v.line, rule: v.rule, message: v.message };
}

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

/** "KL-2026-0001: status in_progress → awaiting_information; information" with the Dossier trailer. */
export function commitMessage(before: string, after: string): string {
  const was = splitDossier(before).data as Record<string, unknown>;
  const now = splitDossier(after).data as Record<string, unknown>;
  const changed = [...new Set([...Object.keys(was), ...Object.keys(now)])].filter(
    (k) => k !== "status" && JSON.stringify(was[k]) !== JSON.stringify(now[k]),
  );
  const parts = [
    ...(was.status !== now.status ? [`status ${String(was.status)} → ${String(now.status)}`] : []),
    ...changed,
    ...(splitDossier(before).body !== splitDossier(after).body ? ["notes"] : []),
  ];
  return `${String(now.id)}: ${parts.join("; ") || "saved"} (desk)\n\nDossier: ${String(now.id)}\n`;
}
