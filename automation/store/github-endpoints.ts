import { ConfigError } from "../errors.ts";

/** Where GitHub is: the REST API, the GraphQL endpoint and the web pages (for links). */
export interface GitHubEndpoints {
  /** `GITHUB_API_URL`, default `https://api.github.com`; GitHub Enterprise Server: `https://HOST/api/v3`. */
  apiUrl: string;
  /** `GITHUB_GRAPHQL_URL`, default derived from the API: `…/graphql`, or `https://HOST/api/graphql` for `…/api/v3`. */
  graphqlUrl: string;
  /** `GITHUB_SERVER_URL`, default `https://github.com`: links to dossiers and issues. */
  serverUrl: string;
}

/**
 * The addresses every GitHub client of Docket uses, from the variables GitHub Actions sets
 * (`GITHUB_API_URL`, `GITHUB_GRAPHQL_URL`, `GITHUB_SERVER_URL`). A value that is not an http(s) URL is a
 * `ConfigError` naming the variable.
 */
export function githubEndpoints(env: NodeJS.ProcessEnv): GitHubEndpoints {
  const apiUrl = url(env, "GITHUB_API_URL") ?? "https://api.github.com";
  const graphqlUrl = url(env, "GITHUB_GRAPHQL_URL") ?? graphqlFor(apiUrl);
  const serverUrl = url(env, "GITHUB_SERVER_URL") ?? serverFor(apiUrl);
  return { apiUrl, graphqlUrl, serverUrl };
}

/** GitHub's own rule: `https://api.github.com` → `/graphql`; Enterprise Server's `/api/v3` → `/api/graphql`. */
export function graphqlFor(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl)
    ? apiUrl.replace(/\/api\/v3$/, "/api/graphql")
    : `${apiUrl}/graphql`;
}

function serverFor(apiUrl: string): string {
  if (apiUrl === "https://api.github.com") return "https://github.com";
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, "") : "https://github.com";
}

function url(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    parsed = new URL("invalid:");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new ConfigError(
      `${name} must be an http(s) URL, e.g. https://github.example.com/api/v3; got "${value}".`,
    );
  }
  return value.replace(/\/+$/, "");
}
