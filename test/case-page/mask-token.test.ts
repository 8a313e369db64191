import { describe, expect, it } from "vitest";
import { createCaseLinks } from "../../automation/case-page/case-link.ts";
import { maskToken, REDACTED_TOKEN } from "../../automation/case-page/mask-token.ts";
import { quotedPrintable } from "../../automation/mail/mime.ts";

const TOKEN = "qGz7AXStIHp4n-BtwWRVWJ0vSa3t11yZ";
const URL = `https://klachten.example.nl/zaak/KL-2026-0001/${TOKEN}`;
const base64Lines = (text: string, width = 76) =>
  (
    Buffer.from(text, "latin1")
      .toString("base64")
      .match(new RegExp(`.{1,${width}}`, "g")) ?? []
  )
    .join("\r\n")
    .concat("\r\n");
const decodeBase64 = (lines: string) => Buffer.from(lines.replace(/\r\n/g, ""), "base64");
const lineLengths = (text: string) => text.split(/\r?\n/).map((l) => l.length);

describe("maskToken", () => {
  it("masks a token as written, character for character", () => {
    const text = `Zie ${URL} en <a href="${URL}">${URL}</a>\n`;
    const masked = maskToken(text, TOKEN);
    expect(masked).not.toContain(TOKEN);
    expect(masked.split(REDACTED_TOKEN)).toHaveLength(4);
    expect(masked.length).toBe(text.length);
    expect(masked.replaceAll(REDACTED_TOKEN, TOKEN)).toBe(text);
  });

  it("masks a token broken by a quoted-printable soft line break, keeping the lines", () => {
    const encoded = quotedPrintable(`> Je eigen pagina: ${URL} (bewaar hem goed)`);
    expect(encoded).not.toContain(TOKEN);
    const masked = maskToken(encoded, TOKEN);
    expect(masked.replace(/=\r\n/g, "")).toContain(REDACTED_TOKEN);
    expect(lineLengths(masked)).toEqual(lineLengths(encoded));
  });

  it.each([0, 1, 2, 5, 40])(
    "masks a token in a base64 part (offset %i), re-encoded into lines of the same lengths",
    (offset) => {
      const text = `${"x".repeat(offset)}Beste Eva,\r\n> Bekijk je zaak: ${URL}\r\nGroet\r\n`;
      const part = `Content-Transfer-Encoding: base64\r\n\r\n${base64Lines(text)}--grens--\r\n`;
      const masked = maskToken(part, TOKEN);
      expect(masked).not.toBe(part);
      expect(lineLengths(masked)).toEqual(lineLengths(part));
      const body = masked.slice(masked.indexOf("\r\n\r\n") + 4, masked.indexOf("--grens"));
      expect(decodeBase64(body).toString("latin1")).toBe(text.replace(TOKEN, REDACTED_TOKEN));
      // Only the base64 characters that carry the token changed.
      const changed = [...masked].filter((c, i) => c !== part[i]).length;
      expect(changed).toBeLessThanOrEqual(Math.ceil((TOKEN.length * 4) / 3) + 4);
    },
  );

  it("masks a token in a message inside a base64 part (a forward), with a soft break in it", () => {
    const inner = `Content-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(`Je pagina: ${URL}`)}\r\n`;
    expect(inner).not.toContain(TOKEN);
    const outer = `Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(inner, 64)}`;
    const masked = maskToken(outer, TOKEN);
    const decoded = decodeBase64(masked.slice(masked.indexOf("\r\n\r\n") + 4)).toString("latin1");
    expect(decoded.replace(/=\r\n/g, "")).toContain(REDACTED_TOKEN);
    expect(decoded.replace(/=\r\n/g, "")).not.toContain(TOKEN);
  });

  it("leaves everything else as it is: other parts, text that looks like base64, another token", () => {
    const other = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    const text = [
      "Subject: Re: KL-2026-0001",
      "",
      "Groet",
      "QmVzdGUgYmVoYW5kZWxhYXIsCgpNaWpuIGNvbGxlZ2EgWm/DqyDDh2VsaWsgaGVlZnQgZGUgdXJl",
      `https://klachten.example.nl/zaak/KL-2026-0001/${other}`,
      "",
    ].join("\r\n");
    expect(maskToken(text, TOKEN)).toBe(text);
  });
});

describe("redactReceived", () => {
  const links = createCaseLinks(Buffer.alloc(32, 3), "https://klachten.example.nl");
  const dossier = { id: "KL-2026-0001", language: "nl" as const };

  it("masks the current link's token in the bytes, even while the link is revoked", () => {
    const token = links.token(dossier) ?? "";
    const raw = Buffer.from(`From: a@b\r\nX: \xe9\r\n\r\n> ${links.url(dossier)}\r\n`, "latin1");
    const masked = Buffer.from(links.redactReceived(raw, dossier));
    expect(masked.length).toBe(raw.length);
    expect(masked.toString("latin1")).not.toContain(token);
    expect(masked.toString("latin1").replace(REDACTED_TOKEN, token)).toBe(raw.toString("latin1"));
    const revoked = { ...dossier, page_link: { revoked: true } };
    expect(Buffer.from(links.redactReceived(raw, revoked)).equals(masked)).toBe(true);
    const next = { ...dossier, page_link: { generation: 2 } };
    expect(Buffer.from(links.redactReceived(raw, next)).equals(raw)).toBe(true);
  });

  it("gives back the same bytes when there is nothing to mask", () => {
    const raw = new Uint8Array(Buffer.from("From: a@b\r\n\r\nDank je wel.\r\n"));
    expect(links.redactReceived(raw, dossier)).toBe(raw);
  });
});
