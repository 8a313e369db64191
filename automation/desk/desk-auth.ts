import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Sign-in with GitHub for the desk on GitHub: the OAuth endpoint Decap CMS's
 * GitHub backend opens in a pop-up (`base_url` + `auth_endpoint`). `/start`
 * sends the handler to GitHub with an unguessable state, also kept in a
 * cookie only this path can read; `/callback` checks the state, trades the
 * code for the handler's own token (server side: the client secret never
 * reaches a browser) and hands the token to the desk's window, and to no
 * other origin, in the message Decap waits for. With that token Decap sees
 * and writes only what the handler's GitHub permissions allow.
 */
export const DESK_AUTH_PATH = "/api/desk/auth";

export interface DeskAuthOptions {
  clientId: string;
  clientSecret: string;
  /** The desk's origin, e.g. https://klachten.example.nl: the only window that gets the token. */
  siteOrigin: string;
  /** GitHub's web address (GITHUB_SERVER_URL), default https://github.com. */
  githubUrl?: string;
  fetch?: typeof fetch;
}

const STATE_COOKIE = "docket_desk_state";
const SCOPES = new Set(["repo", "public_repo"]);

export function createDeskAuth(options: DeskAuthOptions) {
  const github = (options.githubUrl ?? "https://github.com").replace(/\/$/, "");
  // Looked up on each call: a fetch installed later (a test's interceptor, a polyfill) is the one used.
  const send: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const callback = `${options.siteOrigin}${DESK_AUTH_PATH}/callback`;

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method !== "GET") return text(405, "Method not allowed");
    if (url.pathname === DESK_AUTH_PATH || url.pathname === `${DESK_AUTH_PATH}/`) {
      const state = randomBytes(24).toString("base64url");
      const scope = SCOPES.has(url.searchParams.get("scope") ?? "")
        ? url.searchParams.get("scope")
        : "repo";
      const target = new URL(`${github}/login/oauth/authorize`);
      target.searchParams.set("client_id", options.clientId);
      target.searchParams.set("redirect_uri", callback);
      target.searchParams.set("scope", scope ?? "repo");
      target.searchParams.set("state", state);
      return new Response(null, {
        status: 302,
        headers: {
          location: target.href,
          "set-cookie": `${STATE_COOKIE}=${state}; Path=${DESK_AUTH_PATH}; HttpOnly; Secure; SameSite=Lax; Max-Age=600`,
          "cache-control": "no-store",
        },
      });
    }
    if (url.pathname !== `${DESK_AUTH_PATH}/callback`) return text(404, "Not found");
    const state = url.searchParams.get("state") ?? "";
    const kept = cookie(request.headers.get("cookie") ?? "", STATE_COOKIE);
    if (!kept || !sameText(kept, state)) {
      return page(
        options.siteOrigin,
        "error",
        "the sign-in expired or did not start here; sign in again",
      );
    }
    const code = url.searchParams.get("code");
    if (!code)
      return page(
        options.siteOrigin,
        "error",
        url.searchParams.get("error_description") ?? "GitHub gave no code",
      );
    let token: string | undefined;
    let problem = "GitHub did not give a token";
    try {
      const response = await send(`${github}/login/oauth/access_token`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify({
          client_id: options.clientId,
          client_secret: options.clientSecret,
          code,
          redirect_uri: callback,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      const answer = (await response.json().catch(() => ({}))) as {
        access_token?: unknown;
        error_description?: unknown;
      };
      if (typeof answer.access_token === "string" && answer.access_token)
        token = answer.access_token;
      else if (typeof answer.error_description === "string") problem = answer.error_description;
    } catch (error) {
      problem = `GitHub could not be reached: ${(error as Error).message}`;
    }
    return token
      ? page(options.siteOrigin, "success", token)
      : page(options.siteOrigin, "error", problem);
  };
}

/** The pop-up's page: it tells the desk's window, and only that origin, how the sign-in went. */
function page(origin: string, outcome: "success" | "error", detail: string): Response {
  const nonce = randomBytes(16).toString("base64");
  const content =
    outcome === "success" ? { token: detail, provider: "github" } : { message: detail };
  const message = `authorization:github:${outcome}:${JSON.stringify(content)}`;
  // Decap's window first says it is waiting ("authorizing:github"); the answer goes to the desk's origin only.
  const script = `(function () {
  var origin = ${json(origin)};
  var message = ${json(message)};
  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    window.opener.postMessage(message, origin);
  });
  if (window.opener) window.opener.postMessage("authorizing:github", origin);
})();`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing in to the desk</title></head><body><p>${
    outcome === "success"
      ? "Signed in; this window closes by itself."
      : "Sign-in failed: " + escapeHtml(detail)
  }</p><script nonce="${nonce}">${script}</script></body></html>`;
  return new Response(html, {
    status: outcome === "success" ? 200 : 400,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "referrer-policy": "no-referrer",
      "content-security-policy": `default-src 'none'; script-src 'nonce-${nonce}'; frame-ancestors 'none'`,
      "set-cookie": `${STATE_COOKIE}=; Path=${DESK_AUTH_PATH}; HttpOnly; Secure; SameSite=Lax; Max-Age=0`,
    },
  });
}

/** JSON that is safe inside a script element. */
function json(value: string): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function cookie(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
