import type { Language } from "./routes.ts";

/** Words the layout and the form use on every page, per language. */
export const UI = {
  nl: {
    skip: "Naar de inhoud",
    otherLanguage: "English",
    otherLanguageLabel: "This page in English",
    footerNav: "Over klachten",
    form: "Klacht melden",
    procedure: "Zo behandelen we je klacht",
    privacy: "Privacy",
    contact: "Contact",
    choose: "Kies een onderwerp",
    chooseProblem: "Kies waar je klacht over gaat.",
    aboutYou: "Over jou",
    yourComplaint: "Je klacht",
    answer: "Ons oordeel",
    consent: "Toestemming",
    consentPrivacy: ["Lees in onze ", "privacyverklaring", " wat we met je gegevens doen."],
    submit: "Klacht versturen",
    errorTitle: "Je klacht is nog niet verstuurd. Pas dit aan:",
    sending: "Je klacht wordt verstuurd…",
    sent: "Je klacht is verstuurd. Even geduld…",
    network:
      "Je klacht is nog niet verstuurd: we konden de server niet bereiken. Wat je hebt ingevuld staat er nog. Controleer je internetverbinding en klik nog een keer op ‘Klacht versturen’.",
    failed:
      "Je klacht is nog niet verstuurd. Wat je hebt ingevuld staat er nog. Probeer het over een minuut nog een keer.",
    otherwise: "Lukt het niet? Mail je klacht naar",
  },
  en: {
    skip: "Skip to content",
    otherLanguage: "Nederlands",
    otherLanguageLabel: "Deze pagina in het Nederlands",
    footerNav: "About complaints",
    form: "Make a complaint",
    procedure: "How we handle your complaint",
    privacy: "Privacy",
    contact: "Contact",
    choose: "Choose a subject",
    chooseProblem: "Choose what your complaint is about.",
    aboutYou: "About you",
    yourComplaint: "Your complaint",
    answer: "Our judgement",
    consent: "Consent",
    consentPrivacy: ["Read in our ", "privacy statement", " what we do with your details."],
    submit: "Send complaint",
    errorTitle: "Your complaint has not been sent yet. Please correct this:",
    sending: "Sending your complaint…",
    sent: "Your complaint has been sent. One moment…",
    network:
      "Your complaint has not been sent yet: we could not reach the server. What you typed is still here. Check your internet connection and select ‘Send complaint’ again.",
    failed:
      "Your complaint has not been sent yet. What you typed is still here. Please try again in a minute.",
    otherwise: "Not working? E-mail your complaint to",
  },
} as const satisfies Record<Language, Record<string, string | readonly string[]>>;
