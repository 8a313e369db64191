import { describe, expect, it } from "vitest";
import { ORDER_FIELD } from "../../automation/desk/desk-config.ts";
import { applyDeskEdit, deskEntry, SOURCE_FIELD } from "../../automation/desk/desk-edit.ts";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { dossierData, dossierText } from "../support/dossiers.ts";

/** What the desk's form holds for a dossier, with some fields changed as a handler changes them. */
function edited(text: string, change: (entry: Record<string, unknown>) => void): string {
  const entry = structuredClone(deskEntry(text));
  change(entry);
  return applyDeskEdit(text, entry);
}

const commented = dossierText().replace("status: received", "status: received # picked up Monday");

describe("the desk's edits of a dossier", () => {
  it("changes only the lines of the fields the handler changed, keeping comments and the rest byte for byte", () => {
    const after = edited(commented, (e) => (e.status = "in_progress"));
    const lines = (t: string) => t.split("\n");
    const changed = lines(after).filter((line, i) => line !== lines(commented)[i]);
    expect(changed).toEqual(["status: in_progress # picked up Monday"]);
  });

  it("writes nothing when nothing changed", () => {
    expect(edited(commented, () => undefined)).toBe(commented);
  });

  it("never takes a fixed field from the form, whatever it sends", () => {
    const after = edited(commented, (e) => {
      e.id = "KL-2026-0999";
      e.received_at = "2020-01-01T00:00:00+01:00";
      (e.terms as Record<string, string>).judgement_due = "2030-01-01";
    });
    expect(after).toBe(commented);
  });

  it("keeps the times Docket recorded when a letter went out, even from a form loaded before it", () => {
    const sent = dossierText({
      ...dossierData(),
      status: "awaiting_information",
      information: {
        complete: false,
        request: "De urenstaat",
        requested_at: "2026-11-25T10:00:00+01:00",
      },
    });
    const stale = structuredClone(deskEntry(sent));
    delete (stale.information as Record<string, unknown>).requested_at;
    (stale.information as Record<string, unknown>).complete = "true";
    const after = splitDossier(applyDeskEdit(sent, stale)).data as { information: object };
    expect(after.information).toEqual({
      complete: true,
      request: "De urenstaat",
      requested_at: "2026-11-25T10:00:00+01:00",
    });
  });

  it("reads the three answers of 'information complete' as words and writes them back as true, false and null", () => {
    for (const [shown, stored] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      const after = edited(commented, (e) => (e.information = { complete: shown }));
      expect((splitDossier(after).data as { information: object }).information).toEqual({
        complete: stored,
      });
    }
    const read = deskEntry(dossierText({ ...dossierData(), information: { complete: false } }));
    expect(read.information).toEqual({ complete: "false" });
  });

  it("leaves out what the form left empty, and removes a block the handler emptied", () => {
    const after = edited(commented, (e) => {
      e.delay = { reason: "", new_date: "" };
      e.staff_involved = [];
      e.judgement = { form: "written", findings: "" };
    });
    const data = splitDossier(after).data as Record<string, unknown>;
    expect(data.delay).toBeUndefined();
    expect(data.staff_involved).toBeUndefined();
    expect(data.judgement).toEqual({ form: "written" });
    const emptied = edited(after, (e) => (e.judgement = { form: "" }));
    expect((splitDossier(emptied).data as Record<string, unknown>).judgement).toBeUndefined();
  });

  it("quotes text a YAML reader would take for something else", () => {
    const after = edited(commented, (e) => (e.delay = { reason: "no", new_date: "2026-12-10" }));
    expect(after).toContain('reason: "no"');
  });

  it("keeps the body as the handler wrote it, and carries the text it was loaded from", () => {
    const entry = deskEntry(commented);
    expect(entry[SOURCE_FIELD]).toBe(commented);
    const notes = `${String(entry.body)}\nGebeld met de klant.\n`;
    expect(edited(commented, (e) => (e.body = notes)).endsWith(notes)).toBe(true);
  });

  it("orders the list by a value it computes: open cases first by the date their position is due", () => {
    const at = (number: number, fields: Partial<ReturnType<typeof dossierData>>) =>
      deskEntry(dossierText({ ...dossierData(number), ...fields }));
    const terms = (judgement_due: string) => ({ ...dossierData().terms, judgement_due });
    const cases = {
      closedEarly: at(1, { status: "closed", terms: terms("2026-01-10") }),
      withdrawn: at(2, { status: "withdrawn", terms: terms("2026-02-10") }),
      openLate: at(3, { status: "in_progress", terms: terms("2026-12-20") }),
      openSoon: at(4, { status: "hearing", terms: terms("2026-12-03") }),
      delayed: at(5, {
        status: "in_progress",
        terms: terms("2026-12-01"),
        delay: { reason: "Verlof", new_date: "2026-12-28" },
      }),
      judged: at(6, { status: "judged", terms: terms("2026-12-10") }),
    };
    const order = Object.entries(cases)
      .sort(([, a], [, b]) => (String(a[ORDER_FIELD]) < String(b[ORDER_FIELD]) ? -1 : 1))
      .map(([name]) => name);
    expect(order).toEqual([
      "openSoon",
      "judged",
      "openLate",
      "delayed",
      "closedEarly",
      "withdrawn",
    ]);
    expect(cases.delayed[ORDER_FIELD]).toBe("0 2026-12-28 KL-2026-0005");
  });

  it("never writes the list's order into the dossier, whatever the form holds", () => {
    const entry = deskEntry(commented);
    expect(applyDeskEdit(commented, entry)).toBe(commented);
    const after = applyDeskEdit(commented, {
      ...entry,
      [ORDER_FIELD]: "1 2030-01-01",
      status: "in_progress",
    });
    expect(after).not.toContain(ORDER_FIELD);
    expect(after).not.toContain("2030-01-01");
    expect((splitDossier(after).data as Record<string, unknown>).status).toBe("in_progress");
  });
});
