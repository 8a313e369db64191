import { renderDossierBody } from "../../automation/domain/complaint-section.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { editFrontmatter, serializeDossier } from "../../automation/domain/dossier-text.ts";
import { createCalendar } from "../../automation/domain/calendar.ts";
import type { ChangeContext } from "../../automation/domain/check-change.ts";
import type { RuleContext } from "../../automation/domain/check-dossier.ts";
import { DEFAULT_POLICY } from "../../automation/domain/terms.ts";

export const CONTEXT: RuleContext = {
  idPrefix: "KL",
  timeZone: "Europe/Amsterdam",
  categories: ["service", "invoice", "conduct", "other"],
};

/** The rules of a change, with the default policy and only the statutory holidays. */
export const CHANGE_CONTEXT: ChangeContext = {
  ...CONTEXT,
  policy: DEFAULT_POLICY,
  calendar: createCalendar({}),
};

/** A valid dossier as intake writes it: received 2026-11-24 09:13 Amsterdam time. */
export function dossierData(number = 1): Dossier {
  const id = `KL-2026-${String(number).padStart(4, "0")}`;
  return {
    id,
    schema: 1,
    received_at: "2026-11-24T09:13:05+01:00",
    channel: "web",
    language: "nl",
    status: "received",
    summary: "Factuur bevat uren die niet gewerkt zijn",
    category: "invoice",
    complainant: { name: "Eva Jansen", email: "eva.jansen@example.nl", prefers_meeting: false },
    handler: { name: "Sanne de Vries", email: "sanne.devries@example.nl", github: "sannedevries" },
    terms: {
      information_due: "2026-12-01",
      judgement_due: "2026-12-01",
      resolution_due: "2026-12-24",
    },
  };
}

export const COMPLAINT =
  "Op mijn factuur van oktober staan 12 uur die niet gewerkt zijn.\nGraag een correctie.";

export function dossierText(data: object = dossierData(), complaint = COMPLAINT): string {
  return serializeDossier(data, renderDossierBody(complaint));
}

export function pathOf(id: string): string {
  return `dossiers/${id.slice(3, 7)}/${id}/dossier.md`;
}

/** Sets frontmatter fields through the YAML Document API, as a handler's edit would. */
export function withFields(text: string, fields: Record<string, unknown>): string {
  return editFrontmatter(text, (doc) => {
    for (const [key, value] of Object.entries(fields)) {
      const path = key.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      if (value === undefined) doc.deleteIn(path);
      else doc.setIn(path, value);
    }
  });
}

/** A written judgement with every item of §1.6. */
export const WRITTEN_JUDGEMENT = {
  form: "written",
  date: "2026-11-30",
  findings: "De uren zijn dubbel geboekt.",
  verdict: "founded",
  reasoning: "De urenstaat toont 28 uur, de factuur 40.",
  follow_up: "Je ontvangt een creditfactuur.",
  further_contact: "Bel of mail je behandelaar met je dossiernummer.",
};
