import type { GitHubClient } from "./github-client.ts";
import type { GitObjects, TreeEntry } from "./git-objects.ts";

export interface GitHubTarget {
  owner: string;
  repo: string;
  branch: string;
}

/** GraphQL answers at most this many blobs' texts per query, as GitHub advises for one document. */
const PER_QUERY = 100;
/** Reads are not on a complainant's path; they still never hang. */
const READ_MS = 30_000;

/**
 * `GitObjects` on GitHub. `head` is a conditional REST request (`If-None-Match` with the last answer's ETag)
 * that GitHub answers 304 without counting it against the rate limit while the branch has not moved; a
 * folder is one GraphQL query; everything below a year's folder one recursive tree request; texts come 100
 * blobs to a GraphQL query.
 */
export function githubGitObjects(client: GitHubClient, target: GitHubTarget): GitObjects {
  const { owner, repo, branch } = target;
  const where = `${owner}/${repo}`;
  const call = (action: string) => ({
    action: `${action} in ${where}`,
    deadline: Date.now() + READ_MS,
  });
  let seen: { etag: string; sha: string } | undefined;

  const batches = async <T>(
    items: readonly string[],
    query: (chunk: readonly string[]) => { text: string; variables: Record<string, unknown> },
    pick: (data: Record<string, T>, index: number) => string | undefined,
    action: string,
  ): Promise<Array<string | undefined>> => {
    const out: Array<string | undefined> = [];
    for (let at = 0; at < items.length; at += PER_QUERY) {
      const chunk = items.slice(at, at + PER_QUERY);
      const { text, variables } = query(chunk);
      const data = await client.graphql<{ repository: Record<string, T> }>(
        text,
        { owner, name: repo, ...variables },
        call(action),
      );
      chunk.forEach((_, i) => out.push(pick(data.repository, i)));
    }
    return out;
  };

  return {
    async head() {
      const answer = await client.rest<string>(
        "GET /repos/{owner}/{repo}/commits/{ref}",
        {
          owner,
          repo,
          ref: branch,
          headers: {
            accept: "application/vnd.github.sha",
            ...(seen ? { "if-none-match": seen.etag } : {}),
          },
        },
        call(`reading branch ${branch}`),
      );
      if (answer.status === 304 && seen) return seen.sha;
      const sha = String(answer.data).trim();
      const etag = answer.headers.etag;
      seen = typeof etag === "string" ? { etag, sha } : undefined;
      return sha || undefined;
    },

    async folder(commit, path) {
      const data = await client.graphql<{
        repository: { object: { tree?: Folder; file?: { object: Folder | null } | null } | null };
      }>(
        path
          ? `query($owner: String!, $name: String!, $oid: GitObjectID!, $path: String!) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) { ... on Commit { file(path: $path) { object { ... on Tree { entries { name type oid } } } } } }
  }
}`
          : `query($owner: String!, $name: String!, $oid: GitObjectID!) {
  repository(owner: $owner, name: $name) {
    object(oid: $oid) { ... on Commit { tree { entries { name type oid } } } }
  }
}`,
        { owner, name: repo, oid: commit, ...(path ? { path } : {}) },
        call(`reading the folder ${path || "/"}`),
      );
      const object = data.repository.object;
      const entries = (path ? object?.file?.object : object?.tree)?.entries ?? [];
      return entries
        .filter((e) => e.type === "tree" || e.type === "blob")
        .map((e) => ({ name: e.name, type: e.type as TreeEntry["type"], oid: e.oid }));
    },

    async blobsBelow(tree) {
      const data = (
        await client.rest<{
          tree: Array<{ path?: string; type?: string; sha?: string }>;
          truncated: boolean;
        }>(
          "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
          { owner, repo, tree_sha: tree, recursive: "1" },
          call(`listing tree ${tree}`),
        )
      ).data;
      const blobs = new Map<string, string>();
      if (!data.truncated) {
        for (const e of data.tree) if (e.type === "blob") blobs.set(e.path ?? "", e.sha ?? "");
        return blobs;
      }
      // Past 100,000 entries or 7 MB GitHub truncates: one level at a time instead.
      const top = (
        await client.rest<{ tree: Array<{ path?: string; type?: string; sha?: string }> }>(
          "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
          { owner, repo, tree_sha: tree },
          call(`listing tree ${tree}`),
        )
      ).data.tree;
      for (const e of top) {
        if (e.type === "blob") blobs.set(e.path ?? "", e.sha ?? "");
        if (e.type === "tree")
          for (const [p, oid] of await this.blobsBelow(e.sha ?? ""))
            blobs.set(`${e.path ?? ""}/${p}`, oid);
      }
      return blobs;
    },

    async texts(oids) {
      const texts = await batches<{ text?: string | null } | null>(
        oids,
        (chunk) => ({
          text: `query($owner: String!, $name: String!, ${chunk.map((_, i) => `$o${i}: GitObjectID!`).join(", ")}) {
  repository(owner: $owner, name: $name) {
${chunk.map((_, i) => `    b${i}: object(oid: $o${i}) { ... on Blob { text } }`).join("\n")}
  }
}`,
          variables: Object.fromEntries(chunk.map((oid, i) => [`o${i}`, oid])),
        }),
        (data, i) => data[`b${i}`]?.text ?? undefined,
        `reading ${oids.length} file(s)`,
      );
      return new Map(oids.map((oid, i) => [oid, texts[i]]));
    },

    async textsAt(commit, paths) {
      const texts = await batches<{ text?: string | null } | null>(
        paths,
        (chunk) => ({
          text: `query($owner: String!, $name: String!, ${chunk.map((_, i) => `$e${i}: String!`).join(", ")}) {
  repository(owner: $owner, name: $name) {
${chunk.map((_, i) => `    f${i}: object(expression: $e${i}) { ... on Blob { text } }`).join("\n")}
  }
}`,
          variables: Object.fromEntries(chunk.map((path, i) => [`e${i}`, `${commit}:${path}`])),
        }),
        (data, i) => data[`f${i}`]?.text ?? undefined,
        `reading ${paths.join(", ")}`,
      );
      return new Map(paths.map((p, i) => [p, texts[i]]));
    },
  };
}

interface Folder {
  entries?: Array<{ name: string; type: string; oid: string }>;
}
