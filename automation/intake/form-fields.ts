import type { Language } from "./intake-messages.ts";

/**
 * The complaint form's fields, named exactly as the API's (see intake-input.ts), with
 * their labels and hints in both languages. The site and the error page
 * the intake function renders both draw the form from this list.
 */
export interface FormField {
  name: string;
  kind: "text" | "email" | "tel" | "textarea" | "checkbox" | "select" | "file";
  required: boolean;
  autocomplete?: string;
  maxLength?: number;
  /** Show how many characters are left while typing (a short field people fill to the brim). */
  counter?: boolean;
  label: Record<Language, string>;
  hint?: Record<Language, string>;
}

export const FORM_FIELDS: readonly FormField[] = [
  {
    name: "name",
    kind: "text",
    required: true,
    autocomplete: "name",
    maxLength: 200,
    label: { nl: "Je naam", en: "Your name" },
  },
  {
    name: "email",
    kind: "email",
    required: true,
    autocomplete: "email",
    maxLength: 254,
    label: { nl: "Je e-mailadres", en: "Your e-mail address" },
    hint: {
      nl: "Hier sturen we de bevestiging en ons antwoord heen.",
      en: "We send the confirmation and our answer here.",
    },
  },
  {
    name: "phone",
    kind: "tel",
    required: false,
    autocomplete: "tel",
    maxLength: 40,
    label: { nl: "Je telefoonnummer (niet verplicht)", en: "Your phone number (optional)" },
  },
  {
    name: "organisation",
    kind: "text",
    required: false,
    autocomplete: "organization",
    maxLength: 200,
    label: { nl: "Je organisatie (niet verplicht)", en: "Your organisation (optional)" },
  },
  {
    name: "category",
    kind: "select",
    // Optional with and without JavaScript: left empty, the complaint is filed under "other".
    required: false,
    label: {
      nl: "Waar gaat je klacht over? (niet verplicht)",
      en: "What is your complaint about? (optional)",
    },
  },
  {
    name: "summary",
    kind: "text",
    required: true,
    maxLength: 140,
    counter: true,
    label: { nl: "Je klacht in één zin", en: "Your complaint in one sentence" },
    hint: {
      nl: "Hooguit 140 tekens. We gebruiken deze zin in onze berichten.",
      en: "At most 140 characters. We use this sentence in our messages.",
    },
  },
  {
    name: "description",
    kind: "textarea",
    required: true,
    maxLength: 20000,
    label: { nl: "Wat is er gebeurd?", en: "What happened?" },
    hint: {
      nl: "Vertel het in je eigen woorden: wat, wanneer en wat je van ons verwacht.",
      en: "Tell us in your own words: what, when and what you expect from us.",
    },
  },
  {
    name: "staff_involved",
    kind: "text",
    required: false,
    maxLength: 1000,
    label: {
      nl: "Gaat het over een of meer van onze medewerkers? (niet verplicht)",
      en: "Is it about one or more of our staff? (optional)",
    },
    hint: {
      nl: "Noem hun naam als je die weet. We vragen hen om hun kant van het verhaal.",
      en: "Give their names if you know them. We will ask for their side of the story.",
    },
  },
  {
    name: "attachments",
    kind: "file",
    required: false,
    label: { nl: "Bijlagen (niet verplicht)", en: "Attachments (optional)" },
    hint: {
      nl: "Hooguit 5 bestanden van samen 20 MB: PDF, JPEG, PNG, Word of tekst.",
      en: "At most 5 files, 20 MB together: PDF, JPEG, PNG, Word or text.",
    },
  },
  {
    name: "prefers_meeting",
    kind: "checkbox",
    required: false,
    label: {
      nl: "Ik wil ons oordeel graag in een persoonlijk gesprek horen",
      en: "I would like to hear your judgement in a personal conversation",
    },
    hint: {
      nl: "Anders krijg je ons oordeel per e-mail.",
      en: "Otherwise you receive our judgement by e-mail.",
    },
  },
  {
    name: "consent",
    kind: "checkbox",
    required: true,
    label: {
      nl: "Ik geef toestemming om mijn gegevens te gebruiken voor de behandeling van mijn klacht",
      en: "I agree that my details are used to handle my complaint",
    },
  },
];
