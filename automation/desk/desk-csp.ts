/**
 * The Content-Security-Policy of the desk's pages. Decap CMS compiles its
 * configuration schema with ajv, which evaluates generated code: the desk
 * (and only the desk) allows 'unsafe-eval'. Scripts still come only from
 * this site; the GitHub API and sign-in are the only other addresses it
 * talks to.
 */
export const DESK_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' https://api.github.com",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
].join("; ");

export function isDeskPage(pathname: string): boolean {
  return pathname === "/desk/" || pathname.startsWith("/desk/") || pathname.startsWith("/en/desk/");
}
