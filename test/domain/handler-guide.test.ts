import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import { CONTEXT } from "../support/dossiers.ts";

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
