import { describe, expect, it } from "vitest";
import {
  dossierFolder,
  dossierIdAt,
  dossierPart,
  dossierPath,
  isDossierFile,
} from "../../automation/domain/dossier-layout.ts";
import { checkChange } from "../../automation/domain/check-change.ts";
import { CHANGE_CONTEXT } from "../support/dossiers.ts";

describe("the dossier layout", () => {
  it("puts a dossier under the year of its id", () => {
    expect(dossierPath("KL-2026-0001")).toBe("dossiers/2026/KL-2026-0001/dossier.md");
    expect(dossierPath("ACME-2031-12345")).toBe("dossiers/2031/ACME-2031-12345/dossier.md");
  });

  it.each([
    ["dossiers/2026/KL-2026-0001/dossier.md", { kind: "dossier", id: "KL-2026-0001" }],
    [
      "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml",
      { kind: "correspondence", name: "0001-acknowledgement.eml" },
    ],
    [
      "dossiers/2026/KL-2026-0001/correspondence/sub/0009-x.eml",
      { kind: "correspondence", name: "sub/0009-x.eml" },
    ],
    [
      "dossiers/2026/KL-2026-0001/attachments/02-scan.pdf",
      { kind: "attachment", name: "02-scan.pdf" },
    ],
  ])("reads %s", (path, expected) => {
    expect(dossierPart(path)).toMatchObject({ folder: "dossiers/2026/KL-2026-0001", ...expected });
    expect(dossierFolder(path)).toBe("dossiers/2026/KL-2026-0001");
  });

  it.each([
    "dossiers/README.md",
    "dossiers/2026/KL-2026-0001/notes.md",
    "dossiers/26/KL-2026-0001/dossier.md",
    "other/dossiers/2026/KL-2026-0001/dossier.md",
    "dossiers/.submissions/ab/abcdef",
  ])("%s is no case's file", (path) => {
    expect(dossierPart(path)).toBeUndefined();
    expect(isDossierFile(path)).toBe(false);
  });

  it("refuses a person's file deeper in correspondence/ as it refuses one directly in it", () => {
    const now = new Date("2026-12-01T12:00:00+01:00");
    for (const path of [
      "dossiers/2026/KL-2026-0001/correspondence/0009-delay_notice-2026-12-29.eml",
      "dossiers/2026/KL-2026-0001/correspondence/x/0009-delay_notice-2026-12-29.eml",
    ]) {
      const violations = checkChange({ kind: "added", path, after: "x" }, CHANGE_CONTEXT, {
        now,
        by: "person",
      });
      expect(violations.map((v) => v.rule)).toEqual(["correspondence"]);
    }
  });

  it("names the case of a path given from outside only where its dossier is", () => {
    expect(dossierIdAt("dossiers/2026/KL-2026-0001/dossier.md")).toBe("KL-2026-0001");
    for (const path of [
      "dossiers/2025/KL-2026-0001/dossier.md",
      "dossiers/2026/../dossier.md",
      "dossiers/2026/kl-2026-0001/dossier.md",
      "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml",
      "/dossiers/2026/KL-2026-0001/dossier.md",
    ])
      expect(dossierIdAt(path), path).toBeUndefined();
  });
});
