import { createHash } from "node:crypto";

/**
 * A submission id for a post that came without one (a browser without JavaScript, a plain API call): the
 * same complainant sending the same complaint again on the same day, e.g. after a lost answer or a press
 * on "send" twice, gets the dossier of the first post instead of a second one.
 */
export function submissionFingerprint(fields: {
  email: string;
  name: string;
  summary: string;
  description: string;
  /** The day of receipt, `YYYY-MM-DD` in the configured time zone. */
  day: string;
}): string {
  const text = [
    fields.email.trim().toLowerCase(),
    fields.name.trim(),
    fields.summary.trim(),
    fields.description.trim(),
    fields.day,
  ].join("\n");
  return `fingerprint-${createHash("sha256").update(text).digest("hex")}`;
}
