import type { DocketConfig } from "../config/config-schema.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import { DOCKET_TRAILER } from "../domain/check-change.ts";
import { HANDLER_HEADINGS, renderComplaintSection } from "../domain/complaint-section.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { serializeDossier } from "../domain/dossier-text.ts";
import { computeTerms } from "../domain/terms.ts";
import type { StoredFile } from "../store/dossier-store.ts";
import { assignHandler } from "./assign-handler.ts";
import type { Attachment } from "./attachments.ts";

export interface Complaint {
  channel: Dossier["channel"];
  language: "nl" | "en";
  receivedAt: string;
  name: string;
  email: string;
  phone?: string | undefined;
  organisation?: string | undefined;
  summary: string;
  description: string;
  staffInvolved?: string | undefined;
  prefersMeeting?: boolean | undefined;
  category: string;
  attachments: readonly Attachment[];
  /** For complaints by e-mail: their Message-ID, so letters answer in that thread. */
  thread?: string | undefined;
}

/** The dossier a complaint becomes once it has its id: pure, so intake and tests share it. */
export function newDossier(
  complaint: Complaint,
  id: string,
  sequence: number,
  config: DocketConfig,
  calendar: WorkingCalendar,
): Dossier {
  const handler = assignHandler(config, complaint.category, sequence);
  return {
    id,
    schema: 1,
    received_at: complaint.receivedAt,
    channel: complaint.channel,
    language: complaint.language,
    status: "received",
    summary: complaint.summary,
    category: complaint.category,
    complainant: {
      name: complaint.name,
      email: complaint.email,
      ...(complaint.phone ? { phone: complaint.phone } : {}),
      ...(complaint.organisation ? { organisation: complaint.organisation } : {}),
      prefers_meeting: complaint.prefersMeeting ?? false,
    },
    handler: {
      name: handler.name,
      email: handler.email,
      ...(handler.github ? { github: handler.github } : {}),
    },
    terms: computeTerms(complaint.receivedAt, config.policy, calendar, config.timezone),
    ...(complaint.thread ? { thread: complaint.thread } : {}),
  };
}

/** The files of a new dossier: `dossier.md` and the attachments, under `dossiers/<YYYY>/<ID>/`. */
export function newDossierFiles(dossier: Dossier, complaint: Complaint): StoredFile[] {
  const folder = `dossiers/${dossier.id.split("-")[1]}/${dossier.id}`;
  const words = complaint.staffInvolved
    ? `${complaint.description}\n\n${complaint.language === "en" ? "Staff involved" : "Betrokken medewerkers"}: ${complaint.staffInvolved}`
    : complaint.description;
  const attachmentList =
    complaint.attachments.length > 0
      ? `\n### Bijlagen\n\n${complaint.attachments.map((a) => `- [${a.fileName}](attachments/${a.fileName})`).join("\n")}\n`
      : "";
  const body = [
    `${renderComplaintSection(words)}${attachmentList}`,
    ...HANDLER_HEADINGS.map((h) => `${h}\n`),
  ].join("\n");
  return [
    { path: `${folder}/dossier.md`, content: serializeDossier(dossier, body) },
    ...complaint.attachments.map((a) => ({
      path: `${folder}/attachments/${a.fileName}`,
      content: a.bytes,
    })),
  ];
}

/** The commit message of an intake; the trailer lets `git log` readers find a dossier's history. */
export function intakeMessage(dossier: Dossier): string {
  return `Intake ${dossier.id}: ${dossier.summary.replace(/\s+/g, " ")}\n\nChannel: ${dossier.channel}\nDossier: ${dossier.id}\n${DOCKET_TRAILER}\n`;
}
