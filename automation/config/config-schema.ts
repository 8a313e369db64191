import { z } from "zod";
import { isIsoDate } from "../domain/calendar.ts";
import { parseTermSpec, type TermSpec } from "../domain/terms.ts";

/**
 * `docket.config.yaml`: the organisation's settings and policy, one schema
 * documented field by field. Unknown keys are errors, so a typo never
 * silently falls back to a default.
 */

const language = z.enum(["nl", "en"]);

/** A text shown to complainants, in every language Docket speaks. */
const localized = z.strictObject({
  nl: z.string().min(1).describe("Dutch text"),
  en: z.string().min(1).describe("English text"),
});

const term = z
  .string()
  .transform((text, ctx): TermSpec => {
    const spec = parseTermSpec(text);
    if (!spec) {
      ctx.addIssue({
        code: "custom",
        message: `expected a term like "5 working days", "1 week" or "1 month", got "${text}"`,
      });
      return z.NEVER;
    }
    return spec;
  })
  .describe('A term in words: "<n> working days", "<n> days", "<n> weeks" or "<n> months".');

const isoDate = z.string().refine(isIsoDate, { error: "expected a date as YYYY-MM-DD" });

const mailbox = z.email({ error: "expected an e-mail address" });

export const handlerSchema = z.strictObject({
  name: z.string().min(1).describe("Full name, as the acknowledgement gives it (§1.2)."),
  email: mailbox.describe("Where new-case notices and reminders go."),
  github: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, { error: "expected a GitHub user name" })
    .optional()
    .describe("GitHub user name, mentioned on the deadline dashboard."),
  categories: z
    .array(z.string())
    .optional()
    .describe("With `assignment: by_category`: the categories this handler takes."),
});

export const categorySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, { error: "expected a lower-case identifier like invoice" })
    .describe("Stable identifier written into dossiers (`category:`)."),
  label: localized.describe("What the form shows for this category."),
});

export const configSchema = z
  .strictObject({
    organisation: z
      .strictObject({
        name: z.string().min(1).describe("Name used in letters and on the site."),
        legal_name: z.string().optional().describe("Registered name, for the privacy statement."),
        website: z.url().describe("The organisation's public website."),
        complaints_email: mailbox.describe("The complaints address of §1.1."),
        portal_url: z.url().optional().describe("The customer portal of §1.1, if any."),
        phone: z.string().optional().describe("Telephone number for complainants, if any."),
        address: z.string().optional().describe("Postal address, one line."),
        privacy_email: mailbox
          .optional()
          .describe("Where to ask for one's data; default complaints_email."),
        colours: z
          .strictObject({
            primary: z
              .string()
              .regex(/^#[0-9a-fA-F]{6}$/, { error: "expected a colour like #004b87" })
              .describe("Main colour (headings, buttons), as #rrggbb."),
            accent: z
              .string()
              .regex(/^#[0-9a-fA-F]{6}$/, { error: "expected a colour like #e35205" })
              .describe("Accent colour (focus, links), as #rrggbb."),
          })
          .default({ primary: "#1f4e79", accent: "#b5400a" })
          .describe("House colours for the site."),
      })
      .describe("Who the complaints are about, and how complainants reach them."),
    id_prefix: z
      .string()
      .regex(/^[A-Z]{1,8}$/, { error: "expected 1 to 8 capital letters, like KL" })
      .default("KL")
      .describe("Dossier ids are <prefix>-<YYYY>-<NNNN>."),
    timezone: z
      .string()
      .refine(isTimeZone, { error: "expected an IANA time zone like Europe/Amsterdam" })
      .default("Europe/Amsterdam")
      .describe("Where the calendar is kept: receipt dates and terms are counted here."),
    languages: z
      .array(language)
      .min(1)
      .default(["nl", "en"])
      .describe("Languages of the form and of correspondence; the first is the default."),
    categories: z
      .array(categorySchema)
      .min(1)
      .refine((list) => new Set(list.map((c) => c.id)).size === list.length, {
        error: "category ids must be unique",
      })
      .describe("What a complaint can be about."),
    handlers: z.array(handlerSchema).min(1).describe("Who handles complaints."),
    assignment: z
      .enum(["round_robin", "by_category"])
      .default("round_robin")
      .describe("How a new case gets its handler: in turn, or by the handler's categories."),
    insurer: z
      .strictObject({
        name: z.string().min(1).describe("The insurer's name, in the insurer notice."),
        email: mailbox.describe("Where the insurer notice goes."),
        policy_number: z.string().optional().describe("Our policy number, quoted in the notice."),
      })
      .describe("The professional liability insurer informed under §1.5."),
    mail: z
      .strictObject({
        from: z.string().min(1).describe('Sender, e.g. "Klachten <klachten@example.nl>".'),
        reply_to: mailbox.describe("Where complainants' replies go."),
        plus_addressing: z
          .boolean()
          .default(true)
          .describe(
            "true: every letter's Reply-To is the dossier's plus-address (`klachten+KL-2026-0001@…`), so a reply is filed on its dossier whatever the mail client does to the thread. false, for a mail server that does not deliver plus-addresses: Reply-To is `reply_to` itself, and replies are matched by In-Reply-To/References and by the dossier id in the subject.",
          ),
      })
      .describe("The sender of every letter."),
    policy: z
      .strictObject({
        information: term.describe("§1.6: tell the complainant information is missing within …"),
        judgement: term.describe("§1.6: a reasoned position within …"),
        resolution: term.describe("§1.2: the aim to handle every complaint within …"),
        reminder_lead: term.describe("Remind the handler this long before a term ends."),
        delay_notice: z
          .boolean()
          .default(true)
          .describe("Send the delay notice by itself when the judgement term passes."),
      })
      .describe("The promises of the procedure, as terms."),
    privacy: z
      .strictObject({
        retention: z
          .string()
          .regex(/^[1-9]\d{0,3} (?:days?|months?|years?)$/, {
            error: 'expected a period like "2 years", "24 months" or "730 days"',
          })
          .default("2 years")
          .describe("How long after closed_at (or withdrawal) personal data is kept."),
      })
      .default({ retention: "2 years" })
      .describe("Retention of personal data (docs/privacy.md)."),
    closing_days: z
      .array(z.union([isoDate, z.strictObject({ date: isoDate, reason: z.string().optional() })]))
      .default([])
      .transform((days) => days.map((d) => (typeof d === "string" ? { date: d } : d)))
      .describe("Extra days the office is closed; they do not count as working days."),
  })
  .superRefine((config, ctx) => {
    const ids = new Set(config.categories.map((c) => c.id));
    config.handlers.forEach((handler, index) => {
      handler.categories?.forEach((category, j) => {
        if (!ids.has(category)) {
          ctx.addIssue({
            code: "custom",
            path: ["handlers", index, "categories", j],
            message: `unknown category "${category}"; expected one of ${[...ids].join(", ")}`,
          });
        }
      });
    });
    if (config.assignment === "by_category") {
      for (const id of ids) {
        if (!config.handlers.some((h) => h.categories?.includes(id))) {
          ctx.addIssue({
            code: "custom",
            path: ["assignment"],
            message: `by_category needs a handler for every category; none takes "${id}"`,
          });
        }
      }
    }
  });

export type DocketConfig = z.output<typeof configSchema>;
export type Handler = z.output<typeof handlerSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
