import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { schema as graphqlSchemaFiles } from "@octokit/graphql-schema";
import { Ajv, type ValidateFunction } from "ajv";
import { buildClientSchema, type GraphQLSchema } from "graphql";

/**
 * GitHub's own descriptions of its APIs, to hold the fake to: the REST API's OpenAPI description
 * (`@octokit/openapi`) and the GraphQL schema (`@octokit/graphql-schema`). Loaded once per test worker.
 */

interface Operation {
  parameters?: Array<{ $ref?: string; name?: string; in?: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
}
interface Route {
  template: string;
  pattern: RegExp;
  operations: Record<string, Operation>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, { name: string; in: string; required?: boolean }> };
}

let openapi: { doc: OpenApi; routes: Route[]; ajv: Ajv } | undefined;
const bodies = new Map<string, ValidateFunction>();

function description() {
  if (!openapi) {
    const path = createRequire(import.meta.url).resolve(
      "@octokit/openapi/generated/api.github.com.json",
    );
    const doc = JSON.parse(readFileSync(path, "utf8")) as OpenApi;
    typelessNullables(doc);
    const routes = Object.entries(doc.paths).map(([template, operations]) => ({
      template,
      operations,
      pattern: new RegExp(
        `^${template.replace(/\{([^}]+)\}/g, (_, name: string) =>
          // Refs and tree shas may hold slashes (x-multi-segment).
          name === "ref" || name === "tree_sha" || name === "path" ? "(.+)" : "([^/]+)",
        )}$`,
      ),
    }));
    // Fixed paths before templated ones, so /git/trees beats /git/{anything}.
    routes.sort(
      (a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0),
    );
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    ajv.addSchema(doc as object, "openapi");
    openapi = { doc, routes, ajv };
  }
  return openapi;
}

/**
 * What GitHub's REST description says is wrong with a request (empty when nothing): an operation that does
 * not exist, a query parameter it does not take or lacks, a JSON body its schema refuses. `path` is relative
 * to the API's root (`/repos/acme/complaints/git/trees/…`).
 */
export function restProblems(
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): string[] {
  const { doc, routes, ajv } = description();
  const verb = method.toLowerCase();
  const route = routes.find((r) => r.pattern.test(path) && r.operations[verb]);
  if (!route) return [`${method} ${path} is no operation of GitHub's REST API`];
  const operation = route.operations[verb] as Operation;
  const problems: string[] = [];
  const parameters = (operation.parameters ?? []).map((p) =>
    p.$ref ? doc.components.parameters[p.$ref.split("/").pop() ?? ""] : p,
  );
  const inQuery = parameters.filter((p) => p?.in === "query");
  for (const name of query.keys()) {
    if (!inQuery.some((p) => p?.name === name))
      problems.push(`${method} ${route.template} takes no query parameter "${name}"`);
  }
  for (const p of inQuery) {
    if (p?.required && !query.has(p.name ?? ""))
      problems.push(`${method} ${route.template} needs the query parameter "${p.name}"`);
  }
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  if (schema !== undefined) {
    const key = `${verb} ${route.template}`;
    let validate = bodies.get(key);
    if (!validate) {
      const pointer = `#/paths/${route.template.replaceAll("~", "~0").replaceAll("/", "~1")}/${verb}/requestBody/content/application~1json/schema`;
      validate = ajv.compile({ $ref: `openapi${pointer}` });
      bodies.set(key, validate);
    }
    if (!validate(body)) {
      for (const error of validate.errors ?? [])
        problems.push(
          `${method} ${route.template}: body${error.instancePath} ${error.message ?? ""}`,
        );
    }
  } else if (body !== undefined && verb !== "get") {
    problems.push(`${method} ${route.template} takes no body`);
  }
  return problems;
}

/**
 * OpenAPI's `nullable: true` on a schema without `type` (e.g. an issue's `title`, a string or an integer):
 * ajv refuses to compile it, so it becomes what it means, that schema or `null`. In place, so `$ref`s hold.
 */
function typelessNullables(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) typelessNullables(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const schema = node as Record<string, unknown>;
  for (const value of Object.values(schema)) typelessNullables(value);
  if (schema.nullable === true && schema.type === undefined) {
    const rest = { ...schema };
    delete rest.nullable;
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: "null" }];
  }
}

let graphql: GraphQLSchema | undefined;

/** GitHub's public GraphQL schema. */
export function githubGraphQLSchema(): GraphQLSchema {
  graphql ??= buildClientSchema(
    graphqlSchemaFiles.json as unknown as Parameters<typeof buildClientSchema>[0],
  );
  return graphql;
}
