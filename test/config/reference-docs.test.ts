import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { referenceDocs } from "../../automation/docs/reference-docs.ts";

describe("generated reference docs", () => {
  it.each(Object.entries(referenceDocs()))(
    "%s is up to date with its schema (npm run docs)",
    (path, text) => {
      expect(readFileSync(path, "utf8")).toBe(text);
    },
  );

  it.each(Object.entries(referenceDocs()))("%s gives every field a meaning", (_path, text) => {
    const rows = text.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) expect(row, row).not.toMatch(/\|\s*\|$/);
  });

  it("documents every field", () => {
    const docs = referenceDocs();
    for (const field of [
      "policy.reminder_lead",
      "closing_days",
      "handlers[].github",
      "mail.reply_to",
    ]) {
      expect(docs["docs/configuration.md"]).toContain(`\`${field}\``);
    }
    for (const field of [
      "judgement.further_contact",
      "staff_involved[].summary",
      "liability.insurer_consulted_at",
    ]) {
      expect(docs["docs/dossier-format.md"]).toContain(`\`${field}\``);
    }
  });
});
