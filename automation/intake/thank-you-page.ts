import { ID_PATTERN } from "../domain/dossier-schema.ts";
import { escapeHtml } from "./site-shell.ts";

/**
 * The built thank-you page (site/dist/bedankt/index.html or its English
 * twin) with the case number of `?id=` written in, for browsers without
 * JavaScript: the number's paragraph shown, the language switch keeping the
 * id. An id that is not a case number leaves the page as it was built. Pure.
 */
export function fillThankYouPage(html: string, id: string | null): string {
  if (!id || !ID_PATTERN.test(id)) return html;
  const shown = escapeHtml(id);
  return html
    .replace(/(<strong\b[^>]*\bdata-dossier-id\b[^>]*>)(<\/strong>)/g, `$1${shown}$2`)
    .replace(/(<p\b[^>]*\bclass=")([^"]*\bdossier-line\b[^"]*)(")/g, "$1$2 shown$3")
    .replace(/(<a\b[^>]*\bdata-keep-query\b[^>]*>)/g, (tag) =>
      tag.replace(/\bhref="([^"?#]*)"/, `href="$1?id=${encodeURIComponent(id)}"`),
    );
}
