import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import { checkChange } from "../../automation/domain/check-change.ts";
import { formatViolation } from "../../automation/domain/violation.ts";
import {
  CHANGE_CONTEXT,
  CONTEXT,
  WRITTEN_JUDGEMENT,
  dossierText,
  pathOf,
  withFields,
} from "../support/dossiers.ts";

describe("dossiers/README.md", () => {
  const guide = readFileSync("dossiers/README.md", "utf8");
  const examples = [...guide.matchAll(/```markdown\n(---\n[\s\S]*?)```\n/g)].map((m) => m[1] ?? "");

  it("holds a complete example dossier", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it("shows only examples that pass docket validate", () => {
    for (const example of examples) {
      const id = /^id: (\S+)/m.exec(example)?.[1] ?? "";
      const file = `dossiers/${id.slice(3, 7)}/${id}/dossier.md`;
      expect(checkDossier(file, example, CONTEXT).violations).toEqual([]);
    }
  });
});

describe("dossiers/README.md's refused push", () => {
  const guide = readFileSync("dossiers/README.md", "utf8");
  const shown = [...guide.matchAll(/^remote: {3}(\S+\.md:\d+: .*)$/gm)].map((m) => m[1]);

  it("shows, in both languages, the line the push check prints for that step", () => {
    const before = withFields(dossierText(), {
      status: "in_progress",
      liability: {
        possible: true,
        reason: "Schade aan een machine.",
        insurer_informed_at: "2026-11-25T10:00:00+01:00",
      },
    });
    const after = withFields(before, { status: "judged", judgement: WRITTEN_JUDGEMENT });
    const printed = checkChange(
      { kind: "modified", path: pathOf("KL-2026-0001"), before, after },
      CHANGE_CONTEXT,
      { now: new Date("2026-12-01T12:00:00+01:00"), by: "person" },
    ).map(formatViolation);
    expect(shown).toHaveLength(2);
    for (const line of shown) expect(printed).toContain(line);
  });
});
