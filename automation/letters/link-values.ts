/**
 * Which values of a letter are addresses, and where they link to. Only these
 * names of the view become links, and only when the value is the address
 * itself: what a complainant typed elsewhere never does.
 */

const MAIL_PATHS = /(?:^|\.)(?:email|complaints_email|reply_to)$/;
const WEB_PATHS = new Set([
  "organisation.website",
  "organisation.portal_url",
  "dossier.url",
  "dossier.page_url",
]);
const PHONE_PATHS = /(?:^|\.)phone$/;

const ADDRESS = /^[^\s@<>"()[\]\\,;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const WEB = /^https?:\/\/[^\s<>"]+$/i;
const PHONE = /^\+?[\d\s().-]{6,40}$/;

/** The link for the value at `path`, or undefined when it is not an address. */
export function linkFor(path: string, value: string): string | undefined {
  const text = value.trim();
  if (MAIL_PATHS.test(path) && ADDRESS.test(text)) return `mailto:${text}`;
  if (WEB_PATHS.has(path) && WEB.test(text)) return text;
  if (PHONE_PATHS.test(path) && PHONE.test(text) && /\d{6}/.test(text.replace(/\D/g, ""))) {
    return `tel:${text.replace(/[^+\d]/g, "")}`;
  }
  return undefined;
}
