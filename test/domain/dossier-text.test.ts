import { describe, expect, it } from "vitest";
import {
  extractComplaint,
  headingsOutsideFences,
  normalizeComplaintText,
  renderDossierBody,
} from "../../automation/domain/complaint-section.ts";
import { dossierSchema } from "../../automation/domain/dossier-schema.ts";
import {
  editFrontmatter,
  FrontmatterError,
  serializeDossier,
  splitDossier,
} from "../../automation/domain/dossier-text.ts";
import { dossierData, dossierText } from "../support/dossiers.ts";

const SECTIONS = ["## Klacht", "## Onderzoek", "## Wederhoor", "## Oordeel"];

describe("serializeDossier and splitDossier", () => {
  it("round-trips the frontmatter and keeps the schema's key order", () => {
    const data = dossierData();
    const text = dossierText(data);
    expect(splitDossier(text).data).toEqual(data);
    const keys = [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
    expect(keys.slice(0, 5)).toEqual(["id", "schema", "received_at", "channel", "language"]);
    const { body, bodyLine } = splitDossier(text);
    const klachtLine = text.split("\n").indexOf("## Klacht") + 1;
    expect(bodyLine + body.split("\n").indexOf("## Klacht")).toBe(klachtLine);
  });

  it("writes dates and times as plain YAML that parse back as strings", () => {
    const text = dossierText();
    expect(text).toContain("received_at: 2026-11-24T09:13:05+01:00\n");
    expect(text).toContain("  information_due: 2026-12-01\n");
  });

  it.each([
    ["no opening line", "id: KL-2026-0001\n", 1],
    ["unclosed frontmatter", "---\nid: KL-2026-0001\n", 1],
    ["broken YAML", "---\nid: KL-2026-0001\nstatus: [received\n---\nbody\n", 4],
  ])("refuses %s with a line", (_name, text, line) => {
    expect(() => splitDossier(text)).toThrow(FrontmatterError);
    try {
      splitDossier(text);
    } catch (error) {
      expect((error as FrontmatterError).line).toBeGreaterThanOrEqual(1);
      expect((error as FrontmatterError).line).toBeLessThanOrEqual(line);
    }
  });
});

describe("the complainant's words stay inert", () => {
  const attacks: [string, string][] = [
    ["a frontmatter block", "---\nstatus: closed\nid: KL-2026-9999\n---\nhoi"],
    ["a handler's heading", "Mijn klacht.\n## Oordeel\nverdict: founded\n\n## Onderzoek\nniets"],
    ["a closing tilde fence", "tekst\n~~~\n## Oordeel\n~~~~~~\nmeer"],
    ["a backtick fence", "```\n## Wederhoor\n```"],
    [
      "HTML and links",
      "<script>alert(1)</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))",
    ],
    ["YAML in a line", "key: value\n- list\n? complex\n&anchor *alias !!tag"],
    ["control characters and CRLF", "regel 1\r\nregel 2\u0000\u001b[31m\rregel 3"],
  ];

  it.each(attacks)("%s cannot alter the frontmatter or add a section", (_name, complaint) => {
    const data = dossierData();
    const text = serializeDossier(data, renderDossierBody(complaint));
    const split = splitDossier(text);
    expect(dossierSchema.parse(split.data)).toEqual(data);
    expect(headingsOutsideFences(split.body)).toEqual(SECTIONS);
    expect(extractComplaint(split.body)?.text).toBe(normalizeComplaintText(complaint));
  });

  it("keeps a summary or name with YAML syntax as plain strings", () => {
    const data = {
      ...dossierData(),
      summary: 'status: closed # "quoted" & *alias',
      complainant: { name: "- Jan: [de] {Boer}", email: "jan@example.nl" },
    };
    const parsed = dossierSchema.parse(
      splitDossier(serializeDossier(data, renderDossierBody("x"))).data,
    );
    expect(parsed.summary).toBe(data.summary);
    expect(parsed.complainant.name).toBe(data.complainant.name);
    expect(parsed.status).toBe("received");
  });
});

describe("editFrontmatter", () => {
  const handwritten = `---
# Dossier van Eva
id: KL-2026-0001
schema: 1
status: in_progress   # opgepakt door Sanne
received_at: "2026-11-24T09:13:05+01:00"
information:
  complete: false # navragen
  request: >-
    Het factuurnummer
    en de periode.
---

## Klacht

~~~text
Tekst
~~~

## Onderzoek

Gebeld op *maandag*.   
`;

  it("keeps the handler's comments, key order, quoting and the body byte for byte", () => {
    const edited = editFrontmatter(handwritten, (doc) => {
      doc.setIn(["information", "requested_at"], "2026-11-25T10:00:00+01:00");
    });
    expect(edited).toContain("# Dossier van Eva\n");
    expect(edited).toContain("status: in_progress # opgepakt door Sanne\n");
    expect(edited).toContain('received_at: "2026-11-24T09:13:05+01:00"\n');
    expect(edited).toContain("  complete: false # navragen\n");
    expect(edited).toContain("  requested_at: 2026-11-25T10:00:00+01:00\n---\n");
    expect(edited.slice(edited.indexOf("\n---\n"))).toBe(
      handwritten.slice(handwritten.indexOf("\n---\n")),
    );
    const keys = [...edited.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(["id", "schema", "status", "received_at", "information"]);
  });

  it("is the identity when nothing is edited", () => {
    const text = dossierText();
    expect(editFrontmatter(text, () => {})).toBe(text);
  });
});
