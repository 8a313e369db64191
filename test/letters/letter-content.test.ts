import { describe, expect, it } from "vitest";
import type { LetterLanguage } from "../../automation/letters/letter-view.ts";
import { composeLetter, LETTERS } from "../../automation/letters/letters.ts";
import type { LetterName } from "../../automation/letters/letters.ts";
import {
  configIn,
  DATES,
  caseUrl,
  dossierUrl,
  fullDossier,
  OPTIONS,
  templates,
  VALUES,
} from "./letter-fixtures.ts";

/**
 * What each letter must contain (letters/README.md, docs/procedure.md), checked literally in the text and
 * the HTML part, in both languages. Letters to staff, the insurer and the
 * handler are in the organisation's first language, so the config's first
 * language is the dossier's here.
 */

const ID = "KL-2026-0001";
const SUMMARY = "Factuur bevat uren die niet gewerkt zijn";
const HANDLER = "Sanne de Vries";
const HANDLER_EMAIL = "sanne.devries@example.nl";

type Items = Record<LetterName, [item: string, value: string][]>;

function required(language: LetterLanguage): Items {
  const d = DATES[language];
  const nl = language === "nl";
  return {
    acknowledgement: [
      ["the date received", d.received],
      ["the short description", SUMMARY],
      ["the term for further contact", d.judgement],
      ["the term for missing information", d.information],
      ["the aim to handle it within 1 month", d.month],
      ["the date it should be handled by", d.resolution],
      ["the handler's name", HANDLER],
      ["how to reach us", "klachten@interforce.eu"],
      ["the reference id", ID],
      ["the phone number, when configured", "+31 20 123 4567"],
      ["the portal", "https://mijn.interforce.eu"],
      ["the complainant's own page", caseUrl],
    ],
    new_case: [
      ["the id", ID],
      ["the summary", SUMMARY],
      ["the information term", d.information],
      ["the judgement term", d.judgement],
      ["the resolution term", d.resolution],
      ["the link", dossierUrl],
    ],
    information_request: [
      ["what is missing", VALUES.request],
      ["the id", ID],
      ["how to send it", nl ? "Beantwoord deze e-mail" : "reply to this e-mail"],
      [
        "that we can assess it then",
        nl
          ? "Zodra we de informatie hebben, kunnen we je klacht beoordelen"
          : "As soon as we have it, we can assess your complaint",
      ],
    ],
    hearing_request: [
      ["the complaint summary", SUMMARY],
      ["the request for comment", nl ? "vragen we je om je commentaar" : "asking for your comment"],
      ["by when", d.respondBy],
      ["the id", ID],
      ["the handler's name", HANDLER],
      ["the handler's e-mail", HANDLER_EMAIL],
    ],
    insurer_notice: [
      ["the id", ID],
      ["the summary", SUMMARY],
      ["why liability is possible", VALUES.reason],
      ["the handler's name", HANDLER],
      ["the handler's e-mail", HANDLER_EMAIL],
      ["the date received", d.received],
      ["the policy number", "BA-000000"],
      ["the insurer", "Voorbeeld Beroepsaansprakelijkheid N.V."],
    ],
    delay_notice: [
      ["the term that is not met", d.week],
      ["the date it was due", d.judgement],
      ["the new date", d.newDate],
      ["the reason", VALUES.delayReason],
      ["the id", ID],
    ],
    judgement: [
      ["the date received", d.received],
      ["the short description", SUMMARY],
      ["the results of the investigation", VALUES.findings],
      ["the judgement", nl ? "deels gegrond" : "partly founded"],
      ["the reasoning", VALUES.reasoning],
      ["the follow-up", VALUES.followUp],
      ["the possibility of further contact", VALUES.furtherContact],
      ["the id", ID],
    ],
    meeting_proposal: [
      [
        "the proposal",
        nl ? "stelt een persoonlijk gesprek voor" : "proposes a personal conversation",
      ],
      ["the proposed date", d.judged],
      ["the handler's name", HANDLER],
      ["how to accept", nl ? "Beantwoord dan deze e-mail" : "reply to this e-mail"],
      ["how to propose another moment", nl ? "een ander moment voor" : "suggest another moment"],
      ["the id", ID],
    ],
    reminder: [
      ["the term", nl ? "gemotiveerd standpunt" : "reasoned position"],
      ["the term's date", d.judgement],
      ["the id", ID],
      ["the summary", SUMMARY],
      ["the link", dossierUrl],
      ["what to do", nl ? "zet de status op ‘judged’" : "set the status to ‘judged’"],
    ],
    withdrawal_confirmation: [
      [
        "that it is withdrawn",
        nl ? "je klacht is ingetrokken" : "your complaint has been withdrawn",
      ],
      [
        "how to reopen by a new complaint",
        nl ? "dien dan een nieuwe klacht in" : "file a new complaint",
      ],
      ["the id", ID],
      ["the summary", SUMMARY],
      ["the complainant's own page", caseUrl],
    ],
    withdrawal_notice: [
      ["the id", ID],
      ["the summary", SUMMARY],
      ["the complainant", "eva.jansen@example.nl"],
      ["the link", dossierUrl],
    ],
    mail_received: [
      ["who wrote", "eva.jansen@example.nl"],
      ["who that is", nl ? "de klager" : "the complainant"],
      ["the first lines", "Hierbij het factuurnummer: 2026-10-0457."],
      ["where the whole mail is", "correspondence/0004-received-reply-0123456789abcdef.eml"],
      ["the attachments", "03-urenstaat.pdf"],
      ["the id", ID],
      ["the link", dossierUrl],
    ],
    not_delivered: [
      ["which letter", nl ? "de ontvangstbevestiging" : "the acknowledgement"],
      ["to whom", "eva.jansen@example.nl"],
      ["why", "550 5.1.1 mailbox unavailable"],
      ["what to do", nl ? "Neem vandaag contact op" : "Contact them today"],
      ["the id", ID],
      ["the link", dossierUrl],
    ],
  };
}

const CASES = (["nl", "en"] as const).flatMap((language) =>
  Object.entries(required(language)).flatMap(([letter, items]) =>
    items.map(([item, value]) => [letter as LetterName, language, item, value] as const),
  ),
);

/** A Markdown code span reads ‘judged’ in the text part and is <code>judged</code> in the HTML. */
const inHtml = (value: string) => value.replace(/‘([^’]+)’/g, "<code>$1</code>");

describe("the letters of the procedure", () => {
  it("cover every letter", () => {
    expect(Object.keys(required("nl")).sort()).toEqual(Object.keys(LETTERS).sort());
  });

  it.each(CASES)(
    "%s in %s contains %s in the text and the HTML part",
    (letter, language, _, value) => {
      const message = composeLetter(
        letter,
        fullDossier(language),
        configIn(language),
        templates,
        OPTIONS,
      );
      expect(message.text).toContain(value);
      expect(message.html).toContain(inHtml(value));
      expect(message.html).toContain(`<html lang="${language}">`);
      expect(message.subject).toContain("KL-2026-0001");
    },
  );
});

describe.each(["nl", "en"] as const)("the reminder in %s", (language) => {
  const nl = language === "nl";
  const d = DATES[language];
  it.each([
    [
      "information",
      nl ? "ontbrekende informatie melden" : "report missing information",
      d.information,
      "information.complete: false",
      "5 ",
    ],
    [
      "judgement",
      nl ? "gemotiveerd standpunt" : "reasoned position",
      d.judgement,
      "‘delay’",
      "1 week",
    ],
    [
      "resolution",
      nl ? "klacht afgehandeld" : "complaint resolved",
      d.resolution,
      "‘closed’",
      nl ? "1 maand" : "1 month",
    ],
  ] as const)(
    "about the %s term names it, its date, its length and what to do",
    (term, name, date, todo, length) => {
      const message = composeLetter(
        "reminder",
        fullDossier(language),
        configIn(language),
        templates,
        {
          ...OPTIONS,
          now: new Date("2026-11-25T08:00:00Z"),
          term,
        },
      );
      for (const part of [message.text, message.html]) {
        expect(part).toContain(name);
        expect(part).toContain(date);
        expect(part).toContain(length);
      }
      expect(message.subject).toContain(name);
      expect(message.text).toContain(todo);
      const others = ["information.complete: false", "‘delay’", "‘closed’"].filter(
        (t) => t !== todo,
      );
      for (const other of others) expect(message.text).not.toContain(other);
    },
  );
});

describe("the complainant's personal link", () => {
  const CASES_BY_LETTER = (["nl", "en"] as const).flatMap((language) =>
    (Object.keys(LETTERS) as LetterName[]).map((name) => [name, language] as const),
  );
  it.each(CASES_BY_LETTER)(
    "%s in %s carries it exactly when it goes to the complainant",
    (letter, language) => {
      const message = composeLetter(
        letter,
        fullDossier(language),
        configIn(language),
        templates,
        OPTIONS,
      );
      const toComplainant = LETTERS[letter].audience === "complainant";
      for (const part of [message.text, message.html]) {
        expect(part.includes(caseUrl), `${letter}: the link in a letter`).toBe(toComplainant);
      }
      if (toComplainant) expect(message.html).toContain(`href="${caseUrl}"`);
      // A handler who adds the link to a letter to someone else gets nothing to leak.
      const edited = {
        ...templates,
        [`${letter}.${language}`]: `${templates[`${letter}.${language}`]}\n\n{{ dossier.page_url }}\n`,
      };
      const withField = composeLetter(
        letter,
        fullDossier(language),
        configIn(language),
        edited,
        OPTIONS,
      );
      expect(withField.text.includes(caseUrl)).toBe(toComplainant);
    },
  );
});
