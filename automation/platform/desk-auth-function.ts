import { createDeskAuth } from "../desk/desk-auth.ts";
import { ConfigError } from "../errors.ts";
import { githubEndpoints } from "../store/github-endpoints.ts";
import type { IntakeFunction } from "./intake-function.ts";

/**
 * The desk's sign-in with GitHub as a serverless function, beside the
 * intake: a GitHub OAuth App's DOCKET_DESK_GITHUB_CLIENT_ID and
 * DOCKET_DESK_GITHUB_CLIENT_SECRET, and the site's address (SITE_URL, else
 * Netlify's URL), whose window alone receives the handler's token.
 */
export async function createDeskAuthFunction(env: NodeJS.ProcessEnv): Promise<IntakeFunction> {
  const clientId = env.DOCKET_DESK_GITHUB_CLIENT_ID;
  const clientSecret = env.DOCKET_DESK_GITHUB_CLIENT_SECRET;
  const site = env.SITE_URL || env.URL;
  if (!clientId || !clientSecret) {
    throw new ConfigError(
      "the desk's sign-in needs DOCKET_DESK_GITHUB_CLIENT_ID and DOCKET_DESK_GITHUB_CLIENT_SECRET (a GitHub OAuth App)",
    );
  }
  if (!site) throw new ConfigError("the desk's sign-in needs SITE_URL, the site's public address");
  const auth = createDeskAuth({
    clientId,
    clientSecret,
    siteOrigin: new URL(site).origin,
    // GITHUB_SERVER_URL, else the web address of the server GITHUB_API_URL names.
    githubUrl: githubEndpoints(env).serverUrl,
  });
  return (request) => auth(request);
}
