/**
 * The Content-Security-Policy of the desk's pages. Decap CMS compiles its
 * configuration schema with ajv, which evaluates generated code: the desk
 * (and only the desk) allows 'unsafe-eval'. Scripts still come only from
 * this site; GitHub's API (`GITHUB_API_URL`: an Enterprise Server's own) is
 * the only other address it talks to.
 */
export function deskCsp(apiUrl = "https://api.github.com"): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${new URL(apiUrl).origin}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
  ].join("; ");
}

/** The desk's pages, for a static host's header rules (Netlify's `_headers`). */
export const DESK_PAGES = ["/desk/*", "/en/desk/*"] as const;

/** Netlify's `_headers` file: the desk's CSP on its pages, for the API the site was built for. */
export function deskHeadersFile(apiUrl?: string): string {
  return DESK_PAGES.map((page) => `${page}\n  Content-Security-Policy: ${deskCsp(apiUrl)}\n`).join(
    "",
  );
}

export function isDeskPage(pathname: string): boolean {
  return pathname === "/desk/" || pathname.startsWith("/desk/") || pathname.startsWith("/en/desk/");
}
