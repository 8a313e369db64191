import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { editFrontmatter, splitDossier } from "../../automation/domain/dossier-text.ts";
import { CONTEXT, dossierData, dossierText, pathOf, withFields } from "../support/dossiers.ts";
import { readersDiffer } from "../support/yaml11.ts";

const FILE = pathOf("KL-2026-0001");
const base = withFields(dossierText(), {
  status: "awaiting_information",
  information: { complete: false, request: "PLACEHOLDER" },
});

/** The dossier with one line of frontmatter as a handler typed it. */
const typed = (line: string) => base.replace(/^ {2}request: PLACEHOLDER$/m, line);
const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("free text a handler types is refused where YAML would bite", () => {
  it("refuses an unquoted # that would cut the request short, naming line and fix", () => {
    const text = typed("  request: Stuur ook je bonnetje van bezoek #4411 mee.");
    expect(checkDossier(FILE, text, CONTEXT).violations).toEqual([
      {
        file: FILE,
        line: lineOf(text, "#4411"),
        field: "information.request",
        rule: "yaml_text",
        message: expect.stringMatching(
          /text after "#" would be left out.*#4411 mee\..*put the whole text in quotes/,
        ),
      },
    ]);
  });

  it("refuses a # on the continuation line of a plain text", () => {
    const text = typed("  request: Stuur ook je bonnetje\n    van bezoek #4411 mee.");
    expect(checkDossier(FILE, text, CONTEXT).violations.map((v) => v.rule)).toEqual(["yaml_text"]);
  });

  it("explains a colon in a text in a handler's words", () => {
    const text = typed("  request: Stuur dit: je bonnetje");
    const [violation] = checkDossier(FILE, text, CONTEXT).violations;
    expect(violation).toMatchObject({ rule: "syntax", line: lineOf(text, "Stuur dit") });
    expect(violation?.message).toMatch(/put the whole text in quotes/);
  });

  it.each([
    ["complainant.name", "  name: Eva Jansen", "  name: No", "false"],
    ["summary", "summary: Factuur bevat uren die niet gewerkt zijn", "summary: 12:30", "750"],
    ["summary", "summary: Factuur bevat uren die niet gewerkt zijn", "summary: 2026-12-01", "date"],
    ["complainant.name", "  name: Eva Jansen", "  name: on", "true"],
    ["complainant.name", "  name: Eva Jansen", "  name: <<", "reserved key"],
    ["summary", "summary: Factuur bevat uren die niet gewerkt zijn", "summary: =", "reserved key"],
  ])("refuses %s that a YAML 1.1 reader would retype (%s → %s)", (field, from, to, read) => {
    const text = base.replace(from, to);
    const violations = checkDossier(FILE, text, CONTEXT).violations;
    expect(violations).toEqual([
      expect.objectContaining({
        field,
        rule: "yaml_text",
        line: lineOf(text, to),
        message: expect.stringContaining("put it in quotes"),
      }),
    ]);
    expect(violations[0]?.message).toContain(read);
  });

  it.each([
    ["  request: !belangrijk Stuur je bonnetje mee.", "!belangrijk", "tag"],
    ["  request: &bon Stuur je bonnetje mee.", "&bon", "anchor"],
  ])("refuses %s: YAML would leave out %s, read as a %s", (line, word, kind) => {
    const text = typed(line);
    expect(checkDossier(FILE, text, CONTEXT).violations).toEqual([
      expect.objectContaining({
        field: "information.request",
        rule: "yaml_text",
        line: lineOf(text, word),
        message: expect.stringMatching(
          new RegExp(`"${word}" as an? ${kind}.*left out.*put the whole text in quotes`, "i"),
        ),
      }),
    ]);
  });

  it("refuses a long text that a YAML 1.1 reader reads as a number", () => {
    const long = Array.from({ length: 40 }, () => "1").join("_");
    const text = base.replace(
      "summary: Factuur bevat uren die niet gewerkt zijn",
      `summary: ${long}`,
    );
    expect(checkDossier(FILE, text, CONTEXT).violations).toEqual([
      expect.objectContaining({ field: "summary", rule: "yaml_text" }),
    ]);
  });

  it("refuses a number where text is meant, instead of a bare type error", () => {
    const text = base.replace("summary: Factuur bevat uren die niet gewerkt zijn", "summary: 4411");
    expect(checkDossier(FILE, text, CONTEXT).violations).toEqual([
      expect.objectContaining({
        field: "summary",
        rule: "yaml_text",
        message: expect.stringContaining('summary: "4411"'),
      }),
    ]);
  });

  it.each([
    '  request: "Stuur ook je bonnetje van bezoek #4411 mee."',
    "  request: 'Stuur dit: je bonnetje'",
    "  request: >-\n    Stuur ook je bonnetje van bezoek #4411 mee.\n    Dank je: echt.",
    "  request: Stuur ook je bonnetje mee. # vriendelijk gevraagd",
  ])("accepts text written safely: %s", (line) => {
    const text = typed(line);
    const violations = checkDossier(FILE, text, CONTEXT).violations;
    if (line.includes("# vriendelijk")) {
      // A comment after a text field is where words get lost: refused as well.
      expect(violations.map((v) => v.rule)).toEqual(["yaml_text"]);
    } else {
      expect(violations).toEqual([]);
      expect(readersDiffer(text)).toBeUndefined();
    }
  });

  it("keeps comments after fields that are not text", () => {
    const text = base.replace(
      "status: awaiting_information",
      "status: awaiting_information # gemaild",
    );
    expect(checkDossier(FILE, typed('  request: "x"'), CONTEXT).violations).toEqual([]);
    expect(
      checkDossier(FILE, text.replace("PLACEHOLDER", "Het factuurnummer."), CONTEXT).violations,
    ).toEqual([]);
  });
});

describe("what Docket writes reads the same to YAML 1.1 and 1.2 readers", () => {
  const awkward = [
    "No",
    "yes",
    "Y",
    "n",
    "on",
    "Off",
    "null",
    "~",
    "true",
    "12:30",
    "1:20:30",
    "2026-12-01",
    "2026-11-24T09:13:05+01:00",
    "0o17",
    "0x1F",
    "0777",
    "1_000",
    ".inf",
    "-.5",
    "+1",
    "=",
    "<<",
    "Stuur #4411 mee",
    "a: b",
    "- lijst",
    "'quoted'",
    '"dubbel"',
    "@handle",
    "%procent",
    "`code`",
    "!belangrijk",
    "&anker tekst",
    "*ster",
    Array.from({ length: 40 }, () => "1").join("_"),
    Array.from({ length: 40 }, () => "1").join(":"),
  ];

  it.each(awkward)("intake and handlers' edits keep %j as text", (value) => {
    const data: Dossier = {
      ...dossierData(),
      summary: value,
      complainant: { name: value, email: "eva@example.nl", organisation: value },
    };
    const text = withFields(dossierText(data), {
      "information.complete": false,
      "information.request": value,
      "delay.reason": value,
      "delay.new_date": "2026-12-08",
    });
    expect(readersDiffer(text)).toBeUndefined();
    const { data: read } = splitDossier(text) as { data: Dossier };
    expect([read.summary, read.complainant.name, read.information?.request]).toEqual([
      value,
      value,
      value,
    ]);
    expect(
      checkDossier(FILE, text, CONTEXT).violations.filter((v) => v.rule === "yaml_text"),
    ).toEqual([]);
  });

  it("leaves a handler's own quoting and comments alone", () => {
    const text = typed("  request: 'Stuur dit: je bonnetje' # gemaild");
    const edited = editFrontmatter(text, (doc) =>
      doc.setIn(["information", "requested_at"], "2026-11-25T10:00:00+01:00"),
    );
    expect(edited).toContain("  request: 'Stuur dit: je bonnetje' # gemaild\n");
    expect(edited).toContain("  requested_at: 2026-11-25T10:00:00+01:00\n");
  });
});

describe("every dossier in the repository's docs and fixtures reads the same to YAML 1.1 and 1.2", () => {
  const root = join(import.meta.dirname, "..", "..");
  const docs = [
    "dossiers/README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  const examples = docs.flatMap((doc) =>
    [
      ...readFileSync(join(root, doc), "utf8").matchAll(
        /```(?:markdown|yaml)\n(---\n[\s\S]*?\n---\n)/g,
      ),
    ].map((m, i) => [`${doc} #${i + 1}`, m[1] ?? ""] as const),
  );

  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)("%s", (_name, text) => {
    expect(readersDiffer(`${text}\n`)).toBeUndefined();
  });
});
