import { execute, GraphQLError, parse, validate, type DocumentNode } from "graphql";
import type { FakeGit } from "./fake-git.ts";
import { githubGraphQLSchema } from "./github-contract.ts";

interface FakeRepository {
  owner: string;
  repo: string;
  git: FakeGit;
}

/**
 * Runs a GraphQL request on the fake's repository as GitHub would: the document is validated against
 * GitHub's public schema (anything it refuses is a violation, answered with GitHub's error shape) and
 * executed by resolvers over the fake's git objects. Errors carry GitHub's `type` (`NOT_FOUND`,
 * `STALE_DATA`, …) at the top level, as GitHub sends them. `beforeWrite` runs before a mutation is checked.
 */
export async function executeGraphQL(
  fake: FakeRepository,
  body: { query?: string; variables?: Record<string, unknown> },
  beforeWrite: () => void,
): Promise<{ body: unknown; violations: string[] }> {
  const schema = githubGraphQLSchema();
  let document: DocumentNode;
  try {
    document = parse(body.query ?? "");
  } catch (error) {
    const message = (error as Error).message;
    return { body: { errors: [{ message }] }, violations: [`GraphQL: ${message}`] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) {
    const messages = invalid.map((e) => e.message);
    return {
      body: { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) },
      violations: messages.map((m) => `GraphQL: ${m}`),
    };
  }
  const result = await execute({
    schema,
    document,
    variableValues: body.variables ?? {},
    rootValue: rootValue(fake, beforeWrite),
  });
  const violations = (result.errors ?? [])
    .filter((e) => e.extensions.type === undefined)
    .map((e) => `GraphQL: ${e.message}`);
  const errors = result.errors?.map((e) => ({
    ...(e.extensions.type ? { type: e.extensions.type } : {}),
    path: e.path,
    locations: e.locations,
    message: e.message,
  }));
  return { body: { data: result.data ?? null, ...(errors ? { errors } : {}) }, violations };
}

function githubError(type: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

function rootValue(fake: FakeRepository, beforeWrite: () => void) {
  const { git } = fake;

  const blob = (oid: string) => {
    const data = git.blob(oid);
    if (!data) return null;
    const binary = data.includes(0);
    return {
      __typename: "Blob",
      oid,
      byteSize: data.length,
      isBinary: binary,
      isTruncated: false,
      text: binary ? null : data.toString("utf8"),
    };
  };
  const tree = (oid: string) => {
    const entries = git.tree(oid);
    if (!entries) return null;
    return {
      __typename: "Tree",
      oid,
      entries: () =>
        entries.map((entry) => ({
          name: entry.name,
          oid: entry.sha,
          type: entry.type,
          mode: Number.parseInt(entry.type === "tree" ? "40000" : entry.mode, 8),
          object: () => object(entry.sha),
        })),
    };
  };
  const commit = (oid: string) => {
    const data = git.commit(oid);
    if (!data) return null;
    return {
      __typename: "Commit",
      oid,
      message: data.message,
      tree: () => tree(data.tree),
      file: ({ path }: { path: string }) => entryAt(data.tree, path),
    };
  };
  const object = (oid: string) => commit(oid) ?? tree(oid) ?? blob(oid);
  const entryAt = (root: string, path: string) => {
    const names = path.split("/").filter(Boolean);
    let sha = root;
    let found: { name: string; sha: string; type: string; mode: string } | undefined;
    for (const name of names) {
      found = git.tree(sha)?.find((entry) => entry.name === name);
      if (!found) return null;
      sha = found.sha;
    }
    if (!found) return null;
    const entry = found;
    return {
      name: entry.name,
      path,
      oid: entry.sha,
      type: entry.type,
      mode: Number.parseInt(entry.type === "tree" ? "40000" : entry.mode, 8),
      object: () => object(entry.sha),
    };
  };
  const isRepository = (owner: string, name: string) =>
    owner.toLowerCase() === fake.owner && name.toLowerCase() === fake.repo;

  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      if (!isRepository(owner, name))
        throw githubError(
          "NOT_FOUND",
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        );
      return {
        nameWithOwner: `${fake.owner}/${fake.repo}`,
        ref: ({ qualifiedName }: { qualifiedName: string }) => {
          const name = qualifiedName
            .replace(/^refs\//, "")
            .replace(/^(?!heads\/|tags\/)/, "heads/");
          const oid = git.refs.get(name);
          return oid
            ? { name: name.replace(/^heads\//, ""), prefix: "refs/heads/", target: commit(oid) }
            : null;
        },
        object: ({ oid, expression }: { oid?: string; expression?: string }) => {
          if (oid !== undefined) return object(oid);
          const [rev = "", path = ""] = (expression ?? "").split(":");
          const at = git.refs.get(`heads/${rev}`) ?? rev;
          const data = git.commit(at);
          if (!data) return null;
          if (path === "") return commit(at);
          const entry = entryAt(data.tree, path);
          return entry ? object(entry.oid) : null;
        },
      };
    },
    createCommitOnBranch: ({ input }: { input: CreateCommitOnBranchInput }) => {
      beforeWrite();
      const { branch, expectedHeadOid, message, fileChanges } = input;
      const [owner = "", name = ""] = (branch.repositoryNameWithOwner ?? "").split("/");
      if (!isRepository(owner, name))
        throw githubError(
          "NOT_FOUND",
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        );
      const ref = `heads/${(branch.branchName ?? "").replace(/^refs\/heads\//, "")}`;
      const current = git.refs.get(ref);
      if (!current)
        throw githubError("NOT_FOUND", `A ref named "${branch.branchName ?? ""}" does not exist.`);
      if (current !== expectedHeadOid)
        throw githubError(
          "STALE_DATA",
          `Expected branch to point to "${expectedHeadOid}" but it did not. Pull and try again.`,
        );
      const base = git.commit(current)?.tree;
      const changes = [
        ...(fileChanges?.additions ?? []).map((a) => ({
          path: a.path,
          mode: "100644",
          type: "blob" as const,
          sha: git.putBlob(Buffer.from(a.contents, "base64")),
        })),
        ...(fileChanges?.deletions ?? []).map((d) => ({
          path: d.path,
          mode: "100644",
          type: "blob" as const,
          sha: null,
        })),
      ];
      const oid = git.putCommit({
        tree: git.editTree(base, changes),
        parents: [current],
        message: message.body ? `${message.headline}\n\n${message.body}` : message.headline,
      });
      git.refs.set(ref, oid);
      return {
        commit: commit(oid),
        ref: { name: ref.replace(/^heads\//, ""), target: commit(oid) },
      };
    },
  };
}

interface CreateCommitOnBranchInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string; id?: string };
  expectedHeadOid: string;
  message: { headline: string; body?: string };
  fileChanges?: {
    additions?: Array<{ path: string; contents: string }>;
    deletions?: Array<{ path: string }>;
  };
}
