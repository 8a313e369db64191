import { isIsoDate } from "../domain/calendar.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { DocketError } from "../errors.ts";
import { TERM_NAMES } from "./letter-format.ts";
import { lookup } from "./letter-template.ts";
import type { LetterView } from "./letter-template.ts";

/**
 * A letter cannot be written for this dossier: a value it must contain is
 * missing (letters/README.md names what each letter needs), or an option is not usable. The case rules normally
 * prevent this; the message names every missing value and where it comes from.
 */
export class LetterDataError extends DocketError {
  constructor(message: string) {
    super("letter_data_missing", message);
  }
}

/** Where a view value comes from, for values that are not a dossier field of the same name. */
const SOURCES: Readonly<Record<string, string>> = {
  "staff.name": "the staff option (an index into staff_involved)",
  respond_by: "the respondBy option (a date as YYYY-MM-DD)",
  "term.name": `the term option (${TERM_NAMES.join(", ")})`,
  "mail.from": "the mail option (the received mail)",
  "mail.file": "the mail option (the received mail)",
  "delivery.file": "the delivery option (the report of the letter not delivered)",
};

/** Throws a `LetterDataError` naming every required value that is empty in the view. */
export function requireValues(
  view: LetterView,
  required: readonly string[],
  letter: string,
  id: string,
): void {
  const missing = required.filter((path) => {
    const value = lookup(view, path);
    return typeof value !== "string" || value.trim() === "";
  });
  if (missing.length === 0) return;
  const names = missing.map((path) => SOURCES[path] ?? `${path} in the dossier`);
  throw new LetterDataError(`${letter} for ${id} cannot be written: missing ${names.join("; ")}`);
}

/** A letter key: it names the copy in correspondence/ and goes into the Message-ID. */
const KEY = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/** The options that select data are checked before a letter is written: a wrong one is a bug. */
export function checkOptions(
  letter: string,
  dossier: Dossier,
  options: { key?: string; staff?: number; respondBy?: string; term?: string },
): void {
  const { key, staff, respondBy, term } = options;
  const where = `${letter} for ${dossier.id}`;
  if (key !== undefined && !KEY.test(key)) {
    throw new LetterDataError(
      `${where}: key ${JSON.stringify(key)} must be lower-case letters, digits, _ and -, like hearing_request-1`,
    );
  }
  if (staff !== undefined) {
    const count = dossier.staff_involved?.length ?? 0;
    if (!Number.isInteger(staff) || staff < 0 || staff >= count) {
      throw new LetterDataError(
        `${where}: staff ${staff} is not in staff_involved, which has ${count} ${count === 1 ? "person" : "people"}${count > 0 ? ` (0 to ${count - 1})` : ""}`,
      );
    }
  }
  if (respondBy !== undefined && !isIsoDate(respondBy)) {
    throw new LetterDataError(
      `${where}: respondBy ${JSON.stringify(respondBy)} is not a date as YYYY-MM-DD, like 2026-12-04`,
    );
  }
  if (term !== undefined && !(TERM_NAMES as readonly string[]).includes(term)) {
    throw new LetterDataError(
      `${where}: term ${JSON.stringify(term)} is not one of ${TERM_NAMES.join(", ")}`,
    );
  }
}
