import { describe, expect, it } from "vitest";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { composeLetter, LETTERS } from "../../automation/letters/letters.ts";
import type { LetterName } from "../../automation/letters/letters.ts";
import { escapeHtml } from "../../automation/letters/render-letter.ts";
import { configIn, fullDossier, OPTIONS, templates } from "./letter-fixtures.ts";

/**
 * Values typed by a complainant or a handler go into letters literally: never
 * Markdown, HTML, a link or a placeholder. Each field gets the same payload
 * behind its own marker, so each is found where its letter shows it.
 */
const payload = (marker: string) =>
  `${marker} <script>alert(1)</script> [x](javascript:alert(1)) **vet** {{handler.name}} & <b>`;

const FIELDS = {
  summary: payload("S1"),
  name: payload("N1"),
  request: payload("R1"),
  staff: payload("P1"),
  liability: payload("L1"),
  delay: payload("D1"),
  findings: `${payload("F1")}\n${payload("F2")}`,
  reasoning: payload("G1"),
  followUp: payload("U1"),
  furtherContact: payload("C1"),
};

function hostile(language: "nl" | "en"): Dossier {
  const base = fullDossier(language);
  return {
    ...base,
    summary: FIELDS.summary,
    complainant: { ...base.complainant, name: FIELDS.name },
    information: { complete: false, request: FIELDS.request },
    staff_involved: [{ name: FIELDS.staff, email: "piet.smit@example.nl" }],
    liability: { possible: true, reason: FIELDS.liability },
    delay: { reason: FIELDS.delay, new_date: "2026-12-08" },
    judgement: {
      ...base.judgement,
      form: "written",
      findings: FIELDS.findings,
      reasoning: FIELDS.reasoning,
      follow_up: FIELDS.followUp,
      further_contact: FIELDS.furtherContact,
    },
  };
}

/** What each letter shows of the fields above. */
const SHOWN: Record<LetterName, (keyof typeof FIELDS)[]> = {
  acknowledgement: ["summary", "name"],
  new_case: ["summary", "name"],
  information_request: ["summary", "name", "request"],
  hearing_request: ["summary", "staff"],
  insurer_notice: ["summary", "name", "liability"],
  delay_notice: ["summary", "name", "delay"],
  judgement: ["summary", "name", "findings", "reasoning", "followUp", "furtherContact"],
  meeting_proposal: ["summary", "name"],
  reminder: ["summary", "name"],
  withdrawal_confirmation: ["summary", "name"],
  withdrawal_notice: ["summary", "name"],
  mail_received: ["summary"],
  not_delivered: ["summary", "name"],
};

/** The complainant's words and a file name, as the dossier holds them: typed too. */
const CASE_FILE = { complaint: payload("W1"), attachments: [payload("A1")] };
const SHOWN_CASE: Partial<Record<LetterName, string[]>> = {
  acknowledgement: [payload("A1")],
  new_case: [payload("W1"), payload("A1")],
  hearing_request: [payload("W1")],
};

/** The only places a letter links to: our addresses, the dossier and the people's own addresses. */
function allowedLinks(language: "nl" | "en"): string[] {
  const config = configIn(language);
  const dossier = hostile(language);
  const people = [dossier.complainant, dossier.handler, ...(dossier.staff_involved ?? [])];
  return [
    ...people.map((p) => `mailto:${p.email}`),
    `mailto:${config.organisation.complaints_email}`,
    `mailto:${config.insurer.email}`,
    config.organisation.portal_url ?? "",
    config.organisation.website,
    OPTIONS.caseUrl ?? "",
    `tel:${(config.organisation.phone ?? "").replace(/[^+\d]/g, "")}`,
    `tel:${(dossier.complainant.phone ?? "").replace(/[^+\d]/g, "")}`,
    OPTIONS.dossierUrl ?? "",
  ];
}

const CASES = (["nl", "en"] as const).flatMap((language) =>
  (Object.keys(LETTERS) as LetterName[]).map((name) => [name, language] as const),
);

describe("typed values in letters", () => {
  it("cover every letter", () => {
    expect(Object.keys(SHOWN).sort()).toEqual(Object.keys(LETTERS).sort());
  });

  it.each(CASES)("are inert in the HTML of %s (%s)", (name, language) => {
    const { html } = composeLetter(name, hostile(language), configIn(language), templates, {
      ...OPTIONS,
      caseFile: CASE_FILE,
    });
    expect(html).not.toMatch(/<script|<b>|<strong>vet/);
    expect(html).not.toMatch(/href="javascript/i);
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    expect(links.length).toBe((html.match(/<a /g) ?? []).length);
    for (const link of links) expect(allowedLinks(language)).toContain(link);
    for (const field of SHOWN[name]) {
      for (const line of FIELDS[field].split("\n")) expect(html).toContain(escapeHtml(line));
    }
    for (const value of SHOWN_CASE[name] ?? []) expect(html).toContain(escapeHtml(value));
    expect(html).toContain("[x](javascript:alert(1)) **vet** {{handler.name}} &amp; &lt;b&gt;");
  });

  it.each(CASES)("are verbatim in the text of %s (%s)", (name, language) => {
    const { text } = composeLetter(name, hostile(language), configIn(language), templates, {
      ...OPTIONS,
      caseFile: CASE_FILE,
    });
    for (const field of SHOWN[name]) expect(text).toContain(FIELDS[field]);
    for (const value of SHOWN_CASE[name] ?? []) expect(text).toContain(value);
    // The placeholder in a value is never expanded into the handler's name.
    expect(text).not.toContain("**vet** Sanne de Vries");
  });

  it("keep their line breaks: <br> in HTML, new lines in text", () => {
    const { text, html } = composeLetter(
      "judgement",
      hostile("nl"),
      configIn("nl"),
      templates,
      OPTIONS,
    );
    expect(text).toContain(`${payload("F1")}\n${payload("F2")}`);
    expect(html).toContain(`${escapeHtml(payload("F1"))}<br>\n${escapeHtml(payload("F2"))}`);
  });

  it("never become a header: the subject is one line", () => {
    const dossier = { ...hostile("nl"), summary: "Factuur\r\nBcc: x@example.nl" };
    const { subject } = composeLetter("new_case", dossier, configIn("nl"), templates, OPTIONS);
    expect(subject).toBe("Nieuwe klacht KL-2026-0001: Factuur Bcc: x@example.nl");
  });
});
