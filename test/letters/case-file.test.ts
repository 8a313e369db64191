import { describe, expect, it } from "vitest";
import { dossierPath } from "../../automation/domain/dossier-layout.ts";
import { readCaseFile } from "../../automation/letters/case-file.ts";

const PATH = "dossiers/2026/KL-2026-0001/dossier.md";
const TEXT = [
  "---",
  "id: KL-2026-0001",
  "---",
  "## Klacht",
  "",
  "~~~text",
  "De factuur klopt niet.",
  "## Geen kop",
  "~~~",
  "",
  "## Onderzoek",
  "",
].join("\n");

describe("readCaseFile", () => {
  it("reads the complainant's words and the dossier's own attachments", () => {
    const files = [
      PATH,
      "dossiers/2026/KL-2026-0001/attachments/02-foto.jpg",
      "dossiers/2026/KL-2026-0001/attachments/01-factuur.pdf",
      "dossiers/2026/KL-2026-0001/attachments/.gitkeep",
      "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml",
      "dossiers/2026/KL-2026-0002/attachments/01-ander.pdf",
    ];
    expect(readCaseFile(PATH, TEXT, files)).toEqual({
      complaint: "De factuur klopt niet.\n## Geen kop",
      attachments: ["01-factuur.pdf", "02-foto.jpg"],
    });
  });

  it("gives no words when the section cannot be read, and no attachments when there are none", () => {
    expect(readCaseFile(PATH, "---\nid: x\n---\nGeen klacht\n", [PATH])).toEqual({
      attachments: [],
    });
    expect(readCaseFile(PATH, "no frontmatter", [])).toEqual({ attachments: [] });
  });
});

describe("dossierPath", () => {
  it("is where intake puts the dossier of an id", () => {
    expect(dossierPath("KL-2026-0042")).toBe("dossiers/2026/KL-2026-0042/dossier.md");
  });
});
