import { describe, expect, it } from "vitest";
import { LetterTemplateError, renderLetter } from "../../automation/letters/render-letter.ts";
import type { LetterView } from "../../automation/letters/render-letter.ts";

const dossier = { id: "KL-2026-0001", summary: "Factuur klopt niet", url: "" };
const view: LetterView = {
  language: "nl",
  dossier,
  complainant: { name: "Eva Jansen", phone: "" },
  handler: { name: "Sanne de Vries" },
};

const template = (body: string, subject = "Klacht {{ dossier.id }}") =>
  `---\nsubject: "${subject}"\n---\n${body}`;

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("renderLetter", () => {
  it("fills placeholders in subject, text and HTML", () => {
    const letter = renderLetter(
      template("Beste {{ complainant.name }},\n\n**{{dossier.summary}}**\n"),
      view,
    );
    expect(letter.subject).toBe("Klacht KL-2026-0001");
    // The text part is plain text: the template's Markdown marks are gone.
    expect(letter.text).toBe("Beste Eva Jansen,\n\nFactuur klopt niet\n");
    expect(letter.html).toContain(
      "<p>Beste Eva Jansen,</p>\n<p><strong>Factuur klopt niet</strong></p>",
    );
  });

  it("wraps the HTML in a minimal accessible document without external resources", () => {
    const { html } = renderLetter(template("Hallo"), { ...view, language: "en" });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Klacht KL-2026-0001</title>");
    expect(html).toContain('role="article"');
    expect(html).not.toMatch(/<(?:link|script|img|iframe)\b|src=|url\(/i);
  });

  it("keeps {{#if}} sections only when the value is not empty, taking standalone tag lines along", () => {
    const body = [
      "Een",
      "{{#if complainant.phone}}",
      "Bel {{ complainant.phone }}",
      "{{/if}}",
      "{{#if complainant.name}}",
      "Naam: {{ complainant.name }}{{#if dossier.url}} ({{ dossier.url }}){{/if}}",
      "{{/if}}",
      "Twee",
    ].join("\n");
    expect(renderLetter(template(body), view).text).toBe("Een\nNaam: Eva Jansen\nTwee\n");
    const withPhone = { ...view, complainant: { name: "Eva", phone: "06 1234" } };
    expect(renderLetter(template(body), withPhone).text).toBe(
      "Een\nBel 06 1234\nNaam: Eva\nTwee\n",
    );
  });

  it("turns line breaks in a value into <br> in HTML and keeps them in text", () => {
    const multi = { ...view, dossier: { ...dossier, summary: "regel 1\nregel 2" } };
    const letter = renderLetter(template("{{ dossier.summary }}"), multi);
    expect(letter.text).toBe("regel 1\nregel 2\n");
    expect(letter.html).toContain("<p>regel 1<br>\nregel 2</p>");
  });

  it("strips control characters from values in the subject", () => {
    const evil = { ...view, dossier: { ...dossier, summary: "Hallo\r\nBcc: x@y.nl\u0000" } };
    const { subject } = renderLetter(template("x", "{{ dossier.summary }} {{ dossier.id }}"), evil);
    expect(subject).toBe("Hallo Bcc: x@y.nl KL-2026-0001");
  });

  it("never links to a value that is not a web or mail address", () => {
    const body = "[open]({{ dossier.url }})";
    const safe = { ...view, dossier: { ...dossier, url: "https://example.nl/a?b=1&c=2" } };
    expect(renderLetter(template(body), safe).html).toContain(
      '<a href="https://example.nl/a?b=1&amp;c=2">open</a>',
    );
    const evil = { ...view, dossier: { ...dossier, url: "javascript:alert(1)" } };
    const { html } = renderLetter(template(body), evil);
    expect(html).toContain('<a href="#">open</a>');
    expect(html).not.toContain("javascript:");
  });

  it("names an unknown placeholder with file and line", () => {
    const error = errorOf(() =>
      renderLetter(template("Hallo\n\n{{ handler.nmae }}"), view, "letters/x.nl.md"),
    );
    expect(error).toBeInstanceOf(LetterTemplateError);
    expect(error.message).toContain("letters/x.nl.md:6: unknown placeholder {{ handler.nmae }}");
    expect(error.message).toContain("Known placeholders: language, dossier.id");
  });

  it("names unknown placeholders in the subject and in {{#if}}", () => {
    const error = errorOf(() =>
      renderLetter(template("{{#if complainant.fone}}x{{/if}}", "{{ dossier.nr }}"), view, "t.md"),
    );
    expect(error.message).toContain("t.md:2: unknown placeholder {{ dossier.nr }}");
    expect(error.message).toContain("t.md:4: unknown placeholder {{ complainant.fone }}");
  });

  it.each([
    ["a group used as a value", template("{{ handler }}"), /\{\{ handler \}\} is a group/],
    [
      "an unclosed section",
      template("a\n{{#if dossier.id}}\nb"),
      /t\.md:5: \{\{#if dossier\.id\}\} is not closed/,
    ],
    ["a stray {{/if}}", template("a {{/if}}"), /t\.md:4: \{\{\/if\}\} without/],
    ["a tag it cannot read", template("{{ dossier.id | upper }}"), /t\.md:4: cannot read/],
    ["an unclosed tag", template("a\nb {{ dossier.id"), /t\.md:5: "\{\{" without a matching/],
    ["no frontmatter", "Hallo {{ dossier.id }}", /t\.md:1: a letter starts with frontmatter/],
    ["no subject", "---\ntitle: x\n---\nHallo", /unknown frontmatter key "title"/],
    ["an empty subject", "---\nsubject: ''\n---\nHallo", /subject: is missing/],
    ["an unquoted {{ subject", "---\nsubject: {{ dossier.id }}\n---\nx", /in quotes/],
  ])("refuses %s", (_, source, message) => {
    const error = errorOf(() => renderLetter(source, view, "t.md"));
    expect(error).toBeInstanceOf(LetterTemplateError);
    expect(error.message).toMatch(message);
  });
});
