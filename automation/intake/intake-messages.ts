export type Language = "nl" | "en";

/** Why a field was refused; the message a complainant reads is looked up per language. */
export type FieldProblem =
  | { kind: "required" }
  | { kind: "too_long"; max: number }
  | { kind: "one_line" }
  | { kind: "email" }
  | { kind: "phone" }
  | { kind: "consent" }
  | { kind: "choice"; options: readonly string[] }
  | { kind: "submission_id" }
  | { kind: "honeypot" }
  | { kind: "attachments_count"; max: number }
  | { kind: "attachment_size"; file: string; maxMiB: number }
  | { kind: "attachments_total"; maxMiB: number }
  | { kind: "attachment_type"; file: string }
  | { kind: "json" }
  | { kind: "unknown_field" };

const NL: { [K in FieldProblem["kind"]]: (p: Extract<FieldProblem, { kind: K }>) => string } = {
  required: () => "Vul dit veld in.",
  too_long: (p) => `Gebruik hier hooguit ${p.max} tekens.`,
  one_line: () => "Gebruik hier één regel, zonder regeleinden.",
  email: () => "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
  phone: () => "Vul een telefoonnummer in met alleen cijfers, spaties, +, - of haakjes.",
  consent: () =>
    "Geef toestemming om je gegevens voor je klacht te gebruiken; anders kunnen we hem niet behandelen.",
  choice: (p) => `Kies een van: ${p.options.join(", ")}.`,
  submission_id: () =>
    "Dit formulier is niet goed geladen. Laad de pagina opnieuw en probeer het nog eens.",
  honeypot: () =>
    "Dit formulier kon niet worden verstuurd. Laat het verborgen veld leeg, of mail je klacht.",
  attachments_count: (p) => `Voeg hooguit ${p.max} bijlagen toe.`,
  attachment_size: (p) => `${p.file} is te groot: een bijlage mag hooguit ${p.maxMiB} MB zijn.`,
  attachments_total: (p) => `De bijlagen zijn samen te groot: hooguit ${p.maxMiB} MB.`,
  attachment_type: (p) =>
    `${p.file} kunnen we niet aannemen: stuur een PDF, JPEG, PNG, Word-bestand of tekstbestand.`,
  json: () => "De gegevens zijn geen geldige JSON.",
  unknown_field: () => "Dit veld kennen we niet.",
};

const EN: typeof NL = {
  required: () => "Please fill in this field.",
  too_long: (p) => `Please use at most ${p.max} characters here.`,
  one_line: () => "Please use one line here, without line breaks.",
  email: () => "Please enter a valid e-mail address, like name@example.com.",
  phone: () => "Please enter a phone number using only digits, spaces, +, - or brackets.",
  consent: () =>
    "Please agree that we use your details for your complaint; without that we cannot handle it.",
  choice: (p) => `Please choose one of: ${p.options.join(", ")}.`,
  submission_id: () => "This form did not load properly. Please reload the page and try again.",
  honeypot: () =>
    "This form could not be sent. Leave the hidden field empty, or e-mail your complaint.",
  attachments_count: (p) => `Please attach at most ${p.max} files.`,
  attachment_size: (p) => `${p.file} is too large: an attachment can be at most ${p.maxMiB} MB.`,
  attachments_total: (p) => `The attachments are too large together: at most ${p.maxMiB} MB.`,
  attachment_type: (p) =>
    `We cannot accept ${p.file}: please send a PDF, JPEG, PNG, Word document or text file.`,
  json: () => "The data is not valid JSON.",
  unknown_field: () => "We do not know this field.",
};

export function describeProblem(problem: FieldProblem, language: Language): string {
  const table = language === "en" ? EN : NL;
  return (table[problem.kind] as (p: FieldProblem) => string)(problem);
}
