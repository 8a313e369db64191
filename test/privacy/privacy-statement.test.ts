import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../automation/config/read-config.ts";
import { ensureSiteBuilt, SITE_DIST } from "../browser/support/site-build.ts";

/**
 * The site's privacy statement says what the software does (docs/privacy.md):
 * the retention `docket retention` applies, counted from the end of the case;
 * what it erases, from earlier versions too; what it keeps for the audit; the
 * claim that holds the data; the export and the erasure on request.
 */
const text = (page: string) =>
  readFileSync(join(SITE_DIST, page, "index.html"), "utf8")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

beforeAll(ensureSiteBuilt, 300_000);

describe("the privacy statement", () => {
  const [count, unit = ""] = readConfig().privacy.retention.split(" ");
  const words = {
    nl: `${count} ${unit.startsWith("day") ? (count === "1" ? "dag" : "dagen") : unit.startsWith("month") ? (count === "1" ? "maand" : "maanden") : "jaar"}`,
    en: `${count} ${unit.replace(/s$/, "")}${count === "1" ? "" : "s"}`,
  };

  it.each([
    [
      "privacy",
      [
        `daarna nog ${words.nl}`,
        "wist ons klachtensysteem je gegevens vanzelf: je naam, e-mailadres en telefoonnummer, je woorden, je bijlagen en de e-mails over je klacht, ook uit elke eerdere versie van je dossier",
        "het dossiernummer, de data, het onderwerp, de termijnen en ons oordeel",
        "aansprakelijkstelling, dan bewaren we je dossier tot we onze verzekeraar hebben geraadpleegd",
        "in een map die je zonder speciale software kunt openen",
        `op dezelfde manier als na ${words.nl}, ook uit eerdere versies`,
      ],
    ],
    [
      "en/privacy",
      [
        `for ${words.en} after that`,
        "our complaints system erases your details by itself: your name, e-mail address and phone number, your words, your attachments and the e-mails about your complaint, also from every earlier version of your file",
        "the case number, the dates, the subject, the terms and our judgement",
        "liability claim, we keep your file until we have consulted our insurer",
        "in a folder you can open without special software",
        `as we do after ${words.en}, also from earlier versions`,
      ],
    ],
  ])("/%s/ says it", (page, sentences) => {
    const said = text(page);
    for (const sentence of sentences) expect(said).toContain(sentence);
  });
});
