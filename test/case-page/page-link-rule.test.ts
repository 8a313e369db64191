import { describe, expect, it } from "vitest";
import { checkChange } from "../../automation/domain/check-change.ts";
import { CHANGE_CONTEXT, dossierText, pathOf, withFields } from "../support/dossiers.ts";

const now = new Date("2026-11-26T10:00:00Z");
const path = pathOf("KL-2026-0001");
const change = (before: string, after: string) =>
  checkChange({ kind: "modified", path, before, after }, CHANGE_CONTEXT, { now, by: "person" });

describe("page_link in a change", () => {
  const base = dossierText();
  it("may be raised or revoked by a handler", () => {
    expect(change(base, withFields(base, { page_link: { generation: 2 } }))).toEqual([]);
    expect(change(base, withFields(base, { page_link: { revoked: true } }))).toEqual([]);
  });

  it("never goes down, so a revoked link never works again", () => {
    const raised = withFields(base, { page_link: { generation: 3 } });
    const violations = change(raised, withFields(base, { page_link: { generation: 2 } }));
    expect(violations.map((v) => [v.field, v.rule])).toEqual([
      ["page_link.generation", "immutable"],
    ]);
    expect(violations[0]?.message).toContain("set 3 or more");
    expect(change(raised, base).map((v) => v.field)).toEqual(["page_link.generation"]);
  });
});
