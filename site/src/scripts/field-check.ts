/**
 * The browser's check of one field, mirroring the intake schema
 * (automation/intake/intake-input.ts) so that what passes here the server
 * accepts. The messages come from the field's data attributes, which the
 * build writes from the server's own messages.
 */

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** zod's e-mail pattern, as the server uses it. */
const EMAIL =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
const PHONE = /^[+()\d\s./-]{6,40}$/;
const FILE_TYPES = /\.(pdf|jpe?g|png|docx|txt)$/i;

/** The problem with a field's value in the complainant's words, or undefined when it is fine. */
export function checkField(control: Control, data: DOMStringMap): string | undefined {
  if (control instanceof HTMLInputElement && control.type === "checkbox")
    return control.required && !control.checked ? data.msgRequired : undefined;
  if (control instanceof HTMLInputElement && control.type === "file")
    return checkFiles([...(control.files ?? [])], data);
  const value = control.value.trim();
  if (value === "") return control.required ? data.msgRequired : undefined;
  // A field with a counter has no maxlength any more: its limit is in data-max.
  const max = Number(data.max ?? ("maxLength" in control ? control.maxLength : -1));
  if (max > 0 && value.length > max) return data.msgTooLong;
  if (control.type === "email" && !EMAIL.test(value)) return data.msgInvalid;
  if (control.type === "tel" && !PHONE.test(value)) return data.msgInvalid;
  return undefined;
}

function checkFiles(files: File[], data: DOMStringMap): string | undefined {
  const named = (message: string | undefined, file: File) => message?.replace("{file}", file.name);
  if (files.length > Number(data.maxCount)) return data.msgCount;
  let total = 0;
  for (const file of files) {
    if (file.size > Number(data.maxFile)) return named(data.msgSize, file);
    if (!FILE_TYPES.test(file.name)) return named(data.msgType, file);
    total += file.size;
  }
  return total > Number(data.maxTotal) ? data.msgTotal : undefined;
}
