import type { DocketConfig } from "../config/config-schema.ts";
import { ROUTES } from "../../site/src/lib/routes.ts";
import { UI } from "../../site/src/lib/ui-text.ts";
import { FORM_FIELDS, type FormField } from "./form-fields.ts";
import { HONEYPOT } from "./intake-input.ts";
import type { Language } from "./intake-messages.ts";
import { escapeHtml, renderSitePage } from "./site-shell.ts";

export { escapeHtml } from "./site-shell.ts";

/**
 * The pages the intake function answers a form post with when it cannot file
 * the complaint: the form again with what was typed and each error linked,
 * or a plain message with what to do. They look like the site's own pages
 * (`renderSitePage`) and work without JavaScript.
 */

const TEXT = {
  nl: {
    title: "Controleer je klacht",
    filesAgain: "Voeg je bijlagen opnieuw toe: die bewaart de browser niet.",
    back: "Terug naar het formulier",
  },
  en: {
    title: "Check your complaint",
    filesAgain: "Please add your attachments again: the browser does not keep them.",
    back: "Back to the form",
  },
} as const;

export interface FormPageInput {
  config: DocketConfig;
  language: Language;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  action: string;
  /** How many files the post carried: only then is the complainant asked to add them again. */
  attachments?: number;
}

/** Section headings, before the first field of each group, as on the site's form. */
function sectionBefore(language: Language): Record<string, string> {
  const t = UI[language];
  return {
    name: t.aboutYou,
    category: t.yourComplaint,
    prefers_meeting: t.answer,
    consent: t.consent,
  };
}

/** The form again, refilled, with an error summary that links to each field. */
export function renderFormErrorPage(input: FormPageInput): string {
  const { config, language, values, errors, action } = input;
  const t = UI[language];
  const summary = Object.entries(errors)
    .map(([name, message]) => {
      const field = FORM_FIELDS.find((f) => f.name === name);
      const target = field ? `#field-${name}` : "#complaint-form";
      return `<li><a href="${target}">${escapeHtml(field ? `${field.label[language]}: ` : "")}${escapeHtml(message)}</a></li>`;
    })
    .join("");
  const sections = sectionBefore(language);
  const fields = FORM_FIELDS.map((f) => {
    const heading = sections[f.name]
      ? `<h2 class="form-section">${escapeHtml(sections[f.name] ?? "")}</h2>\n`
      : "";
    return heading + renderField(f, config, input, errors[f.name]);
  }).join("\n");
  const body = `<h1>${TEXT[language].title}</h1>
<section class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${escapeHtml(t.errorTitle)}</h2>
<ul>${summary}</ul>
</section>
<form id="complaint-form" method="post" action="${escapeHtml(action)}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="language" value="${language}">
<input type="hidden" name="submission_id" value="${escapeHtml(String(values.submission_id ?? ""))}">
<div class="hp" aria-hidden="true"><label for="field-${HONEYPOT}">Website</label><input type="text" id="field-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
${fields}
<div class="actions"><button type="submit" class="button">${escapeHtml(t.submit)}</button></div>
</form>
<p>${escapeHtml(t.otherwise)} <a href="mailto:${escapeHtml(config.organisation.complaints_email)}">${escapeHtml(config.organisation.complaints_email)}</a>.</p>`;
  return renderSitePage({
    config,
    language,
    title: `${TEXT[language].title} – ${config.organisation.name}`,
    body,
  });
}

/** A page with one message, for refusals that are not about a field (413, 415, 429, 503). */
export function renderMessagePage(
  config: DocketConfig,
  language: Language,
  title: string,
  message: string,
): string {
  const t = UI[language];
  const email = escapeHtml(config.organisation.complaints_email);
  return renderSitePage({
    config,
    language,
    title: `${title} – ${config.organisation.name}`,
    body: `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>${escapeHtml(t.otherwise)} <a href="mailto:${email}">${email}</a>.</p>
<p><a href="${ROUTES.form[language]}">${TEXT[language].back}</a></p>`,
  });
}

function renderField(
  field: FormField,
  config: DocketConfig,
  input: FormPageInput,
  error: string | undefined,
): string {
  const { language, values } = input;
  const id = `field-${field.name}`;
  const value = typeof values[field.name] === "string" ? (values[field.name] as string) : "";
  const again = field.kind === "file" && (input.attachments ?? 0) > 0;
  const consent = field.name === "consent";
  const described = [
    field.hint ? `${id}-hint` : "",
    consent ? "consent-privacy" : "",
    again ? `${id}-again` : "",
    error ? `${id}-error` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const aria = `${error ? ' aria-invalid="true"' : ""}${described ? ` aria-describedby="${described}"` : ""}${field.required ? " required" : ""}`;
  const hint = field.hint
    ? `<p class="hint" id="${id}-hint">${escapeHtml(field.hint[language])}</p>`
    : "";
  const problem = error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : "";
  const label = `<label for="${id}">${escapeHtml(field.label[language])}</label>`;
  const common = `id="${id}" name="${field.name}"${aria}${field.autocomplete ? ` autocomplete="${field.autocomplete}"` : ""}`;
  const maxlength = field.maxLength ? ` maxlength="${field.maxLength}"` : "";
  const wrapper = (kind: string, inner: string) =>
    `<div class="field${kind}${error ? " has-error" : ""}" data-field="${field.name}">${inner}</div>`;
  switch (field.kind) {
    case "textarea":
      return wrapper(
        "",
        `${label}${hint}${problem}<textarea rows="8" ${common}${maxlength}>${escapeHtml(value)}</textarea>`,
      );
    case "checkbox": {
      const checked =
        ["on", "true", "1", "yes", "ja"].includes(String(values[field.name] ?? "").toLowerCase()) ||
        values[field.name] === true;
      return wrapper(
        " checkbox",
        `<input type="checkbox" value="on"${checked ? " checked" : ""} ${common}>${label}${hint}${consent ? privacyHint(language) : ""}${problem}`,
      );
    }
    case "select": {
      const options = config.categories
        .map(
          (c) =>
            `<option value="${escapeHtml(c.id)}"${c.id === value ? " selected" : ""}>${escapeHtml(c.label[language])}</option>`,
        )
        .join("");
      return wrapper(
        "",
        `${label}${hint}${problem}<select ${common}><option value="">${escapeHtml(UI[language].choose)}</option>${options}</select>`,
      );
    }
    case "file": {
      const note = again ? `<p class="hint" id="${id}-again">${TEXT[language].filesAgain}</p>` : "";
      return wrapper(
        "",
        `${label}${hint}${note}${problem}<input type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.docx,.txt" ${common}>`,
      );
    }
    default:
      return wrapper(
        "",
        `${label}${hint}${problem}<input type="${field.kind}" ${common}${maxlength} value="${escapeHtml(value)}">`,
      );
  }
}

/** Under the consent box, as on the site: where the privacy statement is. */
function privacyHint(language: Language): string {
  const [before, linkText, after] = UI[language].consentPrivacy;
  return `<p class="hint" id="consent-privacy">${escapeHtml(before ?? "")}<a href="${ROUTES.privacy[language]}">${escapeHtml(linkText ?? "")}</a>${escapeHtml(after ?? "")}</p>`;
}
