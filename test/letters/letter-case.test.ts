import { describe, expect, it } from "vitest";
import { composeLetter } from "../../automation/letters/letters.ts";
import { expectPlainText } from "../support/parse-letter.ts";
import { configIn, fullDossier, OPTIONS, templates } from "./letter-fixtures.ts";

/** What a letter says of the case itself: the meeting wish, the words, the files, the dossier. */

const WORDS = "Op 12 oktober stond niemand klaar.\nIk heb twee uur gewacht.";
const CASE_FILE = { complaint: WORDS, attachments: ["01-factuur.pdf", "02-foto.jpg"] };

describe.each(["nl", "en"] as const)("in %s", (language) => {
  const nl = language === "nl";
  const config = configIn(language);
  const withMeeting = fullDossier(language);
  const without = fullDossier(language, {
    complainant: { ...withMeeting.complainant, prefers_meeting: false },
  });
  const meeting = nl ? "persoonlijk gesprek" : "personal conversation";

  it("the acknowledgement offers a personal conversation only to who asked for one", () => {
    const asked = composeLetter("acknowledgement", withMeeting, config, templates, OPTIONS);
    const notAsked = composeLetter("acknowledgement", without, config, templates, OPTIONS);
    expect(asked.text).toContain(meeting);
    expect(asked.html).toContain(meeting);
    expect(notAsked.text).not.toContain(meeting);
    expect(notAsked.html).not.toContain(meeting);
  });

  it("the acknowledgement confirms the attachments received, and is silent without", () => {
    const options = { ...OPTIONS, caseFile: CASE_FILE };
    const ack = composeLetter("acknowledgement", without, config, templates, options);
    const names = nl ? "01-factuur.pdf en 02-foto.jpg" : "01-factuur.pdf and 02-foto.jpg";
    expect(ack.text).toContain(`${nl ? "Bijlagen ontvangen" : "Attachments received"}: ${names}`);
    const none = composeLetter("acknowledgement", without, config, templates, {
      ...OPTIONS,
      caseFile: { complaint: WORDS, attachments: [] },
    });
    expect(none.text).not.toMatch(nl ? /Bijlagen/ : /Attachments/);
  });

  it("the hearing request gives the staff member the complaint in the complainant's words", () => {
    const letter = composeLetter("hearing_request", without, config, templates, {
      ...OPTIONS,
      caseFile: CASE_FILE,
    });
    expect(letter.text).toContain(WORDS);
    expect(letter.html).toContain(
      "Op 12 oktober stond niemand klaar.<br>\nIk heb twee uur gewacht.",
    );
    const bare = composeLetter("hearing_request", without, config, templates, OPTIONS);
    expect(bare.text).not.toContain(nl ? "woorden van de klager" : "complainant's words");
  });

  it("the new-case notice names the staff, the words, the attachments and where the dossier is", () => {
    const letter = composeLetter("new_case", withMeeting, config, templates, {
      ...OPTIONS,
      caseFile: CASE_FILE,
    });
    for (const part of [letter.text, letter.html]) {
      expect(part).toContain("Piet Smit, Fatima el Amrani");
      expect(part).toContain("Ik heb twee uur gewacht.");
      expect(part).toContain("02-foto.jpg");
      expect(part).toContain("dossiers/2026/KL-2026-0001/dossier.md");
    }
  });

  it("the text parts carry no Markdown marks and the HTML parts one h1 with links", () => {
    const letter = composeLetter("new_case", withMeeting, config, templates, {
      ...OPTIONS,
      caseFile: CASE_FILE,
    });
    expectPlainText(letter.text);
    expect(letter.text).toContain(`KL-2026-0001 (${OPTIONS.dossierUrl})`);
    expect(letter.html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(letter.html).toContain(`<a href="mailto:${withMeeting.complainant.email}">`);
  });
});
