import { describe, expect, it } from "vitest";
import { composeLetter } from "../../automation/letters/letters.ts";
import { LetterTemplateError } from "../../automation/letters/render-letter.ts";
import { renderEml } from "../../automation/mail/eml.ts";
import {
  config,
  configIn,
  dossierUrl,
  fullConfig,
  fullDossier,
  now,
  templates,
} from "./letter-fixtures.ts";

describe.each(["nl", "en"] as const)("the acknowledgement (§1.2) in %s", (language) => {
  const message = composeLetter("acknowledgement", fullDossier(language), fullConfig, templates, {
    now,
  });

  it("is addressed to the complainant and opens the dossier's thread", () => {
    expect(message).toMatchObject({
      idempotencyKey: "KL-2026-0001/acknowledgement",
      from: "Interforce Klachten <klachten@interforce.eu>",
      to: ["Eva Jansen <eva.jansen@example.nl>"],
      replyTo: "klachten+KL-2026-0001@interforce.eu",
      messageId: "<KL-2026-0001@interforce.eu>",
      date: now,
    });
    expect(message.inReplyTo).toBeUndefined();
    expect(message.references).toBeUndefined();
    expect(message.html).toContain(`<html lang="${language}">`);
    expect(renderEml(message)).toContain("Message-ID: <KL-2026-0001@interforce.eu>\r\n");
  });
});

describe.each(["nl", "en"] as const)("the new-case notice in %s", (language) => {
  const dossierOf = fullDossier(language);
  const config = configIn(language);
  const message = composeLetter("new_case", dossierOf, config, templates, { now, dossierUrl });

  it("links to the dossier, and leaves the line out without a URL", () => {
    expect(message.html).toContain(`<a href="${dossierUrl}">KL-2026-0001</a>`);
    const bare = composeLetter("new_case", dossierOf, config, templates, { now });
    expect(bare.html).not.toContain('href="https://github.com');
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
    const other = composeLetter(
      "new_case",
      fullDossier(language === "nl" ? "en" : "nl"),
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
    const ack = composeLetter("acknowledgement", fullDossier(), config, templates, options);
    expect(ack.messageId).toBe("<KL-2026-0001.acknowledgement@interforce.eu>");
    expect(ack.inReplyTo).toBe(threadRoot);
    expect(ack.references).toEqual([threadRoot]);
    // The handler never received the complainant's e-mail: their notice threads per dossier instead.
    const notice = composeLetter("new_case", fullDossier(), config, templates, options);
    expect(notice.references).toEqual(["<KL-2026-0001@interforce.eu>"]);
    expect(renderEml(ack)).toContain(`In-Reply-To: ${threadRoot}\r\n`);
  });

  it("adds the dossier id to a subject that lacks it", () => {
    const own = { ...templates, "acknowledgement.nl": "---\nsubject: Ontvangen\n---\nHallo" };
    const message = composeLetter("acknowledgement", fullDossier(), config, own, { now });
    expect(message.subject).toBe("Ontvangen (KL-2026-0001)");
  });

  it("names the missing template file", () => {
    const none = {};
    expect(() =>
      composeLetter("acknowledgement", fullDossier("en"), config, none, { now }),
    ).toThrow(new LetterTemplateError("letters/acknowledgement.en.md is missing"));
  });

  it("names a placeholder a handler misspelt in a template", () => {
    const own = { ...templates, "judgement.nl": "---\nsubject: x\n---\n{{ judgement.finding }}" };
    expect(() => composeLetter("judgement", fullDossier(), config, own, { now })).toThrow(
      "letters/judgement.nl.md:4: unknown placeholder {{ judgement.finding }}",
    );
  });
});
