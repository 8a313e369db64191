import { describe, expect, it } from "vitest";
import { composeLetter, LETTERS } from "../../automation/letters/letters.ts";
import type { LetterName } from "../../automation/letters/letters.ts";
import { renderEml } from "../../automation/mail/eml.ts";
import { configIn, fullDossier, now, OPTIONS, templates, VALUES } from "./letter-fixtures.ts";

const COMPLAINANT = "Eva Jansen <eva.jansen@example.nl>";
const HANDLER = "Sanne de Vries <sanne.devries@example.nl>";
const INSURER = '"Voorbeeld Beroepsaansprakelijkheid N.V." <schade@example.nl>';
const STAFF = `${VALUES.staffName} <${VALUES.staffEmail}>`;
const ROOT = "<KL-2026-0001@interforce.eu>";
const OWN_THREAD = "<CAF=abc123@mail.example.nl>";

/** Each letter, its recipient, and the language it is in: an English dossier, a Dutch organisation. */
const ADDRESSING: [LetterName, string, "en" | "nl"][] = [
  ["acknowledgement", COMPLAINANT, "en"],
  ["new_case", HANDLER, "nl"],
  ["information_request", COMPLAINANT, "en"],
  ["hearing_request", STAFF, "nl"],
  ["insurer_notice", INSURER, "nl"],
  ["delay_notice", COMPLAINANT, "en"],
  ["judgement", COMPLAINANT, "en"],
  ["meeting_proposal", COMPLAINANT, "en"],
  ["reminder", HANDLER, "nl"],
  ["withdrawal_confirmation", COMPLAINANT, "en"],
  ["withdrawal_notice", HANDLER, "nl"],
  ["mail_received", HANDLER, "nl"],
  ["not_delivered", HANDLER, "nl"],
];

describe("addressing", () => {
  it("covers every letter", () => {
    expect(ADDRESSING.map(([name]) => name).sort()).toEqual(Object.keys(LETTERS).sort());
  });

  it.each(ADDRESSING)("%s goes to %s, in %s", (name, to, language) => {
    const message = composeLetter(name, fullDossier("en"), configIn("nl"), templates, OPTIONS);
    expect(message.to).toEqual([to]);
    expect(message.from).toBe("Interforce Klachten <klachten@interforce.eu>");
    expect(message.replyTo).toBe("klachten+KL-2026-0001@interforce.eu");
    expect(message.date).toBe(now);
    expect(message.html).toContain(`<html lang="${language}">`);
    expect(LETTERS[name].audience === "complainant").toBe(language === "en");
  });

  it.each([
    [true, "klachten+KL-2026-0001@interforce.eu"],
    [false, "klachten@interforce.eu"],
  ])("with mail.plus_addressing %s, every letter's Reply-To is %s", (plus, replyTo) => {
    const config = configIn("nl");
    const switched = { ...config, mail: { ...config.mail, plus_addressing: plus } };
    for (const name of Object.keys(LETTERS) as LetterName[]) {
      const message = composeLetter(name, fullDossier("en"), switched, templates, OPTIONS);
      expect(message.replyTo).toBe(replyTo);
      expect(renderEml(message)).toContain(`\r\nReply-To: ${replyTo}\r\n`);
    }
  });

  it("sends a hearing request to the staff member it is given, by name", () => {
    const second = composeLetter("hearing_request", fullDossier(), configIn("nl"), templates, {
      ...OPTIONS,
      staff: 1,
    });
    expect(second.to).toEqual([`${VALUES.otherStaffName} <${VALUES.otherStaffEmail}>`]);
    expect(second.text).toContain(`Beste ${VALUES.otherStaffName},`);
    expect(second.text).not.toContain(VALUES.staffName);
  });

  it("leaves the policy number out of the insurer notice when none is configured", () => {
    const config = configIn("en");
    const bare = { ...config, insurer: { name: "Insurer Ltd", email: "claims@insurer.example" } };
    const message = composeLetter("insurer_notice", fullDossier(), bare, templates, OPTIONS);
    expect(message.to).toEqual(["Insurer Ltd <claims@insurer.example>"]);
    expect(message.text).not.toMatch(/policy number/i);
  });
});

describe("threading, idempotency keys and message ids", () => {
  const names = Object.keys(LETTERS) as LetterName[];

  it.each(names)("%s has the key `<id>/<name>` by default, and `<id>/<key>` with one", (name) => {
    const plain = composeLetter(name, fullDossier(), configIn("nl"), templates, OPTIONS);
    expect(plain.idempotencyKey).toBe(`KL-2026-0001/${name}`);
    const key = `${name}-2`;
    const keyed = composeLetter(name, fullDossier(), configIn("nl"), templates, {
      ...OPTIONS,
      key,
    });
    expect(keyed.idempotencyKey).toBe(`KL-2026-0001/${key}`);
    if (name === "acknowledgement") {
      // It opens the dossier's thread: its Message-ID is the root, whatever its key.
      expect(keyed.messageId).toBe(ROOT);
      expect(keyed.inReplyTo).toBeUndefined();
    } else {
      expect(plain.messageId).toBe(`<KL-2026-0001.${name}@interforce.eu>`);
      expect(keyed.messageId).toBe(`<KL-2026-0001.${key}@interforce.eu>`);
      expect(keyed.inReplyTo).toBe(ROOT);
      expect(keyed.references).toEqual([ROOT]);
    }
    expect(renderEml(keyed)).toContain(`Message-ID: ${keyed.messageId}\r\n`);
  });

  it.each(names)(
    "%s joins the complainant's own thread only if it goes to the complainant",
    (name) => {
      const message = composeLetter(name, fullDossier(), configIn("nl"), templates, {
        ...OPTIONS,
        threadRoot: OWN_THREAD,
        key: `${name}-x`,
      });
      const root = LETTERS[name].audience === "complainant" ? OWN_THREAD : ROOT;
      expect(message.messageId).toBe(`<KL-2026-0001.${name}-x@interforce.eu>`);
      expect(message.inReplyTo).toBe(root);
      expect(message.references).toEqual([root]);
      expect(renderEml(message)).toContain(`In-Reply-To: ${root}\r\n`);
    },
  );

  it("gives two hearing requests of one dossier different keys and ids when keyed per person", () => {
    const [first, second] = [0, 1].map((staff) =>
      composeLetter("hearing_request", fullDossier(), configIn("nl"), templates, {
        ...OPTIONS,
        staff,
        key: `hearing_request-${staff + 1}`,
      }),
    );
    expect(first?.idempotencyKey).toBe("KL-2026-0001/hearing_request-1");
    expect(second?.idempotencyKey).toBe("KL-2026-0001/hearing_request-2");
    expect(first?.messageId).not.toBe(second?.messageId);
  });
});
