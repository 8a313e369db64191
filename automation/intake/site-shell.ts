import type { DocketConfig } from "../config/config-schema.ts";
import { ROUTES, otherLanguage } from "../../site/src/lib/routes.ts";
import { themeCss } from "../../site/src/lib/theme.ts";
import { UI } from "../../site/src/lib/ui-text.ts";
import type { Language } from "./intake-messages.ts";

/**
 * The frame of the site's pages for a page the server writes (the form with
 * its errors, a refusal): the same header with the language switch, the same
 * footer and the site's own stylesheet (`/site.css`, built from
 * site/src/styles/site.css) in the organisation's colours. Pure.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface ShellInput {
  config: DocketConfig;
  language: Language;
  title: string;
  /** The page's `main`, as HTML. */
  body: string;
  /** Where the language switch goes and what it says; default the form in the other language. */
  switchTo?: { href: string; label: string };
}

/** The switch's label, in the language it leads to (as on the site). */
const FORM_IN: Record<Language, string> = {
  nl: "The complaint form in English",
  en: "Het klachtenformulier in het Nederlands",
};

export function renderSitePage({ config, language, title, body, switchTo }: ShellInput): string {
  const t = UI[language];
  const other = otherLanguage(language);
  const organisation = config.organisation;
  const target = switchTo ?? { href: ROUTES.form[other], label: FORM_IN[language] };
  const phone = organisation.phone
    ? `<li><a href="tel:${organisation.phone.replace(/[^+\d]/g, "")}">${escapeHtml(organisation.phone)}</a></li>`
    : "";
  const address = organisation.address ? `<li>${escapeHtml(organisation.address)}</li>` : "";
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${themeCss(organisation.colours)}</style>
<link rel="stylesheet" href="/site.css">
</head>
<body>
<a class="skip-link" href="#main">${escapeHtml(t.skip)}</a>
<header class="site-header">
<div class="wrap header-row">
<a class="brand" href="${ROUTES.form[language]}">${escapeHtml(organisation.name)}</a>
<a class="lang-switch" href="${escapeHtml(target.href)}" hreflang="${other}" lang="${other}" aria-label="${escapeHtml(target.label)}">${escapeHtml(t.otherLanguage)}</a>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="site-footer">
<div class="wrap">
<nav aria-label="${escapeHtml(t.footerNav)}">
<ul>
<li><a href="${ROUTES.form[language]}">${escapeHtml(t.form)}</a></li>
<li><a href="${ROUTES.procedure[language]}">${escapeHtml(t.procedure)}</a></li>
<li><a href="${ROUTES.privacy[language]}">${escapeHtml(t.privacy)}</a></li>
</ul>
</nav>
<ul class="contact">
<li>${escapeHtml(organisation.legal_name ?? organisation.name)}</li>
<li><a href="mailto:${escapeHtml(organisation.complaints_email)}">${escapeHtml(organisation.complaints_email)}</a></li>
${phone}${address}
</ul>
</div>
</footer>
</body>
</html>
`;
}
