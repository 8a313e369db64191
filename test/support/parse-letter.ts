import PostalMime from "postal-mime";
import type { Email } from "postal-mime";
import { expect } from "vitest";
import { parseAddress } from "../../automation/mail/eml.ts";
import type { OutgoingMessage } from "../../automation/mail/mailer.ts";

/**
 * A letter as a mail client reads it: the `.eml` Docket wrote, parsed by
 * postal-mime (a maintained parser that is not our code), checked against
 * what went into the message. Every display name, the subject and both parts
 * must come out as they went in, the text part without Markdown marks and the
 * HTML part with exactly one `h1`.
 */
export async function expectReadableLetter(eml: string, message: OutgoingMessage): Promise<Email> {
  const parsed = await PostalMime.parse(eml);
  const to = message.to.map((text) => parseAddress(text));
  const from = parseAddress(message.from);

  expect(parsed.from).toMatchObject({ address: from.address, name: from.name ?? "" });
  expect(parsed.to?.map((m) => ({ address: m.address, name: m.name }))).toEqual(
    to.map((m) => ({ address: m.address, name: m.name ?? "" })),
  );
  for (const mailbox of [parsed.from, ...(parsed.to ?? [])]) {
    expect(mailbox?.name ?? "").not.toContain("=?");
  }
  expect(parsed.subject).toBe(message.subject);
  expect(normalise(parsed.text)).toBe(normalise(message.text));
  expect(normalise(parsed.html)).toBe(normalise(message.html));
  expect(parsed.messageId).toBe(message.messageId);
  expect(new Date(parsed.date ?? "").getTime()).toBe(
    Math.floor(message.date.getTime() / 1000) * 1000,
  );
  expectPlainText(parsed.text ?? "");
  expect(parsed.html?.match(/<h1[\s>]/g) ?? []).toHaveLength(1);
  return parsed;
}

/** No Markdown marks outside what a person typed: headings, emphasis, code, links, list dashes. */
export function expectPlainText(text: string): void {
  expect(text).not.toMatch(/^ {0,3}#{1,6} /m);
  expect(text).not.toMatch(/\*\*|__|`/);
  expect(text).not.toMatch(/\]\(/);
  expect(text).not.toMatch(/^ {0,3}[-*+] /m);
  expect(text).not.toMatch(/^ {0,3}> /m);
}

const normalise = (text: string | undefined) => (text ?? "").replace(/\r\n/g, "\n").trimEnd();
