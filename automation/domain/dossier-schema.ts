import { z } from "zod";
import { isIsoDate } from "./calendar.ts";

/**
 * The dossier frontmatter, one schema shared by every part of
 * Docket, documented field by field. Unknown keys are errors so a misspelt
 * field never passes unnoticed. Blocks other than those present from intake
 * are optional: an absent block means "not yet".
 */

export const STATUSES = [
  "received",
  "in_progress",
  "awaiting_information",
  "hearing",
  "judged",
  "closed",
  "withdrawn",
] as const;
export type Status = (typeof STATUSES)[number];

export const ID_PATTERN = /^([A-Z]{1,8})-(\d{4})-(\d{4,})$/;

/** One line of text: no line breaks or control characters (they would break mail headers). */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/^[^\p{Cc}]*$/u, {
      error: "must be one line, without line breaks or control characters",
    });

/** Free text for letters: several lines allowed. */
const text = z.string().trim().min(1, { error: "must not be empty" }).max(20_000);

const instant = z.iso.datetime({
  offset: true,
  error: "expected a time with offset, like 2026-11-24T09:13:05+01:00",
});

const date = z
  .string()
  .refine(isIsoDate, { error: "expected a date as YYYY-MM-DD, like 2026-12-01" });

const email = z.email({ error: "expected an e-mail address" }).max(254);

export const complainantSchema = z.strictObject({
  name: line(200).describe("Full name, as given."),
  email: email.describe("Where all correspondence goes."),
  phone: line(40).optional().describe("Telephone number, if given."),
  organisation: line(200).optional().describe("The complainant's organisation, if any."),
  prefers_meeting: z.boolean().optional().describe("§1.6: prefers a personal conversation."),
});

export const personSchema = z.strictObject({
  name: line(200).describe("Full name."),
  email: email.describe("Where notices and reminders go."),
  github: line(39).optional().describe("GitHub user name, for mentions."),
});

export const termsSchema = z.strictObject({
  information_due: date.describe("§1.6: missing information reported by (5 working days)."),
  judgement_due: date.describe("§1.6: reasoned position by (1 week)."),
  resolution_due: date.describe("§1.2: handled by (1 month)."),
});

export const informationSchema = z.strictObject({
  complete: z.boolean().nullable().describe("true | false | null (not yet assessed)."),
  request: text.optional().describe("What is missing; goes into the information request."),
  requested_at: instant.optional().describe("Set by Docket when the request was sent."),
  received_at: instant.optional().describe("When the missing information arrived."),
});

export const staffSchema = z.strictObject({
  name: line(200).describe("Staff member the complaint concerns (§1.4)."),
  email: email.describe("Where the hearing request goes."),
  informed_at: instant.optional().describe("Set by Docket when the hearing request was sent."),
  responded_at: instant.optional().describe("When their comment came in."),
  summary: text.optional().describe("Written summary of their comment; needed before judged."),
});

export const liabilitySchema = z.strictObject({
  possible: z.boolean().describe("§1.5: could this lead to a liability claim?"),
  reason: text.optional().describe("Why; goes into the insurer notice."),
  insurer_informed_at: instant.optional().describe("Set by Docket when the insurer was told."),
  insurer_consulted_at: instant
    .optional()
    .describe("When the insurer was consulted; needed before any step past in_progress."),
});

export const delaySchema = z.strictObject({
  reason: text.describe("Why the 1-week term cannot be met."),
  new_date: date.describe("When the complainant can expect our position."),
});

export const pageLinkSchema = z.strictObject({
  generation: z
    .number()
    .int({ error: "expected a whole number, like 2" })
    .min(1, { error: "expected 1 or more" })
    .optional()
    .describe(
      "Which personal link opens the complainant's page (default 1): raise it by one to revoke every link sent so far; the next letter carries the new one.",
    ),
  revoked: z
    .boolean()
    .optional()
    .describe("true: no link opens the complainant's page, and letters carry none."),
});

export const VERDICTS = ["founded", "partly_founded", "unfounded"] as const;

export const judgementSchema = z.strictObject({
  form: z.enum(["meeting", "written"]).describe("A personal conversation or a written judgement."),
  date: date.optional().describe("Date of the judgement."),
  findings: text.optional().describe("Results of the investigation."),
  verdict: z.enum(VERDICTS).optional().describe("founded | partly_founded | unfounded."),
  reasoning: text.optional().describe("Why we reached this judgement."),
  follow_up: text.optional().describe("Actions we will take towards the complainant."),
  further_contact: text.optional().describe("How to discuss our position further."),
});

/** What an erasure of personal data left behind (see docs/privacy.md); Docket writes it. */
export const erasureSchema = z.strictObject({
  at: instant.describe("When the personal data was erased."),
  rule: z
    .enum(["retention", "request", "staff_request"])
    .describe("Why: privacy.retention passed, the complainant asked, or a staff member asked."),
  digest: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/, { error: "expected sha256: and 64 hex digits" })
    .describe("SHA-256 of what the audit reports of the case, taken before the erasure."),
});

export const dossierSchema = z.strictObject({
  id: z
    .string()
    .regex(ID_PATTERN, { error: "expected an id like KL-2026-0001" })
    .describe("<prefix>-<YYYY>-<NNNN>; never changes."),
  schema: z
    .literal(1, { error: "expected 1 (the dossier format version)" })
    .describe("Version of this format: 1."),
  received_at: instant.describe("When the complaint was received; never changes."),
  channel: z.enum(["web", "email", "phone", "letter"]).describe("How the complaint came in."),
  language: z.enum(["nl", "en"]).describe("Language of all correspondence."),
  status: z.enum(STATUSES).describe("Where the case stands."),
  summary: line(140).describe("Short description used in letters (<= 140 characters)."),
  category: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, { error: "expected a category id like invoice" })
    .describe("One of the config's categories."),
  complainant: complainantSchema.describe("Who complained; all letters go to them."),
  handler: personSchema.describe("Assigned at intake; §1.2 names the handler."),
  terms: termsSchema.describe("Fixed at intake from the policy; never change."),
  thread: z
    .string()
    .regex(/^<[^<>\s]+@[^<>\s]+>$/, { error: "expected a Message-ID like <abc@example.nl>" })
    .optional()
    .describe(
      "For complaints by e-mail: the complainant's Message-ID, so every letter answers in that thread.",
    ),
  information: informationSchema
    .optional()
    .describe("§1.6: is information missing to assess the complaint?"),
  staff_involved: z.array(staffSchema).optional().describe("§1.4 wederhoor."),
  liability: liabilitySchema.optional().describe("§1.5: could this lead to a liability claim?"),
  delay: delaySchema.optional().describe("§1.6: the 1-week term cannot be met."),
  judgement: judgementSchema.optional().describe("§1.6: our position, in a meeting or in writing."),
  closed_at: instant.optional().describe("When the case was closed or withdrawn."),
  erasure: z
    .array(erasureSchema)
    .optional()
    .describe("Set by Docket in every version when personal data was erased from history."),
  page_link: pageLinkSchema
    .optional()
    .describe(
      "The complainant's personal link to their case's page; absent: the first link works.",
    ),
});

export type Dossier = z.output<typeof dossierSchema>;
export type Staff = z.output<typeof staffSchema>;
export type Judgement = z.output<typeof judgementSchema>;
