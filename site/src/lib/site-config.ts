import { readConfig } from "../../../automation/config/read-config.ts";
import type { Language } from "./routes.ts";
import { termText } from "./terms-text.ts";
import { themeCss } from "./theme.ts";

/**
 * The organisation's settings, read once at build time as `docket serve`
 * reads them: DOCKET_CONFIG, else docket.config.yaml in the working
 * directory (npm runs scripts from the project root). A wrong config stops
 * the build with the message naming the key.
 */
export const config = readConfig(process.env, process.cwd());

export const organisation = config.organisation;

/** Where people ask about their data (privacy_email, else the complaints address). */
export const privacyEmail = organisation.privacy_email ?? organisation.complaints_email;

/** The customer portal of §1.1 as people type it: "mijn.interforce.eu". */
export const portal = organisation.portal_url
  ? {
      url: organisation.portal_url,
      shown: organisation.portal_url.replace(/^https?:\/\//, "").replace(/\/$/, ""),
    }
  : undefined;

/** The procedure's promises in words, from config.policy. */
export function promises(language: Language) {
  return {
    information: termText(config.policy.information, language),
    judgement: termText(config.policy.judgement, language),
    resolution: termText(config.policy.resolution, language),
  };
}

export const theme = themeCss(organisation.colours);

/** How long personal data is kept after a case ends, in words: "2 jaar", "24 months" (config.privacy.retention). */
export function retentionText(language: Language): string {
  const [count = "2", unit = "years"] = config.privacy.retention.split(" ");
  const one = count === "1";
  const words = {
    nl: { day: one ? "dag" : "dagen", month: one ? "maand" : "maanden", year: "jaar" },
    en: {
      day: one ? "day" : "days",
      month: one ? "month" : "months",
      year: one ? "year" : "years",
    },
  }[language];
  const key = unit.startsWith("day") ? "day" : unit.startsWith("month") ? "month" : "year";
  return `${count} ${words[key]}`;
}
