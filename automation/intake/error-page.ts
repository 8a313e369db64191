import type { DocketConfig } from "../config/config-schema.ts";
import { FORM_FIELDS, type FormField } from "./form-fields.ts";
import { HONEYPOT } from "./intake-input.ts";
import type { Language } from "./intake-messages.ts";

/**
 * The pages the intake function answers a form post with when it cannot file
 * the complaint: the form again with what was typed and each error linked,
 * or a plain message with what to do. Accessible without JavaScript.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TEXT = {
  nl: {
    title: "Controleer je klacht",
    summary: "Je klacht is nog niet verstuurd. Pas dit aan:",
    submit: "Klacht versturen",
    filesAgain: "Voeg je bijlagen opnieuw toe: die bewaart de browser niet.",
    required: "verplicht",
    choose: "Kies een onderwerp",
    privacy: "Lees hoe we met je gegevens omgaan",
    otherwise: (email: string) => `Lukt het niet? Mail je klacht naar ${email}.`,
  },
  en: {
    title: "Check your complaint",
    summary: "Your complaint has not been sent yet. Please correct this:",
    submit: "Send complaint",
    filesAgain: "Please add your attachments again: the browser does not keep them.",
    required: "required",
    choose: "Choose a subject",
    privacy: "Read how we handle your details",
    otherwise: (email: string) => `Not working? E-mail your complaint to ${email}.`,
  },
} as const;

export interface FormPageInput {
  config: DocketConfig;
  language: Language;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  action: string;
}

/** The form again, refilled, with an error summary that links to each field. */
export function renderFormErrorPage({
  config,
  language,
  values,
  errors,
  action,
}: FormPageInput): string {
  const t = TEXT[language];
  const fieldErrors = Object.entries(errors);
  const summary = fieldErrors
    .map(([name, message]) => {
      const field = FORM_FIELDS.find((f) => f.name === name);
      const target = field ? `#field-${name}` : "#complaint-form";
      return `<li><a href="${target}">${escapeHtml(field ? `${field.label[language]}: ` : "")}${escapeHtml(message)}</a></li>`;
    })
    .join("");
  const fields = FORM_FIELDS.map((f) =>
    renderField(f, config, language, values, errors[f.name]),
  ).join("\n");
  const body = `<h1>${t.title}</h1>
<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2>${t.summary}</h2>
<ul>${summary}</ul>
</div>
<form id="complaint-form" method="post" action="${escapeHtml(action)}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="language" value="${language}">
<input type="hidden" name="submission_id" value="${escapeHtml(String(values.submission_id ?? ""))}">
<div class="hp" aria-hidden="true"><label for="field-${HONEYPOT}">Website</label><input id="field-${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
${fields}
<p><a href="${language === "en" ? "/en/privacy/" : "/privacy/"}">${t.privacy}</a></p>
<button type="submit">${t.submit}</button>
</form>
<p>${escapeHtml(t.otherwise(config.organisation.complaints_email))}</p>`;
  return page(config, language, `${t.title} – ${config.organisation.name}`, body);
}

/** A page with one message, for refusals that are not about a field (413, 415, 429, 503). */
export function renderMessagePage(
  config: DocketConfig,
  language: Language,
  title: string,
  message: string,
): string {
  const back = language === "en" ? "/en/" : "/";
  const other = TEXT[language].otherwise(config.organisation.complaints_email);
  return page(
    config,
    language,
    `${title} – ${config.organisation.name}`,
    `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n<p>${escapeHtml(other)}</p>\n<p><a href="${back}">${language === "en" ? "Back to the form" : "Terug naar het formulier"}</a></p>`,
  );
}

function renderField(
  field: FormField,
  config: DocketConfig,
  language: Language,
  values: Record<string, unknown>,
  error: string | undefined,
): string {
  const id = `field-${field.name}`;
  const value = typeof values[field.name] === "string" ? (values[field.name] as string) : "";
  const described = [field.hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const aria = `${error ? ' aria-invalid="true"' : ""}${described ? ` aria-describedby="${described}"` : ""}${field.required ? ' aria-required="true"' : ""}`;
  const hint = field.hint
    ? `<p class="hint" id="${id}-hint">${escapeHtml(field.hint[language])}</p>`
    : "";
  const problem = error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : "";
  const label = `<label for="${id}">${escapeHtml(field.label[language])}${field.required && field.kind !== "checkbox" ? ` <span class="req">(${TEXT[language].required})</span>` : ""}</label>`;
  const common = `id="${id}" name="${field.name}"${aria}${field.autocomplete ? ` autocomplete="${field.autocomplete}"` : ""}${field.maxLength ? ` maxlength="${field.maxLength}"` : ""}`;
  switch (field.kind) {
    case "textarea":
      return `<div class="field">${label}${hint}${problem}<textarea ${common} rows="8">${escapeHtml(value)}</textarea></div>`;
    case "checkbox": {
      const checked =
        ["on", "true", "1", "yes", "ja"].includes(String(values[field.name] ?? "").toLowerCase()) ||
        values[field.name] === true;
      return `<div class="field checkbox"><input type="checkbox" ${common} value="on"${checked ? " checked" : ""}>${label}${hint}${problem}</div>`;
    }
    case "select": {
      const options = config.categories
        .map(
          (c) =>
            `<option value="${c.id}"${c.id === value ? " selected" : ""}>${escapeHtml(c.label[language])}</option>`,
        )
        .join("");
      return `<div class="field">${label}${hint}${problem}<select ${common}><option value="">${TEXT[language].choose}</option>${options}</select></div>`;
    }
    case "file":
      return `<div class="field">${label}${hint}<p class="hint">${TEXT[language].filesAgain}</p>${problem}<input type="file" ${common} multiple accept=".pdf,.jpg,.jpeg,.png,.docx,.txt"></div>`;
    default:
      return `<div class="field">${label}${hint}${problem}<input type="${field.kind}" ${common} value="${escapeHtml(value)}"></div>`;
  }
}

function page(config: DocketConfig, language: Language, title: string, body: string): string {
  const { primary, accent } = config.organisation.colours;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
:root{color-scheme:light dark;--primary:${primary};--accent:${accent}}
body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;max-width:40rem;margin-inline:auto}
h1{color:var(--primary)}@media (prefers-color-scheme:dark){h1{color:inherit}}
.field{margin:1.25rem 0}label{display:block;font-weight:600}.checkbox label{display:inline;margin-left:.5rem}
input:not([type=checkbox]),select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:2px solid currentColor;border-radius:4px}
.hint{margin:.25rem 0;opacity:.85}.error{color:#b00020;font-weight:600;margin:.25rem 0}
@media (prefers-color-scheme:dark){.error{color:#ff8a80}}
[aria-invalid=true]{border-color:#b00020}
.error-summary{border:4px solid #b00020;padding:1rem;margin:1rem 0}
.error-summary a{color:inherit;font-weight:600}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
button{font:inherit;padding:.75rem 1.5rem;background:var(--primary);color:#fff;border:0;border-radius:4px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.req{font-weight:400}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
