import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLED_CONFIG, parseConfig } from "../../automation/config/read-config.ts";
import type { DocketConfig } from "../../automation/config/config-schema.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { letterView } from "../../automation/letters/letter-view.ts";
import { composeLetter, LETTERS, templatePath } from "../../automation/letters/letters.ts";
import type { LetterName } from "../../automation/letters/letters.ts";
import { loadTemplates } from "../../automation/letters/load-templates.ts";
import { LetterTemplateError, renderLetter } from "../../automation/letters/render-letter.ts";
import { renderEml } from "../../automation/mail/eml.ts";
import { dossierData } from "../support/dossiers.ts";

const config: DocketConfig = parseConfig(readFileSync(BUNDLED_CONFIG, "utf8"));
/** Every optional value set, so every section of every template is exercised. */
const fullConfig: DocketConfig = {
  ...config,
  organisation: {
    ...config.organisation,
    phone: "+31 20 123 4567",
    address: "Straat 1, Amsterdam",
  },
};
const templates = await loadTemplates();
const now = new Date("2026-11-24T08:13:07Z");
const dossierUrl =
  "https://github.com/interforce/klachten/blob/main/dossiers/2026/KL-2026-0001/dossier.md";

function dossier(language: "nl" | "en" = "nl", changes: Partial<Dossier> = {}): Dossier {
  const base = dossierData();
  return {
    ...base,
    language,
    complainant: {
      ...base.complainant,
      phone: "06 12345678",
      organisation: "Jansen BV",
      prefers_meeting: true,
    },
    // Distinct dates, so each term is shown to be in the letter.
    terms: {
      information_due: "2026-11-30",
      judgement_due: "2026-12-01",
      resolution_due: "2026-12-24",
    },
    ...changes,
  };
}

const DATES = {
  nl: {
    received: "dinsdag 24 november 2026",
    information: "maandag 30 november 2026",
    judgement: "dinsdag 1 december 2026",
    resolution: "donderdag 24 december 2026",
    month: "1 maand",
  },
  en: {
    received: "Tuesday 24 November 2026",
    information: "Monday 30 November 2026",
    judgement: "Tuesday 1 December 2026",
    resolution: "Thursday 24 December 2026",
    month: "1 month",
  },
} as const;

describe("the letter templates in letters/", () => {
  it("exist for every letter in both languages", () => {
    const expected = Object.keys(LETTERS).flatMap((name) => [`${name}.en`, `${name}.nl`]);
    expect(Object.keys(templates).sort()).toEqual(expected.sort());
  });

  it.each(Object.keys(templates))(
    "%s renders against a full view without unknown placeholders",
    (key) => {
      const [name = "", language] = key.split(".") as [string, "nl" | "en"];
      const view = letterView(dossier(language), fullConfig, { dossierUrl, language });
      const letter = renderLetter(templates[key] ?? "", view, templatePath(name, language));
      expect(letter.subject).toContain("KL-2026-0001");
      expect(letter.text).not.toMatch(/\{\{|\}\}/);
      expect(letter.html).not.toMatch(/\{\{|\}\}|docketslot/);
    },
  );
});

describe.each(["nl", "en"] as const)("the acknowledgement (§1.2) in %s", (language) => {
  const message = composeLetter("acknowledgement", dossier(language), fullConfig, templates, {
    now,
  });
  const dates = DATES[language];
  const required: [string, string][] = [
    ["the date received", dates.received],
    ["the short description", "Factuur bevat uren die niet gewerkt zijn"],
    ["the term for further contact", dates.judgement],
    ["the term for missing information", dates.information],
    ["the aim to handle it within 1 month", dates.month],
    ["the date it should be handled by", dates.resolution],
    ["the handler's name", "Sanne de Vries"],
    ["how to reach us", "klachten@interforce.eu"],
    ["the reference id", "KL-2026-0001"],
    ["the phone number, when configured", "+31 20 123 4567"],
    ["the portal", "https://mijn.interforce.eu"],
  ];

  it.each(required)("contains %s in the text and the HTML part", (_, value) => {
    expect(message.text).toContain(value);
    expect(message.html).toContain(value);
  });

  it("is addressed to the complainant and opens the dossier's thread", () => {
    expect(message).toMatchObject({
      idempotencyKey: "KL-2026-0001/acknowledgement",
      from: "Interforce Klachten <klachten@interforce.eu>",
      to: ["Eva Jansen <eva.jansen@example.nl>"],
      replyTo: "klachten@interforce.eu",
      messageId: "<KL-2026-0001@interforce.eu>",
      date: now,
    });
    expect(message.inReplyTo).toBeUndefined();
    expect(message.references).toBeUndefined();
    expect(message.subject).toContain("KL-2026-0001");
    expect(message.html).toContain(`<html lang="${language}">`);
    expect(renderEml(message)).toContain("Message-ID: <KL-2026-0001@interforce.eu>\r\n");
  });
});

describe.each(["nl", "en"] as const)("the new-case notice in %s", (language) => {
  const dates = DATES[language];
  const dossierOf = dossier(language);
  const config = {
    ...fullConfig,
    languages: [language, language === "nl" ? "en" : "nl"],
  } as DocketConfig;
  const message = composeLetter("new_case", dossierOf, config, templates, { now, dossierUrl });

  it.each([
    ["the id", "KL-2026-0001"],
    ["the summary", "Factuur bevat uren die niet gewerkt zijn"],
    ["the information term", dates.information],
    ["the judgement term", dates.judgement],
    ["the resolution term", dates.resolution],
    ["the link", dossierUrl],
  ])("contains %s in the text and the HTML part", (_, value) => {
    expect(message.text).toContain(value);
    expect(message.html).toContain(value);
  });

  it("links to the dossier, and leaves the line out without a URL", () => {
    expect(message.html).toContain(`<a href="${dossierUrl}">KL-2026-0001</a>`);
    const bare = composeLetter("new_case", dossierOf, config, templates, { now });
    expect(bare.html).not.toContain("<a ");
    expect(bare.text).not.toContain("https://github.com");
  });

  it("goes to the handler in the organisation's language, in the dossier's thread", () => {
    expect(message).toMatchObject({
      idempotencyKey: "KL-2026-0001/new_case",
      to: ["Sanne de Vries <sanne.devries@example.nl>"],
      messageId: "<KL-2026-0001.new_case@interforce.eu>",
      inReplyTo: "<KL-2026-0001@interforce.eu>",
      references: ["<KL-2026-0001@interforce.eu>"],
    });
    expect(message.html).toContain(`<html lang="${language}">`);
    const other = composeLetter(
      "new_case",
      dossier(language === "nl" ? "en" : "nl"),
      config,
      templates,
      { now },
    );
    expect(other.html).toContain(`<html lang="${language}">`);
  });
});

describe("composeLetter", () => {
  it("threads under a given root for a complaint that came in by e-mail", () => {
    const threadRoot = "<CAF=abc123@mail.example.nl>";
    const options = { now, threadRoot };
    const ack = composeLetter("acknowledgement", dossier(), config, templates, options);
    expect(ack.messageId).toBe("<KL-2026-0001.acknowledgement@interforce.eu>");
    expect(ack.inReplyTo).toBe(threadRoot);
    expect(ack.references).toEqual([threadRoot]);
    // The handler never received the complainant's e-mail: their notice threads per dossier instead.
    const notice = composeLetter("new_case", dossier(), config, templates, options);
    expect(notice.references).toEqual(["<KL-2026-0001@interforce.eu>"]);
    expect(renderEml(ack)).toContain(`In-Reply-To: ${threadRoot}\r\n`);
  });

  it("adds the dossier id to a subject that lacks it", () => {
    const own = { ...templates, "acknowledgement.nl": "---\nsubject: Ontvangen\n---\nHallo" };
    const message = composeLetter("acknowledgement", dossier(), config, own, { now });
    expect(message.subject).toBe("Ontvangen (KL-2026-0001)");
  });

  it("names the missing template file", () => {
    const none = {};
    expect(() => composeLetter("acknowledgement", dossier("en"), config, none, { now })).toThrow(
      new LetterTemplateError("letters/acknowledgement.en.md is missing"),
    );
  });
});

describe("a complainant's words in letters", () => {
  const hostile =
    "Eva <script>alert(1)</script> [x](javascript:alert(1)) **bold** {{handler.name}} & <b>";
  const summary =
    "<img src=x onerror=alert(1)> [klik](javascript:void(0)) **vet** {{ handler.name }}";
  const evil = dossier("nl", {
    summary,
    complainant: { name: hostile, email: "eva@example.nl" },
  });

  it.each(["acknowledgement", "new_case"] as LetterName[])(
    "are inert in the HTML of %s",
    (name) => {
      const { html } = composeLetter(name, evil, config, templates, { now, dossierUrl });
      expect(html).not.toMatch(/<script|<img|<b>|<strong>(bold|vet)/);
      expect(html).not.toMatch(/href="javascript/i);
      expect(html.match(/<a /g) ?? []).toHaveLength(name === "new_case" ? 1 : 0);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(html).toContain("[x](javascript:alert(1)) **bold** {{handler.name}} &amp; &lt;b&gt;");
      expect(html).toContain(
        "&lt;img src=x onerror=alert(1)&gt; [klik](javascript:void(0)) **vet**",
      );
    },
  );

  it.each(["acknowledgement", "new_case"] as LetterName[])(
    "are verbatim in the text of %s",
    (name) => {
      const { text } = composeLetter(name, evil, config, templates, { now, dossierUrl });
      if (name === "acknowledgement") expect(text).toContain(`Beste ${hostile},`);
      else expect(text).toContain(`Klager: ${hostile}, eva@example.nl`);
      expect(text).toContain(summary);
    },
  );

  it("never expand a placeholder", () => {
    for (const name of ["acknowledgement", "new_case"] as LetterName[]) {
      const { text, html, subject } = composeLetter(name, evil, config, templates, { now });
      expect(text).toContain("{{handler.name}}");
      expect(html).toContain("{{handler.name}}");
      expect(text).toContain("{{ handler.name }}");
      expect(subject).not.toContain("Sanne de Vries Sanne");
    }
  });
});
