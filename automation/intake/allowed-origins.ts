/**
 * Origins besides the request's own that may post to the intake API: the site's public address
 * (`SITE_URL`, so a form served through a proxy or CDN under that name is never refused) and those listed in
 * `DOCKET_ALLOWED_ORIGINS` (comma-separated, for a site served elsewhere).
 */
export function allowedOrigins(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.DOCKET_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  const site = originOf(env.SITE_URL);
  return site && !listed.includes(site) ? [site, ...listed] : listed;
}

function originOf(url: string | undefined): string | undefined {
  if (!url?.trim()) return undefined;
  try {
    const { origin } = new URL(url.trim());
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}
