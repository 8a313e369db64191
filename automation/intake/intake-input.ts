import { z } from "zod";
import type { FieldProblem, Language } from "./intake-messages.ts";

/**
 * The intake payload (README.md, "The intake API"), one schema documented field by field. Field
 * names are those of the form and the JSON API. Error messages are codes
 * here; `intake-messages.ts` words them in the complainant's language.
 */

/** The hidden field people leave empty and bots fill in. */
export const HONEYPOT = "website";

const present = (value: unknown) => (typeof value === "string" ? value.trim() : value);

const line = (max: number) =>
  z.preprocess(
    present,
    z
      .string({ error: "required" })
      .min(1, { error: "required" })
      .max(max, { error: `too_long:${max}` })
      .regex(/^[^\p{Cc}\u2028\u2029]*$/u, { error: "one_line" }),
  );

const optionalLine = (max: number) =>
  z.preprocess((v) => (present(v) === "" ? undefined : present(v)), line(max).optional());

const checkbox = z.preprocess((v) => {
  if (typeof v === "boolean") return v;
  if (v === undefined || v === "" || v === null) return false;
  return ["on", "true", "1", "yes", "ja"].includes(String(v).toLowerCase());
}, z.boolean());

export const intakeSchema = z.object({
  name: line(200).describe("The complainant's full name."),
  email: z
    .preprocess(
      present,
      z
        .string({ error: "required" })
        .min(1, { error: "required" })
        .pipe(z.email({ error: "email" })),
    )
    .pipe(z.string().max(254, { error: "too_long:254" }))
    .describe("Where the acknowledgement and every letter go."),
  phone: z
    .preprocess(
      (v) => (present(v) === "" ? undefined : present(v)),
      z
        .string()
        .regex(/^[+()\d\s./-]{6,40}$/, { error: "phone" })
        .optional(),
    )
    .describe("Telephone number, optional."),
  organisation: optionalLine(200).describe("The complainant's organisation, optional."),
  summary: line(140).describe("Short description (<= 140 characters); used in every letter."),
  description: z
    .preprocess(
      present,
      z
        .string({ error: "required" })
        .min(1, { error: "required" })
        .max(20_000, { error: "too_long:20000" }),
    )
    .describe("The complaint in the complainant's own words."),
  staff_involved: z
    .preprocess(
      (v) => (present(v) === "" ? undefined : present(v)),
      z.string().max(1000, { error: "too_long:1000" }).optional(),
    )
    .describe("Staff the complaint concerns, as the complainant names them (§1.4)."),
  prefers_meeting: checkbox.describe("Prefers a personal conversation about the judgement (§1.6)."),
  category: z
    .preprocess((v) => (present(v) === "" ? undefined : present(v)), z.string().optional())
    .describe("One of the config's categories; default other."),
  language: z
    .preprocess(
      (v) => (present(v) === "" ? undefined : present(v)),
      z.enum(["nl", "en"], { error: "choice:nl,en" }).optional(),
    )
    .describe("nl | en: the language of all correspondence."),
  consent: checkbox
    .refine((v) => v, { error: "consent" })
    .describe("Agrees to the privacy statement; required."),
  submission_id: z
    .preprocess(
      (v) => (present(v) === "" ? undefined : present(v)),
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,100}$/, { error: "submission_id" })
        .optional(),
    )
    .describe("A client-chosen id per form; a replay gets the same dossier."),
  [HONEYPOT]: z
    .preprocess(present, z.string().max(0, { error: "honeypot" }).optional())
    .describe("Must stay empty."),
});

export type IntakeInput = z.output<typeof intakeSchema>;

export type IntakeResult =
  | { ok: true; input: IntakeInput & { language: Language; category: string } }
  | { ok: false; language: Language; problems: Record<string, FieldProblem> };

/** Checks a payload; `categories` from config, the first language the default. */
export function parseIntake(
  payload: Record<string, unknown>,
  options: { categories: readonly string[]; defaultLanguage: Language },
): IntakeResult {
  const requested =
    payload.language === "en" || payload.language === "nl" ? payload.language : undefined;
  const language = requested ?? options.defaultLanguage;
  const result = intakeSchema.safeParse(payload);
  const problems: Record<string, FieldProblem> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "form");
      problems[field] ??= toProblem(issue.message);
    }
  }
  const category =
    (result.success ? result.data.category : undefined) ?? defaultCategory(options.categories);
  if (!options.categories.includes(category))
    problems.category ??= { kind: "choice", options: options.categories };
  if (!result.success || Object.keys(problems).length > 0) return { ok: false, language, problems };
  return {
    ok: true,
    input: { ...result.data, language: result.data.language ?? language, category },
  };
}

function defaultCategory(categories: readonly string[]): string {
  return categories.includes("other") ? "other" : (categories.at(-1) ?? "other");
}

function toProblem(code: string): FieldProblem {
  const [kind = "", argument = ""] = code.split(":");
  switch (kind) {
    case "too_long":
      return { kind, max: Number(argument) };
    case "choice":
      return { kind, options: argument.split(",") };
    case "one_line":
    case "email":
    case "phone":
    case "consent":
    case "submission_id":
    case "honeypot":
      return { kind };
    default:
      return { kind: "required" };
  }
}
