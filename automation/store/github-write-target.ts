import { GitHubGraphQLError, type GitHubClient } from "./github-client.ts";
import { isRefConflict, StoreRejectedError } from "./github-errors.ts";
import { StoreUnavailableError } from "./dossier-store.ts";
import type { WriteTarget } from "./write-target.ts";

/**
 * The `WriteTarget` on GitHub: `prepare` is one GraphQL query (the branch's head, the folders' names and the
 * files' texts at it), `commit` one `createCommitOnBranch` with `expectedHeadOid`, a compare-and-swap whose
 * `STALE_DATA` (or 422 "Reference update failed") means the branch moved. A 5xx, network error or timeout
 * leaves unknown whether a write landed.
 */
export function githubWriteTarget(
  client: GitHubClient,
  { owner, repo, branch }: { owner: string; repo: string; branch: string },
): WriteTarget {
  const location = `${owner}/${repo}`;
  const call = (action: string, deadline: number) => ({
    action: `${action} in ${location}`,
    deadline,
  });

  return {
    location,
    branch,
    unanswered: (error) => error instanceof StoreUnavailableError && isNoAnswer(error),

    async prepare({ folders, paths, deadline }) {
      const variables: Record<string, string> = {};
      const fields: string[] = [];
      folders.forEach((path, i) => {
        variables[`y${i}`] = path;
        fields.push(`y${i}: file(path: $y${i}) { object { ... on Tree { entries { name } } } }`);
      });
      paths.forEach((path, i) => {
        variables[`f${i}`] = path;
        fields.push(`f${i}: file(path: $f${i}) { object { ... on Blob { text } } }`);
      });
      const declared = Object.keys(variables)
        .map((name) => `$${name}: String!`)
        .join(", ");
      // GraphQL has no empty selection: a commit of new files alone asks only for the head.
      const atCommit = fields.length > 0 ? ` ... on Commit { ${fields.join("\n")} }` : "";
      const query = `query($owner: String!, $name: String!, $ref: String!${declared ? `, ${declared}` : ""}) {
  repository(owner: $owner, name: $name) {
    ref(qualifiedName: $ref) { target { oid${atCommit} } }
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
        (target[key] as { object?: { entries?: { name: string }[]; text?: string } } | null)
          ?.object;
      return {
        head: target.oid,
        names: new Map(
          folders.map((f, i) => [f, (field(`y${i}`)?.entries ?? []).map((e) => e.name)]),
        ),
        texts: new Map(paths.map((p, i) => [p, field(`f${i}`)?.text ?? undefined])),
      };
    },

    async commit(parent, files, message, deadline) {
      const [headline = "", ...rest] = message.trim().split("\n");
      const body = rest.join("\n").trim();
      try {
        const data = await client.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
          `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`,
          {
            input: {
              branch: { repositoryNameWithOwner: location, branchName: branch },
              expectedHeadOid: parent,
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
    },
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
