import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { dossierPath } from "../domain/dossier-layout.ts";
import {
  dossierId,
  nextSequence,
  StoreConflictError,
  submissionPath,
  type DossierStore,
  type FiledDossier,
} from "./dossier-store.ts";
import type { WriteTarget } from "./write-target.ts";
import { createWriteLane } from "./write-lane.ts";

export interface DossierWriterOptions {
  /** How often a write is tried when other writers keep moving the branch. */
  maxAttempts: number;
  /** Milliseconds a write may take from the call to the answer, queueing included; none by default. */
  answerWithinMs?: number;
}

/** The writing half of the `DossierStore`. */
export type DossierWriter = Pick<DossierStore, "fileDossier" | "commit">;

/** What the writer knows of the branch between its own commits: exact, because each commit is a compare-and-swap. */
interface Known {
  head: string | undefined;
  years: Map<string, string[]>;
  markers: Map<string, string | undefined>;
}

/**
 * The one writer of both stores: `fileDossier` and `commit` of the `DossierStore` over a `WriteTarget`.
 * Writes of this process go one at a time, intakes first (write-lane.ts). An intake reads the head, the
 * year's folder and its submission marker, numbers and commits on the head it read; when the branch moved
 * it reads again, renumbers and retries. After its own commit the writer knows the branch exactly, so the
 * next intake reads nothing. A marker seen before answers with the earlier dossier; one the writer wrote
 * itself, when the answer was lost, with its own. Edits are functions of the text, run again on every try.
 */
export function createDossierWriter(
  target: WriteTarget,
  options: DossierWriterOptions,
): DossierWriter {
  const { location, branch } = target;
  const { maxAttempts } = options;
  const lane = createWriteLane();
  let known: Known | undefined;
  /** Years and markers of intakes waiting in the lane: the next read asks for them all at once. */
  const pending = { years: new Map<string, number>(), markers: new Map<string, number>() };

  async function look(year: string, marker: string | undefined, deadline: number) {
    const years = [...new Set([year, ...pending.years.keys()])];
    const markers = [...new Set([...(marker ? [marker] : []), ...pending.markers.keys()])];
    const state = await target.prepare({
      folders: years.map((y) => `dossiers/${y}`),
      paths: markers,
      deadline,
    });
    return {
      head: state.head,
      years: new Map(years.map((y) => [y, state.names.get(`dossiers/${y}`) ?? []])),
      markers: new Map(markers.map((m) => [m, state.texts.get(m)?.trim() || undefined])),
    };
  }

  /** Runs `attempt` until it returns a value: again after the branch moved or an answer was lost. */
  async function until<T>(
    what: string,
    deadline: number,
    attempt: () => Promise<T | undefined>,
  ): Promise<T> {
    let lastError: unknown;
    for (let n = 1; n <= maxAttempts; n += 1) {
      if (Date.now() >= deadline) break;
      try {
        const done = await attempt();
        if (done !== undefined) return done;
        lastError = undefined;
      } catch (error) {
        if (!target.unanswered?.(error)) throw error;
        lastError = error;
      }
      known = undefined;
      await sleep(Math.random() * 20 * n);
    }
    if (lastError) throw lastError;
    throw new StoreConflictError(
      `Could not ${what} in ${location}: branch ${branch} kept moving (${maxAttempts} attempts or the time ` +
        `for an answer ran out). Try again.`,
    );
  }

  const track = (map: Map<string, number>, key: string | undefined, delta: number) => {
    if (key === undefined) return;
    const n = (map.get(key) ?? 0) + delta;
    if (n > 0) map.set(key, n);
    else map.delete(key);
  };
  const dueBy = () => Date.now() + (options.answerWithinMs ?? Infinity);

  return {
    fileDossier(intake) {
      const deadline = dueBy();
      const { year } = intake;
      // Where answers can be lost, every intake carries a marker, so a write that landed is recognised.
      const marker =
        intake.submissionId !== undefined
          ? submissionPath(intake.submissionId)
          : target.unanswered && submissionPath(`docket-${randomUUID()}`);
      track(pending.years, year, 1);
      track(pending.markers, marker, 1);
      let tried: string | undefined;
      return lane(true, () =>
        until<FiledDossier>("file a dossier", deadline, async () => {
          if (!known?.years.has(year) || (marker && !known.markers.has(marker)))
            known = await look(year, marker, deadline);
          const state = known;
          const earlier = marker && state.markers.get(marker);
          if (earlier && state.head) {
            // Ours, when the answer to our own write was lost; else a replay of an earlier submission.
            const created = earlier === tried;
            return { id: earlier, path: dossierPath(earlier), commit: state.head, created };
          }
          const names = state.years.get(year) ?? [];
          const sequence = nextSequence(names, intake.prefix, year);
          const id = dossierId(intake.prefix, year, sequence);
          const { files, message } = intake.build(id, sequence);
          tried = id;
          const all = marker ? [...files, { path: marker, content: `${id}\n` }] : files;
          const commit = await target.commit(state.head, all, message, deadline);
          // The branch moved: the write did not land, so a marker read next is another writer's.
          if (commit === undefined) {
            tried = undefined;
            return undefined;
          }
          known = {
            head: commit,
            years: new Map(state.years).set(year, [...names, id]),
            markers: marker ? new Map(state.markers).set(marker, id) : state.markers,
          };
          return { id, path: dossierPath(id), commit, created: true };
        }),
      ).finally(() => {
        track(pending.years, year, -1);
        track(pending.markers, marker, -1);
      });
    },

    commit(change) {
      const deadline = dueBy();
      const edits = change.edits ?? [];
      const files = change.files ?? [];
      const numbered = change.numbered ?? [];
      const guarded = files.filter((f) => f.ifAbsent).map((f) => f.path);
      return lane(false, () =>
        until<string>("commit", deadline, async () => {
          known = undefined;
          const state = await target.prepare({
            folders: numbered.map((n) => n.folder),
            paths: [...edits.map((e) => e.path), ...guarded],
            deadline,
          });
          const added = numbered.flatMap(({ folder, build }) =>
            build(state.names.get(folder) ?? []).map((f) => ({
              path: `${folder}/${f.name}`,
              content: f.content,
            })),
          );
          const edited = edits.flatMap(({ path, edit }) => {
            const text = state.texts.get(path);
            if (text === undefined)
              throw new Error(
                `Cannot edit ${path}: there is no such file on ${branch} of ${location}.`,
              );
            const content = edit(text);
            return content === text ? [] : [{ path, content }];
          });
          const kept = files.filter((f) => !f.ifAbsent || state.texts.get(f.path) === undefined);
          if (kept.length + edited.length + added.length === 0) return state.head ?? "";
          return target.commit(
            state.head,
            [...kept, ...added, ...edited],
            change.message,
            deadline,
          );
        }),
      );
    },
  };
}
