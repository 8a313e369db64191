import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { knownPaths, parseTemplate } from "../../automation/letters/letter-template.ts";
import type { TemplateNode } from "../../automation/letters/letter-template.ts";
import { letterView } from "../../automation/letters/letter-view.ts";
import { LETTERS, templatePath } from "../../automation/letters/letters.ts";
import { LETTERS_DIR } from "../../automation/letters/load-templates.ts";
import { LetterTemplateError, renderLetter } from "../../automation/letters/render-letter.ts";
import { dossierUrl, fullConfig, fullDossier, now, templates } from "./letter-fixtures.ts";

const KEYS = Object.keys(templates).sort();
const view = (language: "nl" | "en") =>
  letterView(fullDossier(language), fullConfig, {
    language,
    dossierUrl,
    staff: 0,
    respondBy: "2026-12-04",
    term: "judgement",
    now,
  });

function placeholders(nodes: TemplateNode[]): string[] {
  return nodes.flatMap((node) =>
    node.kind === "text"
      ? []
      : node.kind === "value"
        ? [node.path]
        : [node.path, ...placeholders(node.children)],
  );
}

describe("the letter templates in letters/", () => {
  it("exist for every letter in both languages, and for nothing else", () => {
    const expected = Object.keys(LETTERS).flatMap((name) => [`${name}.en`, `${name}.nl`]);
    expect(KEYS).toEqual(expected.sort());
  });

  it.each(KEYS)("%s only uses known placeholders", (key) => {
    const [name = "", language] = key.split(".") as [string, "nl" | "en"];
    const source = templates[key] ?? "";
    const parsed = parseTemplate(source, templatePath(name, language));
    const known = new Set(knownPaths(view(language)));
    const used = [...placeholders(parsed.subject), ...placeholders(parsed.body)];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((path) => !known.has(path))).toEqual([]);
    const letter = renderLetter(source, view(language), templatePath(name, language));
    expect(letter.subject).toContain("KL-2026-0001");
    expect(letter.text).not.toMatch(/\{\{|\}\}/);
    expect(letter.html).not.toMatch(/\{\{|\}\}|docketslot/);
  });

  it.each(KEYS)("%s with an unknown placeholder is an error naming it", (key) => {
    const [name = "", language] = key.split(".") as [string, "nl" | "en"];
    const source = `${templates[key] ?? ""}\n{{#if term.overdue}}{{ judgement.verdikt }}{{/if}}\n`;
    const file = templatePath(name, language);
    const line = source.split("\n").length - 1;
    expect(() => renderLetter(source, view(language), file)).toThrow(LetterTemplateError);
    expect(() => renderLetter(source, view(language), file)).toThrow(
      `${file}:${line}: unknown placeholder {{ judgement.verdikt }}`,
    );
  });
});

describe("letters/README.md", () => {
  const readme = readFileSync(`${LETTERS_DIR}README.md`, "utf8");

  it("documents every value a template can use, and no others", () => {
    const table = readme.slice(readme.indexOf("| naam / name"));
    const documented = new Set<string>();
    for (const row of table.split("\n").filter((l) => l.startsWith("| `"))) {
      let group = "";
      for (const [, name = ""] of (row.split("|")[1] ?? "").matchAll(/`([^`]+)`/g)) {
        if (name.startsWith(".")) documented.add(`${group}${name}`);
        else {
          documented.add(name);
          group = name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : "";
        }
      }
    }
    expect([...documented].sort()).toEqual(knownPaths(view("nl")).sort());
  });

  it.each(Object.keys(LETTERS))("lists the letter %s", (name) => {
    expect(readme).toContain(`\`${name}\``);
  });
});
