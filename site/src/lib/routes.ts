import type { Language } from "../../../automation/intake/intake-messages.ts";

export type { Language };

/** The site's pages in each language. The thank-you paths are those the intake API redirects to. */
export const ROUTES = {
  form: { nl: "/", en: "/en/" },
  thanks: { nl: "/bedankt/", en: "/en/thank-you/" },
  privacy: { nl: "/privacy/", en: "/en/privacy/" },
  procedure: { nl: "/klachtenprocedure/", en: "/en/complaints-procedure/" },
} as const satisfies Record<string, Record<Language, string>>;

export type PageKey = keyof typeof ROUTES;

export const LANGUAGES: readonly Language[] = ["nl", "en"];

export function otherLanguage(language: Language): Language {
  return language === "nl" ? "en" : "nl";
}
