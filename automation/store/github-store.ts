import { dossierPath } from "../domain/dossier-layout.ts";
import { setTimeout as sleep } from "node:timers/promises";
import { randomUUID } from "node:crypto";
import {
  dossierId,
  nextSequence,
  StoreConflictError,
  StoreRejectedError,
  StoreUnavailableError,
  submissionPath,
} from "./dossier-store.ts";
import type {
  DossierIntake,
  DossierStore,
  FiledDossier,
  StoreChange,
  StoredFile,
} from "./dossier-store.ts";
import { GitHubGraphQLError, type GitHubClient } from "./github-client.ts";
import { isRefConflict } from "./github-errors.ts";
import { githubGitObjects } from "./github-git-objects.ts";
import { createSnapshotReader } from "./snapshot-reader.ts";
import { createWriteLane } from "./write-lane.ts";

export { StoreAccessError, StoreRejectedError } from "./github-errors.ts";

export interface GitHubStoreOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  /** Default `main`. */
  branch?: string;
  /** How often a write is tried when other writers keep moving the branch. Default 10. */
  maxAttempts?: number;
  /** Milliseconds a write may take from the call to the answer, queueing included. Default 8,000. */
  answerWithinMs?: number;
}

/** What the store knows of the branch between its own commits: exact, because each commit is a compare-and-swap. */
interface Known {
  head: string;
  years: Map<string, string[]>;
  markers: Map<string, string | undefined>;
}

/**
 * The `DossierStore` on GitHub, in as few requests as GitHub allows. An intake is one GraphQL query (the
 * branch's head, the year's folder and the submission marker) and one `createCommitOnBranch` with
 * `expectedHeadOid`: a compare-and-swap, so a `STALE_DATA` answer means another writer moved the branch; the
 * store reads again, renumbers and retries. Writes of this process go one at a time, intakes first; after its
 * own commit the store knows the branch exactly, so the next intake needs no query at all. A write whose
 * answer was lost is recognised by its submission marker when the store reads again. Nothing here waits for
 * a rate limit: a spent limit, GitHub not answering or the deadline passing is a `StoreUnavailableError`.
 */
export function createGitHubStore(options: GitHubStoreOptions): DossierStore {
  const { client, owner, repo } = options;
  const branch = options.branch ?? "main";
  const maxAttempts = options.maxAttempts ?? 10;
  const answerWithin = options.answerWithinMs ?? 8_000;
  const location = `${owner}/${repo}`;
  const reader = createSnapshotReader(githubGitObjects(client, { owner, repo, branch }));
  const lane = createWriteLane();
  let known: Known | undefined;
  /** Years and markers of intakes waiting in the lane: the next query reads them all at once. */
  const pending = { years: new Map<string, number>(), markers: new Map<string, number>() };

  const call = (action: string, deadline: number) => ({
    action: `${action} in ${location}`,
    deadline,
  });

  async function look(years: string[], markers: string[], paths: string[], deadline: number) {
    const wantYears = [...new Set([...years, ...pending.years.keys()])];
    const wantMarkers = [...new Set([...markers, ...pending.markers.keys()])];
    const variables: Record<string, string> = {};
    const fields: string[] = [];
    wantYears.forEach((year, i) => {
      variables[`y${i}`] = `dossiers/${year}`;
      fields.push(`y${i}: file(path: $y${i}) { object { ... on Tree { entries { name } } } }`);
    });
    [...wantMarkers, ...paths].forEach((path, i) => {
      variables[`f${i}`] = path;
      fields.push(`f${i}: file(path: $f${i}) { object { ... on Blob { text } } }`);
    });
    const declared = Object.keys(variables)
      .map((name) => `$${name}: String!`)
      .join(", ");
    const query = `query($owner: String!, $name: String!, $ref: String!${declared ? `, ${declared}` : ""}) {
  repository(owner: $owner, name: $name) {
    ref(qualifiedName: $ref) { target { oid ... on Commit { ${fields.join("\n")} } } }
  }
}`;
    const data = await client.graphql<{
      repository: { ref: { target: Record<string, unknown> & { oid: string } } | null };
    }>(
      query,
      { owner, name: repo, ref: `refs/heads/${branch}`, ...variables },
      call(`reading branch ${branch}`, deadline),
    );
    const target = data.repository.ref?.target;
    if (!target) {
      throw new StoreRejectedError(
        `Branch ${branch} does not exist in ${location}: GitHub can only add commits to a branch that exists. ` +
          `Create it with a first commit (e.g. a README).`,
      );
    }
    const field = (key: string) =>
      (target[key] as { object?: { entries?: { name: string }[]; text?: string } } | null)?.object;
    const state: Known = {
      head: target.oid,
      years: new Map(
        wantYears.map((year, i) => [year, (field(`y${i}`)?.entries ?? []).map((e) => e.name)]),
      ),
      markers: new Map(wantMarkers.map((m, i) => [m, field(`f${i}`)?.text?.trim() || undefined])),
    };
    const texts = new Map(
      paths.map((p, i) => [p, field(`f${wantMarkers.length + i}`)?.text ?? undefined]),
    );
    return { state, texts };
  }

  /** One `createCommitOnBranch`: the new commit, `undefined` when the branch moved, or a thrown failure. */
  async function commitOn(
    head: string,
    files: readonly StoredFile[],
    message: string,
    deadline: number,
  ) {
    const [headline = "", ...rest] = message.trim().split("\n");
    const body = rest.join("\n").trim();
    try {
      const data = await client.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
        `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`,
        {
          input: {
            branch: { repositoryNameWithOwner: location, branchName: branch },
            expectedHeadOid: head,
            message: { headline, ...(body ? { body } : {}) },
            fileChanges: {
              additions: files.map((f) => ({
                path: f.path,
                contents: Buffer.from(f.content).toString("base64"),
              })),
            },
          },
        },
        call("committing", deadline),
      );
      return data.createCommitOnBranch.commit.oid;
    } catch (error) {
      if (isStale(error)) return undefined;
      throw error;
    }
  }

  /**
   * Runs `attempt` until it returns a value, within the deadline: again after the branch moved, and again
   * after GitHub gave no answer (the next read tells whether the write landed).
   */
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
        if (!(error instanceof StoreUnavailableError) || !isNoAnswer(error)) throw error;
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

  return {
    kind: "github",
    location,
    reader,

    fileDossier(intake: DossierIntake): Promise<FiledDossier> {
      const deadline = Date.now() + answerWithin;
      // Every intake carries a marker, so an answer lost after GitHub wrote it is recognised.
      const marker = submissionPath(intake.submissionId ?? `docket-${randomUUID()}`);
      track(pending.years, intake.year, 1);
      track(pending.markers, marker, 1);
      const done = () => {
        track(pending.years, intake.year, -1);
        track(pending.markers, marker, -1);
      };
      let tried: string | undefined;
      return lane(true, () =>
        until<FiledDossier>("file a dossier", deadline, async () => {
          if (!known?.years.has(intake.year) || !known.markers.has(marker))
            known = (await look([intake.year], [marker], [], deadline)).state;
          const state = known;
          const earlier = state.markers.get(marker);
          if (earlier !== undefined) {
            // Ours, when the answer to our own write was lost; else a replay of an earlier submission.
            return {
              id: earlier,
              path: dossierPath(earlier),
              commit: state.head,
              created: earlier === tried,
            };
          }
          const names = state.years.get(intake.year) ?? [];
          const sequence = nextSequence(names, intake.prefix, intake.year);
          const id = dossierId(intake.prefix, intake.year, sequence);
          const { files, message } = intake.build(id, sequence);
          tried = id;
          const commit = await commitOn(
            state.head,
            [...files, { path: marker, content: `${id}\n` }],
            message,
            deadline,
          );
          if (commit === undefined) return undefined;
          known = {
            head: commit,
            years: new Map(state.years).set(intake.year, [...names, id]),
            markers: new Map(state.markers).set(marker, id),
          };
          return { id, path: dossierPath(id), commit, created: true };
        }),
      ).finally(done);
    },

    commit(change: StoreChange): Promise<string> {
      const deadline = Date.now() + answerWithin;
      const edits = change.edits ?? [];
      const files = change.files ?? [];
      const guarded = files.filter((f) => f.ifAbsent).map((f) => f.path);
      return lane(false, () =>
        until<string>("commit", deadline, async () => {
          const { state, texts } = await look(
            [],
            [],
            [...edits.map((e) => e.path), ...guarded],
            deadline,
          );
          known = undefined;
          const edited = edits.flatMap(({ path, edit }) => {
            const text = texts.get(path);
            if (text === undefined)
              throw new Error(
                `Cannot edit ${path}: there is no such file on ${branch} of ${location}.`,
              );
            const content = edit(text);
            return content === text ? [] : [{ path, content }];
          });
          const kept = files.filter((f) => !f.ifAbsent || texts.get(f.path) === undefined);
          if (kept.length + edited.length === 0) return state.head;
          return commitOn(state.head, [...kept, ...edited], change.message, deadline);
        }),
      );
    },

    head: () => reader.head(),
    list: (prefix) => reader.list(prefix),
    read: (paths) => reader.read(paths),
  };
}

function isStale(error: unknown): boolean {
  // GitHub's answer when two updates of the branch race: 422 "Reference update failed".
  if (error instanceof StoreRejectedError && isRefConflict(error.cause)) return true;
  return (
    error instanceof GitHubGraphQLError &&
    (error.types.includes("STALE_DATA") ||
      /expected branch to point to|reference update failed/i.test(error.message))
  );
}

/** GitHub gave no answer (network, timeout, 5xx): a write may or may not have landed. */
function isNoAnswer(error: StoreUnavailableError): boolean {
  const status = (error.cause as { status?: number } | undefined)?.status;
  return status !== undefined && status >= 500;
}
