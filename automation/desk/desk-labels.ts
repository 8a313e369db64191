import type { RuleCode } from "../domain/violation.ts";
import type { Language } from "../intake/intake-messages.ts";

/**
 * What the desk calls each field of a dossier, in both languages, and the
 * hint under it that says which step of the procedure it serves. Keyed by the
 * field's path in the frontmatter (`judgement.verdict`, `staff_involved.summary`);
 * a test checks there is one entry for every field of the dossier schema.
 */
export type Words = Record<Language, string>;
export interface FieldWords {
  label: Words;
  hint?: Words;
}

const w = (nl: string, en: string): Words => ({ nl, en });
const f = (label: Words, hint?: Words): FieldWords => (hint ? { label, hint } : { label });

export const FIELD_WORDS: Record<string, FieldWords> = {
  id: f(w("Zaaknummer", "Case number")),
  schema: f(w("Formaatversie", "Format version")),
  received_at: f(w("Ontvangen op", "Received at")),
  channel: f(w("Binnengekomen via", "Came in by")),
  language: f(w("Taal van de brieven", "Language of the letters")),
  status: f(
    w("Status", "Status"),
    w(
      "Stap 1, zaak oppakken: zet In behandeling. Informatie gevraagd: Wacht op informatie. Wederhoor loopt: Wederhoor. Oordeel genomen: Beoordeeld. Afronden: Gesloten (met Gesloten op). Ingetrokken: Ingetrokken (met Gesloten op).",
      "Step 1, take the case: set In progress. Information asked: Awaiting information. Staff asked: Hearing. Position taken: Judged. Finish: Closed (with Closed at). Withdrawn by the complainant: Withdrawn (with Closed at).",
    ),
  ),
  summary: f(w("Korte omschrijving (in de brieven)", "Short description (used in letters)")),
  category: f(w("Categorie", "Category")),
  complainant: f(w("Klager", "Complainant")),
  "complainant.name": f(w("Naam", "Name")),
  "complainant.email": f(w("E-mailadres", "E-mail address")),
  "complainant.phone": f(w("Telefoon", "Telephone")),
  "complainant.organisation": f(w("Organisatie", "Organisation")),
  "complainant.prefers_meeting": f(w("Wil liever een gesprek", "Prefers a conversation")),
  handler: f(w("Behandelaar", "Handler")),
  "handler.name": f(w("Naam", "Name")),
  "handler.email": f(w("E-mailadres", "E-mail address")),
  "handler.github": f(w("GitHub-gebruikersnaam", "GitHub user name")),
  terms: f(w("Termijnen (vast)", "Terms (fixed)")),
  "terms.information_due": f(
    w("Ontbrekende informatie melden vóór", "Missing information reported by"),
  ),
  "terms.judgement_due": f(w("Oordeel vóór", "Position by")),
  "terms.resolution_due": f(w("Afgehandeld vóór", "Handled by")),
  thread: f(w("E-mailgesprek", "E-mail thread")),
  erasure: f(w("Persoonsgegevens gewist (door Docket)", "Personal data erased (by Docket)")),
  "erasure.at": f(w("Gewist op", "Erased at")),
  "erasure.rule": f(w("Waarom", "Why")),
  "erasure.digest": f(w("Controlegetal voor de audit", "Check digest for the audit")),
  information: f(
    w(
      "Stap 2 en 3: informatie vragen en vastleggen",
      "Steps 2 and 3: ask for information, record it",
    ),
    w(
      "Ontbreekt er iets? Kies Nee, schrijf wat ontbreekt en zet de status op Wacht op informatie: opslaan stuurt het verzoek. Is het binnen? Kies Ja, vul Ontvangen op in en zet de status terug op In behandeling.",
      "Something missing? Choose No, write what is missing and set the status to Awaiting information: saving sends the request. Has it come in? Choose Yes, fill in Received at and set the status back to In progress.",
    ),
  ),
  "information.complete": f(w("Informatie compleet?", "Information complete?")),
  "information.request": f(
    w("Wat ontbreekt (komt in de brief)", "What is missing (goes into the letter)"),
  ),
  "information.requested_at": f(
    w("Verzoek verstuurd op (door Docket)", "Request sent at (by Docket)"),
  ),
  "information.received_at": f(w("Informatie ontvangen op", "Information received at")),
  liability: f(
    w("Stap 4: aansprakelijkheid en de verzekeraar", "Step 4: liability and the insurer"),
    w(
      "Kan dit tot een aansprakelijkstelling leiden? Zet Mogelijk aan en schrijf waarom: opslaan meldt het de verzekeraar. Tot Verzekeraar geraadpleegd op is ingevuld, geen wederhoor, oordeel of sluiting.",
      "Could this lead to a liability claim? Turn on Possible and write why: saving notifies the insurer. Until Insurer consulted at is filled in: no hearing, judgement or closing.",
    ),
  ),
  "liability.possible": f(w("Aansprakelijkheid mogelijk", "Liability possible")),
  "liability.reason": f(w("Waarom (komt in de melding)", "Why (goes into the notice)")),
  "liability.insurer_informed_at": f(
    w("Verzekeraar gemeld op (door Docket)", "Insurer told at (by Docket)"),
  ),
  "liability.insurer_consulted_at": f(w("Verzekeraar geraadpleegd op", "Insurer consulted at")),
  staff_involved: f(
    w("Stap 5: wederhoor van medewerkers", "Step 5: hear the staff involved"),
    w(
      "Voeg een medewerker toe en zet de status op Wederhoor: opslaan stuurt het verzoek om een reactie. Schrijf hun reactie samen vóór het oordeel.",
      "Add a staff member and set the status to Hearing: saving sends the request for comment. Summarise their comment before the judgement.",
    ),
  ),
  "staff_involved.name": f(w("Naam", "Name")),
  "staff_involved.email": f(w("E-mailadres", "E-mail address")),
  "staff_involved.informed_at": f(
    w("Verzoek verstuurd op (door Docket)", "Request sent at (by Docket)"),
  ),
  "staff_involved.responded_at": f(w("Reactie ontvangen op", "Comment received at")),
  "staff_involved.summary": f(w("Samenvatting van de reactie", "Summary of the comment")),
  delay: f(
    w("Stap 6: uitstel", "Step 6: delay"),
    w(
      "Lukt het oordeel niet binnen de termijn? Schrijf de reden en de nieuwe datum: opslaan stuurt de klager een uitstelbericht.",
      "Can the position not be taken in time? Write the reason and the new date: saving sends the complainant a delay notice.",
    ),
  ),
  "delay.reason": f(w("Reden", "Reason")),
  "delay.new_date": f(w("Nieuwe datum", "New date")),
  judgement: f(
    w(
      "Stap 7: oordeel, schriftelijk of in een gesprek",
      "Step 7: judgement, written or in a meeting",
    ),
    w(
      "Kies de vorm. Schriftelijk: vul alles in en zet de status op Beoordeeld: opslaan stuurt het oordeel. Gesprek: zet de status op Beoordeeld: opslaan stuurt het voorstel voor een gesprek.",
      "Choose the form. Written: fill in everything and set the status to Judged: saving sends the judgement. Meeting: set the status to Judged: saving sends the proposal for a conversation.",
    ),
  ),
  "judgement.form": f(w("Vorm", "Form")),
  "judgement.date": f(w("Datum van het oordeel", "Date of the judgement")),
  "judgement.findings": f(w("Uitkomst van het onderzoek", "Results of the investigation")),
  "judgement.verdict": f(w("Oordeel", "Verdict")),
  "judgement.reasoning": f(w("Motivering", "Reasoning")),
  "judgement.follow_up": f(w("Vervolg richting de klager", "Follow-up towards the complainant")),
  "judgement.further_contact": f(w("Verder contact over het oordeel", "Further contact about it")),
  closed_at: f(
    w("Stap 8: gesloten of ingetrokken op", "Step 8: closed or withdrawn at"),
    w(
      "Sluiten: zet de status op Gesloten en vul deze tijd in. Ingetrokken: status Ingetrokken en deze tijd; opslaan bevestigt de intrekking.",
      "Close: set the status to Closed and fill in this time. Withdrawn: status Withdrawn and this time; saving confirms the withdrawal.",
    ),
  ),
  page_link: f(
    w("Persoonlijke link van de klager", "The complainant's personal link"),
    w(
      "Is de link in verkeerde handen gekomen? Verhoog het volgnummer met één: alle eerdere links werken niet meer en de volgende brief bevat de nieuwe. Ingetrokken: geen link opent de pagina meer.",
      "Has the link reached the wrong person? Raise the number by one: every earlier link stops working and the next letter carries the new one. Revoked: no link opens the page any more.",
    ),
  ),
  "page_link.generation": f(w("Volgnummer van de link", "Link number")),
  "page_link.revoked": f(w("Ingetrokken", "Revoked")),
};

/** The list's default order (desk-only, see `ORDER_FIELD` in desk-config.ts). */
export const ORDER_WORDS: Words = w(
  "Open zaken eerst, op termijn",
  "Open cases first, by due date",
);

/**
 * Each rule a step can break, as a handler reads it on the desk: the Dutch desk shows these words
 * with the field's label, the exact message of the check (English, the words of a refused push)
 * under them for detail. One entry per rule code; a test checks there is one for every rule.
 */
export const RULE_WORDS: Record<RuleCode, Words> = {
  syntax: w(
    "Dit is geen dossier meer: bovenaan staan de gegevens tussen twee regels ---, daaronder de tekst.",
    "This is no longer a dossier: the data at the top between two --- lines, the text below.",
  ),
  schema: w(
    "Dit veld heeft niet de vorm die een dossier vraagt.",
    "This field does not have the form a dossier asks for.",
  ),
  yaml_text: w(
    "Deze tekst zou ingekort of anders gelezen worden; zet hem tussen aanhalingstekens.",
    "This text would be read cut short or otherwise; put it in quotes.",
  ),
  path: w(
    "Een dossier staat in dossiers/<jaar>/<zaaknummer>/dossier.md.",
    "A dossier lives at dossiers/<year>/<case number>/dossier.md.",
  ),
  id: w(
    "Het zaaknummer is <voorvoegsel>-<jaar>-<volgnummer>, van het jaar van ontvangst.",
    "The case number is <prefix>-<year>-<number>, of the year of receipt.",
  ),
  category: w(
    "Kies een van de ingestelde categorieën.",
    "Choose one of the configured categories.",
  ),
  complaint_text: w(
    "De woorden van de klager blijven ongewijzigd onder ## Klacht staan.",
    "The complainant's words stay unchanged under ## Klacht.",
  ),
  status_requires: w(
    "Deze status vraagt nog gegevens: vul in wat bij deze stap hoort.",
    "This status needs more: fill in what belongs to this step.",
  ),
  insurer_gate: w(
    "Aansprakelijkheid is mogelijk: raadpleeg eerst de verzekeraar. Tot dan geen wederhoor, oordeel of sluiting.",
    "Liability is possible: consult the insurer first. Until then no hearing, judgement or closing.",
  ),
  hearing_gate: w(
    "Elke betrokken medewerker heeft een samenvatting van de reactie vóór het oordeel, en blijft in het dossier zodra om een reactie is gevraagd.",
    "Every staff member involved has a summary of their comment before the judgement, and stays in the dossier once asked.",
  ),
  judgement_complete: w(
    "Een schriftelijk oordeel heeft alles wat de brief nodig heeft, met een datum niet later dan vandaag.",
    "A written judgement has everything the letter needs, dated no later than today.",
  ),
  delay: w(
    "Uitstel heeft een reden en een nieuwe datum ná de termijn voor het oordeel.",
    "A delay has a reason and a new date after the term for the judgement.",
  ),
  terms: w(
    "De termijnen horen bij het moment van ontvangst en veranderen niet.",
    "The terms belong to the time of receipt and do not change.",
  ),
  transition: w(
    "Deze statuswijziging kan niet: een open zaak gaat niet terug naar Ontvangen, na Beoordeeld volgt In behandeling of Gesloten, en Gesloten en Ingetrokken zijn definitief.",
    "This change of status is not possible: an open case never goes back to Received, Judged goes to In progress or Closed, and Closed and Withdrawn are final.",
  ),
  immutable: w(
    "Dit verandert nooit: zaaknummer, ontvangstmoment, kanaal, termijnen, de woorden van de klager en wanneer brieven verstuurd zijn.",
    "This never changes: case number, time of receipt, channel, terms, the complainant's words and when letters went out.",
  ),
  deleted: w(
    "Een dossier wordt nooit verwijderd of verplaatst.",
    "A dossier is never deleted or moved.",
  ),
  correspondence: w(
    "Alleen Docket voegt brieven en e-mails toe aan de correspondentie; daar verandert niets.",
    "Only Docket adds letters and mails to the correspondence; nothing there changes.",
  ),
  attachments: w(
    "Bijlagen worden nooit gewijzigd of verwijderd.",
    "Attachments are never changed or deleted.",
  ),
};

/** A broken rule as the desk API and the judge in the browser give it to the form. */
export interface ShownViolation {
  field: string;
  rule: string;
  message: string;
}

/**
 * A broken rule's text on the desk: on the Dutch desk the rule in the handler's words, on the English
 * one the check's own message (a code the desk does not know keeps the message).
 */
export function ruleText(v: ShownViolation, language: Language): string {
  if (language === "en") return v.message;
  return (RULE_WORDS as Record<string, Words | undefined>)[v.rule]?.nl ?? v.message;
}

/** The words of the choices of enumerated fields. */
export const CHOICE_WORDS: Record<string, Words> = {
  received: w("Ontvangen", "Received"),
  in_progress: w("In behandeling", "In progress"),
  awaiting_information: w("Wacht op informatie", "Awaiting information"),
  hearing: w("Wederhoor", "Hearing"),
  judged: w("Beoordeeld", "Judged"),
  closed: w("Gesloten", "Closed"),
  withdrawn: w("Ingetrokken", "Withdrawn"),
  web: w("Webformulier", "Web form"),
  email: w("E-mail", "E-mail"),
  phone: w("Telefoon", "Telephone"),
  letter: w("Brief", "Letter"),
  nl: w("Nederlands", "Dutch"),
  en: w("Engels", "English"),
  meeting: w("Gesprek", "Meeting"),
  written: w("Schriftelijk", "Written"),
  founded: w("Gegrond", "Founded"),
  partly_founded: w("Deels gegrond", "Partly founded"),
  unfounded: w("Ongegrond", "Unfounded"),
  true: w("Ja", "Yes"),
  false: w("Nee, er ontbreekt iets", "No, something is missing"),
  null: w("Nog niet beoordeeld", "Not yet assessed"),
};

/**
 * A field of a broken rule (`staff_involved[0].summary`) in the desk's words: the step's label, the
 * item's number in a list, the field's label, as "Step 5: hear the staff involved › 1 › Summary of the
 * comment". A field the desk has no words for keeps its path.
 */
export function fieldWords(field: string, language: Language): string {
  const parts = field.split(".").flatMap((part) => {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    return m
      ? [m[1] ?? "", ...[...(m[2] ?? "").matchAll(/\d+/g)].map((n) => Number(n[0]))]
      : [part];
  });
  const shown: string[] = [];
  const path: string[] = [];
  for (const part of parts) {
    if (typeof part === "number") {
      shown.push(String(part + 1));
      continue;
    }
    path.push(part);
    const words = FIELD_WORDS[path.join(".")];
    if (!words) return field;
    shown.push(words.label[language]);
  }
  return shown.join(" › ");
}
