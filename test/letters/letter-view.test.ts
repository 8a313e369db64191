import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLED_CONFIG, parseConfig } from "../../automation/config/read-config.ts";
import {
  formatDate,
  formatTerm,
  formatTermName,
  formatVerdict,
  letterView,
} from "../../automation/letters/letter-view.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { dossierData, WRITTEN_JUDGEMENT } from "../support/dossiers.ts";

const config = parseConfig(readFileSync(BUNDLED_CONFIG, "utf8"));

describe("formatDate", () => {
  it.each([
    ["2026-11-24", "nl", "dinsdag 24 november 2026"],
    ["2026-11-24", "en", "Tuesday 24 November 2026"],
    ["2027-01-01", "nl", "vrijdag 1 januari 2027"],
    ["2027-01-01", "en", "Friday 1 January 2027"],
    ["2028-02-29", "nl", "dinsdag 29 februari 2028"],
  ] as const)("%s in %s is %s", (iso, language, text) => {
    expect(formatDate(iso, language)).toBe(text);
  });
});

describe("formatTerm", () => {
  it.each([
    [{ count: 5, unit: "working_day" }, "nl", "5 werkdagen"],
    [{ count: 1, unit: "working_day" }, "en", "1 working day"],
    [{ count: 1, unit: "week" }, "nl", "1 week"],
    [{ count: 2, unit: "week" }, "nl", "2 weken"],
    [{ count: 1, unit: "month" }, "nl", "1 maand"],
    [{ count: 3, unit: "month" }, "en", "3 months"],
  ] as const)("%o in %s is %s", (spec, language, text) => {
    expect(formatTerm(spec, language)).toBe(text);
  });
});

describe("letterView", () => {
  it("gives the dossier's values, dates in its language and the organisation's contact details", () => {
    const view = letterView(dossierData(), config, { dossierUrl: "https://example.nl/d" });
    expect(view).toEqual({
      language: "nl",
      dossier: {
        id: "KL-2026-0001",
        summary: "Factuur bevat uren die niet gewerkt zijn",
        category: "Factuur",
        received_date: "dinsdag 24 november 2026",
        received_at: "2026-11-24T09:13:05+01:00",
        url: "https://example.nl/d",
        page_url: "",
        path: "dossiers/2026/KL-2026-0001/dossier.md",
      },
      complaint: { text: "" },
      attachments: { names: "", count: "" },
      complainant: {
        name: "Eva Jansen",
        email: "eva.jansen@example.nl",
        phone: "",
        organisation: "",
        prefers_meeting: "",
      },
      handler: { name: "Sanne de Vries", email: "sanne.devries@example.nl" },
      terms: {
        information_due: "dinsdag 1 december 2026",
        judgement_due: "dinsdag 1 december 2026",
        resolution_due: "donderdag 24 december 2026",
      },
      policy: { information: "5 werkdagen", judgement: "1 week", resolution: "1 maand" },
      organisation: {
        name: "Interforce",
        website: "https://www.interforce.eu",
        complaints_email: "klachten@interforce.eu",
        portal_url: "https://mijn.interforce.eu",
        phone: "",
        address: "",
        reply_to: "klachten@interforce.eu",
      },
      insurer: {
        name: "Voorbeeld Beroepsaansprakelijkheid N.V.",
        email: "schade@example.nl",
        policy_number: "BA-000000",
      },
      information: { request: "" },
      liability: { reason: "" },
      delay: { reason: "", new_date: "donderdag 24 december 2026", standard_reason: "yes" },
      judgement: {
        date: "",
        findings: "",
        verdict: "",
        reasoning: "",
        follow_up: "",
        further_contact: "",
      },
      staff: { name: "", email: "", all: "" },
      respond_by: "",
      term: {
        name: "",
        date: "",
        length: "",
        overdue: "",
        information: "",
        judgement: "",
        resolution: "",
      },
      mail: {
        from: "",
        sender: "",
        untrusted: "",
        forged: "",
        subject: "",
        excerpt: "",
        file: "",
        attachments: "",
      },
      delivery: { letter: "", to: "", reason: "", file: "", complainant: "", other: "" },
    });
  });

  it("uses the receipt date in the organisation's time zone, and another language on request", () => {
    const late = { ...dossierData(), received_at: "2026-11-24T23:30:00Z" };
    expect(letterView(late, config).dossier).toMatchObject({
      received_date: "woensdag 25 november 2026",
    });
    const view = letterView(late, config, { language: "en" });
    expect(view.language).toBe("en");
    expect(view.dossier).toMatchObject({
      received_date: "Wednesday 25 November 2026",
      category: "Invoice",
    });
    expect(view.policy).toEqual({
      information: "5 working days",
      judgement: "1 week",
      resolution: "1 month",
    });
  });
});

describe("formatVerdict", () => {
  it.each([
    ["founded", "nl", "gegrond"],
    ["partly_founded", "nl", "deels gegrond"],
    ["unfounded", "nl", "ongegrond"],
    ["founded", "en", "founded"],
    ["partly_founded", "en", "partly founded"],
    ["unfounded", "en", "unfounded"],
  ] as const)("%s in %s is %s", (verdict, language, text) => {
    expect(formatVerdict(verdict, language)).toBe(text);
  });
});

describe("formatTermName", () => {
  it.each([
    ["information", "nl", "ontbrekende informatie melden"],
    ["judgement", "nl", "gemotiveerd standpunt"],
    ["resolution", "nl", "klacht afgehandeld"],
    ["information", "en", "report missing information"],
    ["judgement", "en", "reasoned position"],
    ["resolution", "en", "complaint resolved"],
  ] as const)("%s in %s is %s", (term, language, text) => {
    expect(formatTermName(term, language)).toBe(text);
  });
});

describe("letterView with the case file", () => {
  it("gives the complainant's words and the attachments in the letter's language", () => {
    const caseFile = {
      complaint: "Wat er gebeurde",
      attachments: ["01-a.pdf", "02-b.png", "03-c.txt"],
    };
    const nl = letterView(dossierData(), config, { caseFile });
    expect(nl.complaint).toEqual({ text: "Wat er gebeurde" });
    expect(nl.attachments).toEqual({ names: "01-a.pdf, 02-b.png en 03-c.txt", count: "3" });
    const en = letterView(dossierData(), config, { caseFile, language: "en" });
    expect(en.attachments).toEqual({ names: "01-a.pdf, 02-b.png and 03-c.txt", count: "3" });
  });
});

describe("letterView for the later letters", () => {
  const full = {
    ...dossierData(),
    information: { complete: false, request: "De urenstaat" },
    staff_involved: [
      { name: "Piet Smit", email: "piet@example.nl" },
      { name: "Ans Bos", email: "ans@example.nl" },
    ],
    liability: { possible: true, reason: "Schade" },
    delay: { reason: "Drukte", new_date: "2026-12-08" },
    judgement: { ...WRITTEN_JUDGEMENT, form: "written", verdict: "unfounded" },
  } as Dossier;

  it("gives the case's blocks, dates and verdict in the letter's language", () => {
    const view = letterView(full, config, { language: "en" });
    expect(view).toMatchObject({
      information: { request: "De urenstaat" },
      liability: { reason: "Schade" },
      delay: { reason: "Drukte", new_date: "Tuesday 8 December 2026", standard_reason: "" },
      judgement: {
        date: "Monday 30 November 2026",
        findings: WRITTEN_JUDGEMENT.findings,
        verdict: "unfounded",
        reasoning: WRITTEN_JUDGEMENT.reasoning,
        follow_up: WRITTEN_JUDGEMENT.follow_up,
        further_contact: WRITTEN_JUDGEMENT.further_contact,
      },
    });
  });

  it("gives the staff member, the reply date and the term a letter is about", () => {
    const view = letterView(full, config, {
      staff: 1,
      respondBy: "2026-12-04",
      term: "information",
      now: new Date("2026-12-01T23:30:00Z"),
    });
    expect(view.staff).toEqual({
      name: "Ans Bos",
      email: "ans@example.nl",
      all: "Piet Smit, Ans Bos",
    });
    expect(view.respond_by).toBe("vrijdag 4 december 2026");
    expect(view.term).toEqual({
      name: "ontbrekende informatie melden",
      date: "dinsdag 1 december 2026",
      length: "5 werkdagen",
      overdue: "yes",
      information: "yes",
      judgement: "",
      resolution: "",
    });
  });
});
