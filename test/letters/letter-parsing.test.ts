import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { composeLetter, LETTERS, type LetterName } from "../../automation/letters/letters.ts";
import { createOutboxMailer } from "../../automation/mail/outbox-mailer.ts";
import { createResendMailer } from "../../automation/mail/resend-mailer.ts";
import { expectReadableLetter } from "../support/parse-letter.ts";
import { createResendFake } from "../support/resend-fake.ts";
import { configIn, fullDossier, OPTIONS, templates } from "./letter-fixtures.ts";

/**
 * Every letter, in both languages, to people whose names have letters
 * outside ASCII, sent through both mailers and read back by postal-mime:
 * the names, the subject and both parts come out as they went in, encoded
 * once. Resend is handed the names as typed; it encodes them itself.
 */

const PEOPLE = [
  { name: "Zoë Müller-Çelik", email: "zoe.muller@example.nl" },
  { name: "Renée Öztürk", email: "renee.ozturk@example.nl" },
  { name: "Ægir Þórsson-Ñúñez", email: "aegir@example.is" },
  { name: "Jansen, Piet (Jansen BV)", email: "piet@jansen.example" },
  { name: "李小龍", email: "li@example.cn" },
];

const CASE_FILE = {
  complaint: "De factuur van oktober telt 40 uur.\nIk heb er 28 gewerkt.\n\n— Zoë",
  attachments: ["01-factuur.pdf", "02-urenstaat.png"],
};

function letterFor(name: LetterName, language: "nl" | "en", person: (typeof PEOPLE)[number]) {
  const base = fullDossier(language);
  const dossier = {
    ...base,
    summary: `Klacht van ${person.name} over de factuur`,
    complainant: { ...base.complainant, ...person },
    handler: { name: `${person.name} (behandelaar)`, email: "handler@interforce.eu" },
    staff_involved: [{ name: person.name, email: "staff@interforce.eu" }],
  };
  const config = configIn(language);
  return composeLetter(
    name,
    dossier,
    { ...config, insurer: { ...config.insurer, ...person } },
    templates,
    {
      ...OPTIONS,
      caseFile: CASE_FILE,
    },
  );
}

/** Who each letter may go to, by address, with the name as it went into the dossier or config. */
function namesIn(person: (typeof PEOPLE)[number]): Map<string, string> {
  return new Map([
    [person.email, person.name],
    ["handler@interforce.eu", `${person.name} (behandelaar)`],
    ["staff@interforce.eu", person.name],
  ]);
}

/** The parsed recipients carry the names as they were typed, not as our code formatted them. */
function expectNamesAsTyped(
  parsed: { to?: { name: string; address?: string }[] },
  person: (typeof PEOPLE)[number],
): void {
  const names = namesIn(person);
  expect(parsed.to?.length).toBeGreaterThan(0);
  for (const mailbox of parsed.to ?? [])
    expect([mailbox.address, mailbox.name]).toEqual([
      mailbox.address,
      names.get(mailbox.address ?? ""),
    ]);
}

const CASES = PEOPLE.flatMap((person) =>
  (["nl", "en"] as const).flatMap((language) =>
    (Object.keys(LETTERS) as LetterName[]).map((name) => [name, language, person] as const),
  ),
);

const fake = createResendFake();
let outbox: string;
beforeAll(async () => {
  fake.listen();
  outbox = await mkdtemp(join(tmpdir(), "docket-parse-"));
});
afterEach(() => fake.reset());
afterAll(async () => {
  fake.close();
  await rm(outbox, { recursive: true, force: true });
});

describe("every letter, read by an independent parser", () => {
  it.each(CASES)("%s (%s) to %o through the outbox", async (name, language, person) => {
    const message = letterFor(name, language, person);
    const { eml } = await createOutboxMailer({ dir: outbox }).send({
      ...message,
      idempotencyKey: `${message.idempotencyKey}-${language}-${person.email}`,
    });
    expectNamesAsTyped(await expectReadableLetter(eml, message), person);
    // The organisation's time zone: Europe/Amsterdam in December.
    expect(eml).toMatch(/^Date: .* \+0100\r$/m);
  });

  it.each(CASES)("%s (%s) to %o through Resend", async (name, language, person) => {
    const message = letterFor(name, language, person);
    const mailer = createResendMailer({ apiKey: "re_test", sleep: () => Promise.resolve() });
    const { eml } = await mailer.send(message);
    expectNamesAsTyped(await expectReadableLetter(eml, message), person);
    const [sent] = fake.sent;
    expect(sent?.to).toEqual(message.to);
    expect(sent?.to.join()).not.toContain("=?");
    expect(sent?.subject).toBe(message.subject);
  });

  it("addresses the complainant by the name as typed", async () => {
    for (const person of PEOPLE) {
      const message = letterFor("acknowledgement", "nl", person);
      const parsed = await expectReadableLetter(
        (
          await createOutboxMailer({ dir: outbox }).send({
            ...message,
            idempotencyKey: `named-${person.email}`,
          })
        ).eml,
        message,
      );
      expect(parsed.to).toEqual([{ name: person.name, address: person.email }]);
      expect(parsed.text).toContain(`Beste ${person.name},`);
    }
  });
});
