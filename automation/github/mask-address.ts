/**
 * A recipient as a pull request comment may show it: enough for a handler to
 * see the letter goes to the right person, too little to read who that is.
 * `Eva Jansen <eva.jansen@example.nl>` → `E*** J*** <e***@example.nl>`: each
 * word of the name and the address's local part keep their first character
 * and lose the rest to a fixed `***`, so not even their length shows; the
 * domain stays. Pure.
 */
import { decodeEncodedWords } from "../mail/mime.ts";
export function maskAddress(header: string): string {
  const text = decodeEncodedWords(header.trim());
  const angled = /^(.*?)\s*<([^<>]*)>$/.exec(text);
  const address = (angled ? angled[2] : text)?.trim() ?? "";
  let name = angled?.[1]?.trim() ?? "";
  if (/^".*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  const masked = maskEmail(address);
  return name ? `${maskName(name)} <${masked}>` : masked;
}

/** `Eva de Jansen` → `E*** d*** J***`; punctuation between words (`Jansen, Eva`) is kept. */
export function maskName(name: string): string {
  return name.replace(/[\p{L}\p{N}\p{M}'’]+/gu, maskWord);
}

/** `eva.jansen@example.nl` → `e***@example.nl`; text without an `@` is masked whole. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 0) return maskWord(address);
  return `${maskWord(address.slice(0, at))}${address.slice(at)}`;
}

function maskWord(word: string): string {
  const first = Array.from(word)[0];
  return first === undefined ? "" : `${first}***`;
}

export { decodeEncodedWords };
