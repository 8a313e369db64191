import type { DocketConfig } from "../config/config-schema.ts";
import { localDate } from "../domain/calendar.ts";
import { escapeHtml, renderSitePage } from "../intake/site-shell.ts";
import { formatDate, formatVerdict } from "../letters/letter-format.ts";
import { CASE_PAGE_PREFIX, type PageLanguage } from "./case-link.ts";
import { fill, PAGE_WORDS } from "./case-page-text.ts";
import type { CaseView, SentLetter } from "./case-view.ts";

/**
 * The complainant's page and its confirmation step, in the site's frame,
 * written by the server: it works without JavaScript. Pure.
 */

/** The paths of one case's page in a language. */
export function casePaths(language: PageLanguage, id: string, token: string) {
  const page = `${CASE_PAGE_PREFIX[language]}${id}/${token}`;
  return {
    page,
    add: `${page}/${language === "nl" ? "aanvullen" : "add"}`,
    withdraw: `${page}/${language === "nl" ? "intrekken" : "withdraw"}`,
  };
}

export interface CasePageInput {
  config: DocketConfig;
  language: PageLanguage;
  view: CaseView;
  token: string;
  /** A one-time id for the add-information form: a repeated post files once. */
  submissionId: string;
  /** A message at the top: what was just done. */
  notice?: "added" | "withdrawn";
  /** The add-information form again, with what was typed and what is wrong. */
  form?: { text: string; errors: Record<string, string>; attachments: number };
}

export function renderCasePage(input: CasePageInput): string {
  const { config, language, view, token } = input;
  const t = PAGE_WORDS[language];
  const d = view.dossier;
  const date = (iso: string) => escapeHtml(formatDate(iso, language));
  const paths = casePaths(language, d.id, token);
  const handler = escapeHtml(d.handler.name);
  const values = {
    id: escapeHtml(d.id),
    handler,
    judgement: date(d.delay?.new_date ?? d.terms.judgement_due),
    information: date(d.terms.information_due),
    resolution: date(d.terms.resolution_due),
    request: escapeHtml(d.information?.request ?? ""),
  };
  const words = t.status[d.status];
  const verdict =
    d.status !== "withdrawn" && d.judgement?.verdict
      ? ` ${escapeHtml(formatVerdict(d.judgement.verdict, language))}.`
      : "";
  const now =
    d.judgement?.form === "meeting" && d.status === "judged"
      ? escapeHtml(t.meetingNow)
      : fill(escapeHtml(words.now), values) + (d.status === "judged" ? verdict : "");
  const notice = input.notice
    ? `<div class="notice done" role="status"><p>${fill(escapeHtml(input.notice === "added" ? t.added : t.withdrawn), values)}</p></div>`
    : "";
  const errors = input.form?.errors ?? {};
  const summary =
    Object.keys(errors).length > 0
      ? `<section class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title"><h2 id="error-summary-title">${escapeHtml(t.errorTitle)}</h2><ul>${Object.entries(
          errors,
        )
          .map(
            ([field, message]) =>
              `<li><a href="#field-${field === "attachments" ? "attachments" : "text"}">${escapeHtml(message)}</a></li>`,
          )
          .join("")}</ul></section>`
      : "";
  const body = `${summary}${notice}
<h1>${fill(escapeHtml(t.title), values)}</h1>
<dl class="case-facts">
<div><dt>${escapeHtml(t.summary)}</dt><dd>${escapeHtml(d.summary)}</dd></div>
<div><dt>${escapeHtml(t.received)}</dt><dd>${date(localDate(d.received_at, config.timezone))}</dd></div>
<div><dt>${escapeHtml(t.handler)}</dt><dd>${handler}</dd></div>
</dl>
<h2>${escapeHtml(t.whereTitle)}</h2>
<p class="case-status"><strong>${escapeHtml(words.label)}</strong></p>
<p>${now}</p>
<p>${fill(escapeHtml(words.next), values)}</p>
${renderTerms(input)}
${renderLetters(view.letters, language, config.timezone)}
${view.open ? renderAddForm(input, paths.add) + renderWithdrawLink(language, paths.withdraw) : ""}`;
  return page(config, language, fill(t.title, { id: d.id }), body, token, d.id);
}

function renderTerms({ view, language }: CasePageInput): string {
  const t = PAGE_WORDS[language];
  const date = (iso: string) => escapeHtml(formatDate(iso, language));
  const rows = view.terms
    .map((term) => {
      const moved = term.movedTo
        ? ` (${escapeHtml(fill(t.movedTo, { date: formatDate(term.movedTo, language) }))})`
        : "";
      const on =
        term.metOn && term.outcome !== "kept"
          ? ` (${escapeHtml(fill(t.metOn, { date: formatDate(term.metOn, language) }))})`
          : "";
      return `<tr><th scope="row">${escapeHtml(t.termNames[term.kind])}</th><td>${date(term.due)}${moved}</td><td class="outcome-${term.outcome}">${escapeHtml(t.outcomes[term.outcome])}${on}</td></tr>`;
    })
    .join("\n");
  const [what, by, kept] = t.termHeads;
  return `<h2>${escapeHtml(t.termsTitle)}</h2>
<div class="table-scroll" role="region" tabindex="0" aria-labelledby="terms-caption">
<table class="case-terms">
<caption id="terms-caption">${escapeHtml(t.termsCaption)}</caption>
<thead><tr><th scope="col">${escapeHtml(what)}</th><th scope="col">${escapeHtml(by)}</th><th scope="col">${escapeHtml(kept)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>`;
}

function renderLetters(
  letters: readonly SentLetter[],
  language: PageLanguage,
  timeZone: string,
): string {
  const t = PAGE_WORDS[language];
  if (letters.length === 0) {
    return `<h2>${escapeHtml(t.lettersTitle)}</h2>\n<p>${escapeHtml(t.noLetters)}</p>`;
  }
  const items = letters
    .map((letter) => {
      const sent = fill(t.sentOn, {
        date: formatDate(localDate(letter.sentAt.toISOString(), timeZone), language),
      });
      const paragraphs = letter.text
        .replace(/\r\n/g, "\n")
        .trim()
        .split(/\n{2,}/)
        .map((p) => `<p>${p.split("\n").map(escapeHtml).join("<br>")}</p>`)
        .join("\n");
      return `<li><details><summary><span class="letter-subject">${escapeHtml(letter.subject)}</span> <span class="muted">${escapeHtml(sent)}</span></summary>
<div class="letter-text">
${paragraphs}
</div></details></li>`;
    })
    .join("\n");
  return `<h2>${escapeHtml(t.lettersTitle)}</h2>\n<ol class="case-letters">\n${items}\n</ol>`;
}

function renderAddForm(input: CasePageInput, action: string): string {
  const { language, form, view } = input;
  const t = PAGE_WORDS[language];
  const errors = form?.errors ?? {};
  const field = (name: "text" | "attachments") => {
    const error = errors[name];
    return {
      problem: error ? `<p class="error" id="field-${name}-error">${escapeHtml(error)}</p>` : "",
      aria: `${error ? ' aria-invalid="true"' : ""} aria-describedby="field-${name}-hint${error ? ` field-${name}-error` : ""}"`,
      wrapper: `field${error ? " has-error" : ""}`,
    };
  };
  const text = field("text");
  const files = field("attachments");
  const again =
    (form?.attachments ?? 0) > 0
      ? `<p class="hint">${escapeHtml(language === "nl" ? "Voeg je bijlagen opnieuw toe: die bewaart de browser niet." : "Please add your attachments again: the browser does not keep them.")}</p>`
      : "";
  return `<h2 id="add">${escapeHtml(t.addTitle)}</h2>
<p>${fill(escapeHtml(t.addIntro), { handler: escapeHtml(view.dossier.handler.name) })}</p>
<form method="post" action="${escapeHtml(action)}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="submission_id" value="${escapeHtml(input.submissionId)}">
<div class="${text.wrapper}"><label for="field-text">${escapeHtml(t.addText)}</label><p class="hint" id="field-text-hint">${escapeHtml(t.addTextHint)}</p>${text.problem}<textarea id="field-text" name="text" rows="6" required${text.aria}>${escapeHtml(form?.text ?? "")}</textarea></div>
<div class="${files.wrapper}"><label for="field-attachments">${escapeHtml(t.addFiles)}</label><p class="hint" id="field-attachments-hint">${escapeHtml(t.addFilesHint)}</p>${again}${files.problem}<input type="file" id="field-attachments" name="attachments" multiple accept=".pdf,.jpg,.jpeg,.png,.docx,.txt"${files.aria}></div>
<div class="actions"><button type="submit" class="button">${escapeHtml(t.addSubmit)}</button></div>
</form>`;
}

function renderWithdrawLink(language: PageLanguage, href: string): string {
  const t = PAGE_WORDS[language];
  return `
<h2>${escapeHtml(t.withdrawTitle)}</h2>
<p>${escapeHtml(t.withdrawIntro)}</p>
<p><a href="${escapeHtml(href)}">${escapeHtml(t.withdrawLink)}</a></p>`;
}

/** The confirmation step: withdrawing needs a second, deliberate press. */
export function renderConfirmPage(
  config: DocketConfig,
  language: PageLanguage,
  id: string,
  token: string,
): string {
  const t = PAGE_WORDS[language];
  const paths = casePaths(language, id, token);
  const title = fill(t.confirmTitle, { id });
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t.confirmText)}</p>
<form method="post" action="${escapeHtml(paths.withdraw)}">
<input type="hidden" name="confirm" value="yes">
<div class="actions"><button type="submit" class="button">${escapeHtml(t.confirmSubmit)}</button></div>
</form>
<p><a href="${escapeHtml(paths.page)}">${escapeHtml(t.confirmCancel)}</a></p>`;
  return page(config, language, title, body, token, id);
}

/**
 * The one answer to a link that opens nothing: the same bytes for a wrong,
 * altered, truncated or revoked link and an unknown id (only the page's
 * language, from the path, differs).
 */
export function renderMessagePage(
  config: DocketConfig,
  language: PageLanguage,
  kind: "notFound" | "rate" | "unavailable",
): string {
  const t = PAGE_WORDS[language];
  const [title, text] =
    kind === "notFound"
      ? [t.notFoundTitle, t.notFoundText]
      : kind === "rate"
        ? [t.rateTitle, t.rateText]
        : [t.unavailableTitle, t.unavailableText];
  const email = escapeHtml(config.organisation.complaints_email);
  return renderSitePage({
    config,
    language,
    title: `${title} – ${config.organisation.name}`,
    body: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>\n<p>${escapeHtml(t.otherwise)} <a href="mailto:${email}">${email}</a></p>`,
  });
}

function page(
  config: DocketConfig,
  language: PageLanguage,
  title: string,
  body: string,
  token: string,
  id: string,
): string {
  const other: PageLanguage = language === "nl" ? "en" : "nl";
  return renderSitePage({
    config,
    language,
    title: `${title} – ${config.organisation.name}`,
    body,
    switchTo: { href: casePaths(other, id, token).page, label: PAGE_WORDS[language].switchLabel },
  });
}
