import type { DocketConfig } from "../config/config-schema.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import { localDate } from "../domain/calendar.ts";
import type { DossierStore, FiledDossier } from "../store/dossier-store.ts";
import { intakeMessage, newDossier, newDossierFiles, type Complaint } from "./new-dossier.ts";

export interface FileDeps {
  config: DocketConfig;
  calendar: WorkingCalendar;
  store: DossierStore;
}

/**
 * Files a complaint, whatever channel it came by: the next id, the dossier
 * and its attachments in one commit. A `submissionId` seen before returns
 * the earlier dossier. Throws the store's errors.
 */
export function fileComplaint(
  deps: FileDeps,
  complaint: Complaint,
  submissionId?: string,
): Promise<FiledDossier> {
  const { config } = deps;
  return deps.store.fileDossier({
    prefix: config.id_prefix,
    year: localDate(complaint.receivedAt, config.timezone).slice(0, 4),
    ...(submissionId ? { submissionId } : {}),
    build: (id, sequence) => {
      const dossier = newDossier(complaint, id, sequence, config, deps.calendar);
      return { files: newDossierFiles(dossier, complaint), message: intakeMessage(dossier) };
    },
  });
}
