import type { Status } from "../domain/dossier-schema.ts";
import type { PageLanguage } from "./case-link.ts";
import type { TermOutcome, TermView } from "./case-view.ts";

/**
 * The words of the complainant's page, in Dutch and English: plain words,
 * no procedure jargon. `{name}` marks are filled in by the page.
 */

interface StatusWords {
  /** The status in two or three words. */
  label: string;
  /** Where the case stands. */
  now: string;
  /** What happens next. */
  next: string;
}

export interface PageWords {
  title: string;
  switchLabel: string;
  summary: string;
  received: string;
  handler: string;
  whereTitle: string;
  status: Record<Status, StatusWords>;
  meetingNow: string;
  termsTitle: string;
  termsCaption: string;
  termHeads: [string, string, string];
  termNames: Record<TermView["kind"], string>;
  outcomes: Record<TermOutcome, string>;
  movedTo: string;
  metOn: string;
  lettersTitle: string;
  noLetters: string;
  sentOn: string;
  addTitle: string;
  addIntro: string;
  addText: string;
  addTextHint: string;
  addFiles: string;
  addFilesHint: string;
  addSubmit: string;
  added: string;
  withdrawTitle: string;
  withdrawIntro: string;
  withdrawLink: string;
  confirmTitle: string;
  confirmText: string;
  confirmSubmit: string;
  confirmCancel: string;
  withdrawn: string;
  errorTitle: string;
  notFoundTitle: string;
  notFoundText: string;
  rateTitle: string;
  rateText: string;
  unavailableTitle: string;
  unavailableText: string;
  otherwise: string;
}

export const PAGE_WORDS: Record<PageLanguage, PageWords> = {
  nl: {
    title: "Je klacht {id}",
    switchLabel: "This page in English",
    summary: "Korte omschrijving",
    received: "Ontvangen op",
    handler: "Behandelaar",
    whereTitle: "Waar je klacht staat",
    status: {
      received: {
        label: "Ontvangen",
        now: "We hebben je klacht ontvangen. {handler} gaat ermee aan de slag.",
        next: "Uiterlijk {judgement} krijg je onze gemotiveerde reactie. Hebben we meer informatie nodig, dan laten we je dat uiterlijk {information} weten.",
      },
      in_progress: {
        label: "In behandeling",
        now: "{handler} onderzoekt je klacht.",
        next: "Uiterlijk {judgement} krijg je onze gemotiveerde reactie.",
      },
      awaiting_information: {
        label: "We wachten op informatie van je",
        now: "We hebben je gevraagd om meer informatie, zodat we je klacht goed kunnen beoordelen: {request}",
        next: "Stuur ons die informatie hieronder of beantwoord onze e-mail. Daarna beoordelen we je klacht.",
      },
      hearing: {
        label: "We horen de betrokken medewerkers",
        now: "We vragen de medewerkers om wie het gaat om hun kant van het verhaal.",
        next: "Daarna beoordelen we je klacht. Uiterlijk {judgement} krijg je onze gemotiveerde reactie.",
      },
      judged: {
        label: "Beoordeeld",
        now: "We hebben je klacht beoordeeld. Ons oordeel staat in de brief hieronder.",
        next: "Wil je verder praten over ons standpunt? Neem contact op met {handler}. We streven ernaar je klacht uiterlijk {resolution} af te handelen.",
      },
      closed: {
        label: "Afgehandeld",
        now: "Je klacht is afgehandeld.",
        next: "Ben je het er niet mee eens of heb je een nieuwe klacht? Dien dan een nieuwe klacht in.",
      },
      withdrawn: {
        label: "Ingetrokken",
        now: "Je klacht is ingetrokken. We behandelen hem niet verder.",
        next: "Wil je er toch op terugkomen? Dien dan een nieuwe klacht in en noem je dossiernummer {id}.",
      },
    },
    meetingNow: "We hebben je een persoonlijk gesprek voorgesteld over ons oordeel.",
    termsTitle: "Onze termijnen",
    termsCaption: "Wat we je beloofden en of we het hebben gehaald",
    termHeads: ["Wat", "Uiterlijk", "Gehaald?"],
    termNames: {
      information: "Laten weten of we meer informatie nodig hebben",
      judgement: "Onze gemotiveerde reactie",
      resolution: "Je klacht afgehandeld",
    },
    outcomes: {
      kept: "Ja",
      late: "Later dan beloofd",
      missed: "Nee, de datum is verstreken",
      open: "Loopt nog",
      not_needed: "Er was geen informatie nodig",
      lapsed: "Vervallen: je klacht is ingetrokken",
    },
    movedTo: "uitgesteld tot {date}",
    metOn: "op {date}",
    lettersTitle: "Brieven die we je stuurden",
    noLetters: "We hebben je nog geen brieven gestuurd.",
    sentOn: "verstuurd op {date}",
    addTitle: "Informatie toevoegen",
    addIntro:
      "Wil je iets aanvullen of een bestand sturen? Het komt in je dossier en {handler} krijgt er bericht van.",
    addText: "Je aanvulling",
    addTextHint: "Schrijf wat je wilt toevoegen.",
    addFiles: "Bijlagen (niet verplicht)",
    addFilesHint: "Hooguit 5 bestanden van samen 20 MB: PDF, JPEG, PNG, Word (.docx) of tekst.",
    addSubmit: "Versturen",
    added:
      "Dank je wel. Je aanvulling staat in je dossier en {handler} heeft er bericht van gekregen.",
    withdrawTitle: "Klacht intrekken",
    withdrawIntro:
      "Wil je niet dat we je klacht verder behandelen? Dan kun je hem intrekken. Je krijgt daarvan een bevestiging per e-mail.",
    withdrawLink: "Mijn klacht intrekken",
    confirmTitle: "Wil je je klacht {id} intrekken?",
    confirmText:
      "Als je je klacht intrekt, behandelen we hem niet verder. Dat kun je niet terugdraaien: je kunt wel een nieuwe klacht indienen.",
    confirmSubmit: "Ja, trek mijn klacht in",
    confirmCancel: "Nee, terug naar mijn klacht",
    withdrawn:
      "Je klacht is ingetrokken. We hebben je een bevestiging gemaild en {handler} laten weten dat je klacht is ingetrokken.",
    errorTitle: "Er ging iets mis",
    notFoundTitle: "Deze link werkt niet",
    notFoundText:
      "Deze link naar een klacht werkt niet, of niet meer. Gebruik de link uit de laatste e-mail die je van ons kreeg, of neem contact met ons op.",
    rateTitle: "Even wachten",
    rateText:
      "Er zijn in korte tijd veel verzoeken gedaan. Probeer het over een paar minuten opnieuw.",
    unavailableTitle: "Nu even niet",
    unavailableText:
      "We kunnen je dossier op dit moment niet bijwerken. Probeer het over een minuut opnieuw: wat je hebt ingevuld staat er nog.",
    otherwise: "Je kunt ons ook mailen:",
  },
  en: {
    title: "Your complaint {id}",
    switchLabel: "Deze pagina in het Nederlands",
    summary: "Short description",
    received: "Received on",
    handler: "Handled by",
    whereTitle: "Where your complaint stands",
    status: {
      received: {
        label: "Received",
        now: "We have received your complaint. {handler} will be looking into it.",
        next: "You will receive our response, with our reasons, by {judgement}. If we need more information, we will let you know by {information}.",
      },
      in_progress: {
        label: "Being handled",
        now: "{handler} is looking into your complaint.",
        next: "You will receive our response, with our reasons, by {judgement}.",
      },
      awaiting_information: {
        label: "Waiting for information from you",
        now: "We have asked you for more information so that we can assess your complaint properly: {request}",
        next: "Please send it below or reply to our e-mail. We will then assess your complaint.",
      },
      hearing: {
        label: "Hearing the staff involved",
        now: "We are asking the staff members your complaint is about for their side of the story.",
        next: "We will then assess your complaint. You will receive our response, with our reasons, by {judgement}.",
      },
      judged: {
        label: "Assessed",
        now: "We have assessed your complaint. Our judgement is in the letter below.",
        next: "Would you like to discuss our position further? Please contact {handler}. We aim to resolve your complaint by {resolution}.",
      },
      closed: {
        label: "Resolved",
        now: "Your complaint has been resolved.",
        next: "If you disagree or have a new complaint, please file a new complaint.",
      },
      withdrawn: {
        label: "Withdrawn",
        now: "Your complaint has been withdrawn. We will not handle it any further.",
        next: "If you would like to come back to it, please file a new complaint and quote your reference {id}.",
      },
    },
    meetingNow: "We have proposed a personal conversation about our judgement.",
    termsTitle: "Our terms",
    termsCaption: "What we promised you and whether we kept it",
    termHeads: ["What", "By", "Kept?"],
    termNames: {
      information: "Telling you whether we need more information",
      judgement: "Our reasoned response",
      resolution: "Your complaint resolved",
    },
    outcomes: {
      kept: "Yes",
      late: "Later than promised",
      missed: "No, the date has passed",
      open: "Still running",
      not_needed: "No information was needed",
      lapsed: "Lapsed: your complaint was withdrawn",
    },
    movedTo: "moved to {date}",
    metOn: "on {date}",
    lettersTitle: "Letters we sent you",
    noLetters: "We have not sent you any letters yet.",
    sentOn: "sent on {date}",
    addTitle: "Add information",
    addIntro:
      "Would you like to add something or send a file? It goes into your case file and {handler} is told.",
    addText: "What you would like to add",
    addTextHint: "Write what you would like to add.",
    addFiles: "Attachments (optional)",
    addFilesHint: "At most 5 files, 20 MB together: PDF, JPEG, PNG, Word (.docx) or text.",
    addSubmit: "Send",
    added: "Thank you. What you added is in your case file and {handler} has been told.",
    withdrawTitle: "Withdraw your complaint",
    withdrawIntro:
      "If you no longer want us to handle your complaint, you can withdraw it. You will receive a confirmation by e-mail.",
    withdrawLink: "Withdraw my complaint",
    confirmTitle: "Do you want to withdraw your complaint {id}?",
    confirmText:
      "If you withdraw your complaint, we will not handle it any further. This cannot be undone, but you can always file a new complaint.",
    confirmSubmit: "Yes, withdraw my complaint",
    confirmCancel: "No, back to my complaint",
    withdrawn:
      "Your complaint has been withdrawn. We have e-mailed you a confirmation and told {handler}.",
    errorTitle: "Something went wrong",
    notFoundTitle: "This link does not work",
    notFoundText:
      "This link to a complaint does not work, or no longer works. Please use the link in the latest e-mail we sent you, or contact us.",
    rateTitle: "Please wait",
    rateText: "Many requests were made in a short time. Please try again in a few minutes.",
    unavailableTitle: "Not right now",
    unavailableText:
      "We cannot update your case file right now. Please try again in a minute: what you typed is still there.",
    otherwise: "You can also e-mail us:",
  },
};

/** `{name}` marks filled in from `values` (already escaped by the caller where needed). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (mark, name: string) => values[name] ?? mark);
}
