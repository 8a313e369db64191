import { createCalendar } from "../../automation/domain/calendar.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { computeTerms, DEFAULT_POLICY } from "../../automation/domain/terms.ts";
import { dossierData, dossierText, pathOf, withFields } from "../support/dossiers.ts";
import type { TestRepo } from "../support/git-repo.ts";

/** Writes a case's history into a real repository, one commit per step, at fixed dates. */
export class CaseHistory {
  readonly id: string;
  readonly path: string;
  readonly folder: string;
  text: string;
  private letters = 0;
  private readonly repo: TestRepo;

  constructor(repo: TestRepo, number: number, receivedAt?: string, fields: Partial<Dossier> = {}) {
    this.repo = repo;
    const data: Dossier = { ...dossierData(number), ...fields };
    if (receivedAt) {
      data.received_at = receivedAt;
      data.terms = computeTerms(receivedAt, DEFAULT_POLICY, createCalendar({}), "Europe/Amsterdam");
    }
    this.id = data.id;
    this.path = pathOf(data.id);
    this.folder = this.path.slice(0, -"/dossier.md".length);
    this.text = dossierText(data);
  }

  /** The intake commit, as Docket writes it. */
  intake(date: string): string {
    this.repo.write(this.path, this.text);
    return this.repo.commit(
      `Intake ${this.id}: Factuur\n\nChannel: web\nDossier: ${this.id}\nCommitted-by: Docket\n`,
      date,
    );
  }

  /** A handler's change to frontmatter fields. */
  change(fields: Record<string, unknown>, date: string, message?: string): string {
    this.text = withFields(this.text, fields);
    this.repo.write(this.path, this.text);
    return this.repo.commit(message ?? `Update ${this.id}\n\nDossier: ${this.id}\n`, date);
  }

  /** Letters' copies, committed as `docket dispatch` does (with the fields it records). */
  send(
    keys: string[],
    date: string,
    fields: Record<string, unknown> = {},
    letter: (key: string, date: string) => string = eml,
  ): string {
    for (const key of keys) {
      this.letters++;
      const file = `${this.folder}/correspondence/${String(this.letters).padStart(4, "0")}-${key}.eml`;
      this.repo.write(file, letter(key, date));
    }
    if (Object.keys(fields).length > 0) {
      this.text = withFields(this.text, fields);
      this.repo.write(this.path, this.text);
    }
    return this.repo.commit(
      `Letters for ${this.id}: ${keys.join(", ")}\n\nDossier: ${this.id}\nCommitted-by: Docket\n`,
      date,
    );
  }

  copy(n: number, key: string): string {
    return `${this.folder}/correspondence/${String(n).padStart(4, "0")}-${key}.eml`;
  }
}

export function eml(key: string, date: string): string {
  const when = new Date(date).toUTCString().replace("GMT", "+0000");
  return [
    `Date: ${when}`,
    "From: Interforce Klachten <klachten@interforce.eu>",
    "To: =?utf-8?Q?Eva_J=C3=A4nsen?= <eva.jansen@example.nl>",
    `Subject: ${key} KL`,
    "MIME-Version: 1.0",
    "",
    `Letter ${key}.`,
    "",
  ].join("\r\n");
}
