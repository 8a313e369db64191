import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createCalendar, localDate } from "../automation/domain/calendar.ts";
import { renderDossierBody } from "../automation/domain/complaint-section.ts";
import { STATUSES, type Dossier } from "../automation/domain/dossier-schema.ts";
import { serializeDossier } from "../automation/domain/dossier-text.ts";
import { computeTerms, DEFAULT_POLICY } from "../automation/domain/terms.ts";

const calendar = createCalendar({});
const CATEGORIES = ["service", "invoice", "conduct", "assignment", "privacy", "other"];

/** A valid dossier in one of every state, deterministic in `n`. */
export function generateDossier(n: number): { path: string; text: string } {
  const received = new Date(Date.UTC(2026, 0, 2, 8) + n * 47 * 60 * 1000 * 7);
  const receivedAt = received.toISOString().replace(/\.\d{3}Z$/, "Z");
  const year = localDate(receivedAt, "Europe/Amsterdam").slice(0, 4);
  const id = `KL-${year}-${String(n + 1).padStart(4, "0")}`;
  const status = STATUSES[n % STATUSES.length] ?? "received";
  const terms = computeTerms(receivedAt, DEFAULT_POLICY, calendar, "Europe/Amsterdam");
  const dossier: Dossier = {
    id,
    schema: 1,
    received_at: receivedAt,
    channel: n % 5 === 0 ? "email" : "web",
    language: n % 3 === 0 ? "en" : "nl",
    status,
    summary: `Klacht ${n + 1} over de dienstverlening`,
    category: CATEGORIES[n % CATEGORIES.length] ?? "other",
    complainant: {
      name: `Klant ${n}`,
      email: `klant${n}@example.nl`,
      prefers_meeting: n % 4 === 0,
    },
    handler: { name: "Sanne de Vries", email: "sanne.devries@example.nl", github: "sannedevries" },
    terms,
  };
  if (status === "awaiting_information") {
    dossier.information = { complete: false, request: "Het factuurnummer en de periode." };
  }
  if (status === "hearing" || status === "judged" || status === "closed") {
    dossier.staff_involved = [
      {
        name: "Piet Smit",
        email: "piet.smit@example.nl",
        ...(status === "hearing" ? {} : { summary: "Piet erkent de fout." }),
      },
    ];
  }
  if (status === "judged" || status === "closed") {
    dossier.judgement = {
      form: "written",
      date: terms.judgement_due,
      findings: "De uren zijn dubbel geboekt.",
      verdict: "founded",
      reasoning: "De urenstaat toont minder uren dan de factuur.",
      follow_up: "Je ontvangt een creditfactuur.",
      further_contact: "Mail je behandelaar met je dossiernummer.",
    };
  }
  if (status === "closed" || status === "withdrawn") dossier.closed_at = receivedAt;
  const complaint = `Op mijn factuur staan uren die niet gewerkt zijn.\n\nDossier ${n}: graag een correctie.`;
  return {
    path: `dossiers/${year}/${id}/dossier.md`,
    text: serializeDossier(dossier, renderDossierBody(complaint)),
  };
}

/** Writes `count` dossiers below `root`. */
export function writeDossiers(root: string, count: number): void {
  for (let n = 0; n < count; n++) {
    const { path, text } = generateDossier(n);
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
