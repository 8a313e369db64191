import { describe, expect, it } from "vitest";
import {
  displayAddress,
  formatAddress,
  InvalidHeaderError,
  parseAddress,
  renderEml,
} from "../../automation/mail/eml.ts";
import type { OutgoingMessage } from "../../automation/mail/mailer.ts";

function message(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    idempotencyKey: "KL-2026-0001/new_case",
    from: "Interforce Klachten <klachten@interforce.eu>",
    to: ["Eva Jansen <eva.jansen@example.nl>"],
    replyTo: "klachten@interforce.eu",
    subject: "Je klacht KL-2026-0001 is ontvangen",
    text: "Beste Eva,\n\nWe hebben je klacht ontvangen.\n",
    html: '<!doctype html><html lang="nl"><body><p>Beste Eva,</p></body></html>',
    messageId: "<KL-2026-0001.new_case@interforce.eu>",
    inReplyTo: "<KL-2026-0001@interforce.eu>",
    references: ["<KL-2026-0001@interforce.eu>"],
    date: new Date("2026-11-24T08:13:05Z"),
    ...overrides,
  };
}

/** Headers (unfolded) and body of an eml text. */
function parse(eml: string) {
  const [head = "", body = ""] = eml.split("\r\n\r\n", 2) as [string, string];
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n(?=[ \t])/g, "").split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return { headers, body: eml.slice(head.length + 4) || body };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8").replace(/\r\n/g, "\n");
}

/** RFC 2047: white space between two encoded-words is dropped, elsewhere kept. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) =>
      Buffer.from(b64, "base64").toString("utf8"),
    );
}

/** A MIME part's headers and its decoded body (the CRLF before the next boundary belongs to it). */
function splitPart(part: string): { head: string; body: string } {
  const start = part.indexOf("\r\n\r\n");
  const body = part.slice(start + 4).replace(/\r\n$/, "");
  return { head: part.slice(2, start), body: decodeQuotedPrintable(body) };
}

describe("renderEml", () => {
  it("writes the headers in order, with threading, and both parts", () => {
    const eml = renderEml(message());
    const { headers, body } = parse(eml);
    expect([...headers.keys()]).toEqual([
      "Date",
      "From",
      "To",
      "Reply-To",
      "Subject",
      "Message-ID",
      "In-Reply-To",
      "References",
      "MIME-Version",
      "Content-Type",
    ]);
    expect(headers.get("Date")).toBe("Tue, 24 Nov 2026 08:13:05 +0000");
    expect(headers.get("From")).toBe("Interforce Klachten <klachten@interforce.eu>");
    expect(headers.get("To")).toBe("Eva Jansen <eva.jansen@example.nl>");
    expect(headers.get("Message-ID")).toBe("<KL-2026-0001.new_case@interforce.eu>");
    expect(headers.get("In-Reply-To")).toBe("<KL-2026-0001@interforce.eu>");
    expect(headers.get("References")).toBe("<KL-2026-0001@interforce.eu>");
    const boundary = /boundary="([^"]+)"/.exec(headers.get("Content-Type") ?? "")?.[1];
    expect(boundary).toMatch(/^=_docket_[0-9a-f]{32}$/);

    const parts = body.split(`--${boundary}`);
    expect(parts).toHaveLength(4);
    expect(parts[3]).toBe("--\r\n");
    const text = splitPart(parts[1] ?? "");
    expect(text.head).toBe(
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
    );
    expect(text.body).toBe(message().text);
    const html = splitPart(parts[2] ?? "");
    expect(html.head).toContain("text/html; charset=utf-8");
    expect(html.body).toBe(message().html);
  });

  it("uses CRLF only and keeps every line within 78 characters", () => {
    const long = "Een heel lange regel met véél woorden ".repeat(20);
    const eml = renderEml(
      message({ subject: `KL-2026-0001 ${long}`.trim(), text: long, html: `<p>${long}</p>` }),
    );
    expect(eml.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of eml.split("\r\n")) expect(line.length).toBeLessThanOrEqual(78);
  });

  it("renders the same bytes for the same message, and another boundary for other content", () => {
    expect(renderEml(message())).toBe(renderEml(message()));
    const other = renderEml(message({ text: "Iets anders" }));
    expect(/boundary="([^"]+)"/.exec(other)?.[1]).not.toBe(
      /boundary="([^"]+)"/.exec(renderEml(message()))?.[1],
    );
  });

  it("encodes non-ASCII names and subjects as RFC 2047 encoded-words", () => {
    const eml = renderEml(
      message({
        to: ["Zoë Çelik-Østergård <zoe@example.nl>"],
        subject: "Klacht KL-2026-0001: ‘café’ — ëxtra",
      }),
    );
    expect(eml).not.toMatch(/[^\p{ASCII}]/u);
    const { headers } = parse(eml);
    expect(headers.get("To")).toMatch(/^=\?UTF-8\?B\?.*\?= <zoe@example\.nl>$/);
    expect(decodeWords(headers.get("To") ?? "")).toBe("Zoë Çelik-Østergård <zoe@example.nl>");
    expect(decodeWords(headers.get("Subject") ?? "")).toBe("Klacht KL-2026-0001: ‘café’ — ëxtra");
  });

  it("quotes display names with specials, and keeps text with dots and '=' exact", () => {
    const { headers } = parse(renderEml(message({ to: ['Jansen, Eva "E." <eva@example.nl>'] })));
    expect(headers.get("To")).toBe('"Jansen, Eva \\"E.\\"" <eva@example.nl>');
    const text = ".begin\n=?UTF-8?B?x?= a=b \nend\t";
    const eml = renderEml(message({ text }));
    expect(eml).toContain("\r\n=2Ebegin\r\n");
    expect(splitPart(eml.split(/--=_docket_\w+/)[1] ?? "").body).toBe(text);
  });

  it.each([
    ["a name", { to: ["Eva\r\nBcc: all@example.nl <eva@example.nl>"] }, "To"],
    ["a subject", { subject: "Klacht\r\nBcc: all@example.nl" }, "Subject"],
    ["a subject with only LF", { subject: "Klacht\nX-Evil: 1" }, "Subject"],
    ["an address", { to: ["eva@example.nl\r\nBcc: all@example.nl"] }, "To"],
    ["the sender", { from: "Klachten <klachten@interforce.eu>\nBcc: x@y.nl" }, "From"],
    ["Reply-To", { replyTo: "klachten@interforce.eu\r\nX: y" }, "Reply-To"],
    ["a message id", { messageId: "<a@b>\r\nBcc: x@y.nl" }, "Message-ID"],
    ["In-Reply-To", { inReplyTo: "<a@b>\n" }, "In-Reply-To"],
    ["References", { references: ["<a@b>", "<c@d>\rX: y"] }, "References"],
    ["a NUL in a subject", { subject: "Klacht\u0000" }, "Subject"],
  ])("refuses a line break or control character in %s, naming the header", (_, change, header) => {
    let caught: unknown;
    try {
      renderEml(message(change));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidHeaderError);
    expect((caught as InvalidHeaderError).header).toBe(header);
    expect((caught as Error).message).toContain(`${header} header refused`);
  });

  it("refuses what is not an address or a message id", () => {
    expect(() => renderEml(message({ to: ["not an address"] }))).toThrow(/To header refused/);
    expect(() => renderEml(message({ to: [] }))).toThrow(/To header refused: no recipient/);
    expect(() => renderEml(message({ messageId: "KL-2026-0001" }))).toThrow(/Message-ID/);
    expect(() => renderEml(message({ date: new Date(Number.NaN) }))).toThrow(/Date/);
  });
});

describe("parseAddress / formatAddress", () => {
  it("reads bare, named and quoted addresses", () => {
    expect(parseAddress("klachten@interforce.eu")).toEqual({ address: "klachten@interforce.eu" });
    expect(parseAddress("Interforce Klachten <klachten@interforce.eu>")).toEqual({
      name: "Interforce Klachten",
      address: "klachten@interforce.eu",
    });
    expect(parseAddress('"Jansen, Eva" <eva@example.nl>')).toEqual({
      name: "Jansen, Eva",
      address: "eva@example.nl",
    });
  });

  it("round-trips names through formatting", () => {
    for (const name of ["Eva Jansen", "Jansen, Eva", 'Eva "E" \\ Jansen', "Zoë Ø", "a <b@c.nl>"]) {
      const text = formatAddress({ name, address: "eva@example.nl" });
      expect(text).toMatch(/ <eva@example\.nl>$/);
      const shown = /^=\?/.test(text) ? decodeWords(text) : text;
      expect(parseAddress(shown)).toEqual({ name, address: "eva@example.nl" });
    }
    // A name that looks like an encoded-word is itself encoded, so it is shown literally.
    const tricky = formatAddress({ name: "=?UTF-8?B?eA==?=", address: "a@b.nl" });
    expect(tricky).not.toContain("=?UTF-8?B?eA==?=");
    expect(decodeWords(tricky)).toBe("=?UTF-8?B?eA==?= <a@b.nl>");
  });
});

describe("one encoding of display names", () => {
  it.each([
    ["Zoë Müller-Çelik", "Zoë Müller-Çelik <zoe@example.nl>"],
    ["Jansen, Piet", '"Jansen, Piet" <zoe@example.nl>'],
    ['Piet "de Baas" Jansen', '"Piet \\"de Baas\\" Jansen" <zoe@example.nl>'],
    ["=?UTF-8?B?eA==?=", '"=?UTF-8?B?eA==?=" <zoe@example.nl>'],
  ])("shows %s as typed, quoted where needed, never encoded", (name, shown) => {
    const text = displayAddress({ name, address: "zoe@example.nl" });
    expect(text).toBe(shown);
    expect(parseAddress(text)).toEqual({ name, address: "zoe@example.nl" });
  });

  it("encodes a name once when the letter is written, however it arrived", () => {
    const typed = renderEml(message({ to: ["Zoë Müller-Çelik <zoe@example.nl>"] }));
    const encoded = renderEml(
      message({
        to: [`${formatAddress({ name: "Zoë Müller-Çelik", address: "zoe@example.nl" })}`],
      }),
    );
    expect(typed).toContain("To: =?UTF-8?B?Wm/DqyBNw7xsbGVyLcOHZWxpaw==?= <zoe@example.nl>\r\n");
    expect(encoded).toBe(typed);
  });

  it("takes a quoted name literally, encoded-word look-alikes included", () => {
    expect(parseAddress('"=?UTF-8?B?eA==?=" <a@example.nl>').name).toBe("=?UTF-8?B?eA==?=");
    expect(parseAddress("=?UTF-8?B?eA==?= <a@example.nl>").name).toBe("x");
  });
});

describe("the Date header", () => {
  it.each([
    ["UTC by default", undefined, "Tue, 24 Nov 2026 08:13:05 +0000"],
    ["in winter in Amsterdam", "Europe/Amsterdam", "Tue, 24 Nov 2026 09:13:05 +0100"],
    ["in Tokyo, a day later", "Asia/Tokyo", "Tue, 24 Nov 2026 17:13:05 +0900"],
    ["in New York", "America/New_York", "Tue, 24 Nov 2026 03:13:05 -0500"],
  ])("is written %s", (_, timeZone, header) => {
    const eml = renderEml(message(timeZone ? { timeZone } : {}));
    expect(eml).toContain(`Date: ${header}\r\n`);
  });

  it("is in summer time in summer", () => {
    const eml = renderEml(
      message({ date: new Date("2026-07-01T22:30:00Z"), timeZone: "Europe/Amsterdam" }),
    );
    expect(eml).toContain("Date: Thu, 2 Jul 2026 00:30:00 +0200\r\n");
  });

  it("refuses an unknown time zone, naming it", () => {
    expect(() => renderEml(message({ timeZone: "Europe/Atlantis" }))).toThrow(
      /Date header refused: unknown time zone "Europe\/Atlantis"/,
    );
  });
});
