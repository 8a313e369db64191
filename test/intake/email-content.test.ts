import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createEmailHarness,
  htmlPart,
  readDossier,
  receivedMail as mail,
  type EmailHarness,
} from "../support/email-harness.ts";
import { createResendInboundFake } from "../support/resend-inbound-fake.ts";

/**
 * What a complaint by e-mail carries, as it lands in the dossier and the
 * letters: subject, language, HTML and attachments (stored inertly).
 */

const resend = createResendInboundFake();
beforeAll(() => resend.listen());
afterAll(() => resend.close());

let h: EmailHarness;
beforeEach(async () => {
  resend.reset();
  h = await createEmailHarness();
});
afterEach(() => h.dispose());

const ACK = "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml";

describe("subject and language", () => {
  it("writes an English complaint without a subject in English", async () => {
    const english = mail({
      subject: "  ",
      text: "Dear Sir or Madam,\n\nI would like to complain about the invoice for October: it has hours that were not worked.\n\nKind regards,\nJohn Smith",
      from: "john.smith@example.com",
      message_id: "<20261124081258.4711@example.com>",
    });
    expect((await h.postEvent(resend.receive(english))).status).toBe(200);
    expect(readDossier(h).data).toMatchObject({
      language: "en",
      summary: "(no subject)",
      complainant: { name: "john.smith@example.com", email: "john.smith@example.com" },
      thread: "<20261124081258.4711@example.com>",
    });
    expect(h.show(ACK)).toMatch(/^Subject: We have received your complaint/m);
  });

  it("cuts a long subject to one line of 140 characters and keeps it whole in the text", async () => {
    const subject = `Fwd: RE: Klacht over\r\n de planning ${"en nog veel meer ".repeat(12)}einde`;
    expect((await h.postEvent(resend.receive(mail({ subject })))).status).toBe(200);
    const { data, words } = readDossier(h);
    expect(data.summary).toHaveLength(140);
    expect(data.summary).toMatch(/^Klacht over de planning en nog .*…$/);
    expect(words).toMatch(
      /^Onderwerp: Klacht over de planning (en nog veel meer )+einde\n\nGeachte/,
    );
  });

  it("takes a quoted display name as the complainant's name", async () => {
    const from = '"Jansen, Eva \\"EJ\\"" <Eva.Jansen@Example.nl>';
    expect((await h.postEvent(resend.receive(mail({ from })))).status).toBe(200);
    expect(readDossier(h).data.complainant).toMatchObject({
      name: 'Jansen, Eva "EJ"',
      email: "Eva.Jansen@Example.nl",
    });
    expect(h.show(ACK)).toMatch(/^To: "Jansen, Eva \\"EJ\\"" <Eva\.Jansen@Example\.nl>\r$/m);
  });

  it("leaves out a Message-ID that letters could not answer", async () => {
    expect((await h.postEvent(resend.receive(mail({ message_id: "<example+123>" })))).status).toBe(
      200,
    );
    expect(readDossier(h).data).not.toHaveProperty("thread");
    expect(h.show(ACK)).not.toMatch(/^In-Reply-To:/m);
  });
});

describe("what the mail carries is stored inertly", () => {
  it("HTML-only mail becomes plain text; its markup never reaches the dossier or a letter", async () => {
    const html =
      '<html><head><title>Klacht</title><style>p{color:red}</style><script>alert("head")</script></head>' +
      "<body><p>Geachte heer,</p><p>De factuur van &euro;&nbsp;120 klopt niet &amp; ik wil &lt;b&gt;uitleg&lt;/b&gt;.</p>" +
      '<img src="x" onerror="alert(1)"><div>Zie <a href="https://example.nl/f?a=1&amp;b=2" title="a > b">mijn factuur</a></div>' +
      "<!-- <p>verborgen</p> --><script>document.write('<p>x</p>')</script>Groet,<br>Eva</body></html>";
    const subject = "<script>alert(1)</script> Factuur & uren";
    const response = await h.postEvent(resend.receive(mail({ text: null, html, subject })));
    expect(response.status).toBe(200);

    const { body, words, data } = readDossier(h);
    expect(words).toBe(
      "Geachte heer,\n\nDe factuur van € 120 klopt niet & ik wil <b>uitleg</b>.\n\nZie mijn factuur (https://example.nl/f?a=1&b=2)\nGroet,\nEva",
    );
    const outsideFence = body.replace(/^(~{3,})text\n[\s\S]*?\n\1$/m, "");
    expect(outsideFence).toContain("## Klacht");
    expect(outsideFence).not.toMatch(/</);
    expect(data.summary).toBe(subject);
    const letter = htmlPart(h.show(ACK));
    expect(letter).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Factuur &amp; uren");
    expect(letter).not.toMatch(/<script|onerror/i);
  });

  it("keeps accepted attachments, drops an .exe with a note, and sends Resend's key only to Resend", async () => {
    const pdf = new Uint8Array([...Buffer.from("%PDF-1.7\n"), 0, 1, 2, 3]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
    const attachments = [
      {
        filename: "logo.png",
        content_type: "image/png",
        bytes: png,
        content_disposition: "inline",
      },
      { filename: "Factuur oktober.pdf", content_type: "application/pdf", bytes: pdf },
      { filename: "../virus.exe", content_type: "application/x-msdownload", bytes: exe },
    ] as const;
    expect(
      (await h.postEvent(resend.receive(mail({ attachments: [...attachments] })))).status,
    ).toBe(200);

    expect(h.files("dossiers/2026/KL-2026-0001/attachments/")).toEqual([
      "dossiers/2026/KL-2026-0001/attachments/01-Factuur-oktober.pdf",
      "dossiers/2026/KL-2026-0001/attachments/02-logo.png",
    ]);
    const { words, body } = readDossier(h);
    expect(words).toMatch(
      /Eva Jansen\n\n\[Docket\] Bijlage niet opgenomen: virus\.exe \(geen PDF, JPEG, PNG, Word- of tekstbestand\)$/,
    );
    expect(body).toContain("- [01-Factuur-oktober.pdf](attachments/01-Factuur-oktober.pdf)");
    expect(body).not.toMatch(/attachments\/[^)]*(virus|exe)/);
    expect(resend.downloadAuthorization).toEqual([null, null, null]);
  });
});
