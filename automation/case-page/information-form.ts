import { checkAttachments, type Attachment } from "../intake/attachments.ts";
import { describeProblem } from "../intake/intake-messages.ts";
import type { ReadResult } from "../intake/read-request.ts";
import type { PageLanguage } from "./case-link.ts";
import { PAGE_WORDS } from "./case-page-text.ts";
import { newSubmissionId } from "./page-responses.ts";

/** The longest text a complainant adds at once (as a dossier's free text). */
export const INFORMATION_MAX = 20_000;

export interface InformationForm {
  /** As typed, to show again. */
  typed: string;
  submissionId: string;
  /** How many files were sent: they must be chosen again after an error. */
  attachmentCount: number;
  /** Field → message, in the page's language; empty when it can be filed. */
  errors: Record<string, string>;
  /** The text to file (line ends normalised, trimmed). */
  text: string;
  attachments: Attachment[];
  /** The status to answer with when there are errors. */
  status: number;
}

/** The add-information form, checked as intake checks a complaint: the text, and attachments by content. Pure. */
export function checkInformationForm(body: ReadResult, language: PageLanguage): InformationForm {
  // A body too large to take still gives back the text typed before its files.
  const fields: Record<string, unknown> = body.ok ? body.fields : (body.leading ?? {});
  const typed = typeof fields.text === "string" ? fields.text : "";
  const given = fields.submission_id;
  const submissionId =
    typeof given === "string" && /^[A-Za-z0-9_-]{8,100}$/.test(given) ? given : newSubmissionId();
  const uploads = body.ok ? body.files.filter((f) => f.name !== "" || f.bytes.length > 0) : [];
  const base = { typed, submissionId, attachmentCount: uploads.length, attachments: [] };
  if (!body.ok) {
    const problem =
      body.status === 413
        ? describeProblem({ kind: "attachments_total", maxMiB: 20 }, language)
        : PAGE_WORDS[language].unavailableText;
    return { ...base, text: "", errors: { attachments: problem }, status: body.status };
  }
  const errors: Record<string, string> = {};
  const text = typed.replace(/\r\n?/g, "\n").trim();
  if (text === "") errors.text = describeProblem({ kind: "required" }, language);
  else if (text.length > INFORMATION_MAX)
    errors.text = describeProblem({ kind: "too_long", max: INFORMATION_MAX }, language);
  const files = checkAttachments(body.files);
  if ("problem" in files) errors.attachments = describeProblem(files.problem, language);
  return {
    ...base,
    text,
    errors,
    attachments: "attachments" in files ? files.attachments : [],
    status: 422,
  };
}
