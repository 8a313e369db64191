import { describe, expect, it } from "vitest";
import {
  createCaseLinks,
  REDACTED_TOKEN,
  TOKEN_PATTERN,
} from "../../automation/case-page/case-link.ts";
import { quotedPrintable } from "../../automation/mail/mime.ts";

const links = createCaseLinks(Buffer.alloc(32, 1), "https://klachten.example.nl/");
const dossier = { id: "KL-2026-0001", language: "nl" as const };

describe("personal links", () => {
  it("are 192 bits of an HMAC, the same every time, different per dossier, key and generation", () => {
    const token = links.token(dossier) ?? "";
    expect(token).toMatch(TOKEN_PATTERN);
    expect(Buffer.from(token, "base64url")).toHaveLength(24);
    expect(links.token(dossier)).toBe(token);
    expect(links.token({ id: "KL-2026-0002" })).not.toBe(token);
    expect(createCaseLinks(Buffer.alloc(32, 2), "https://x").token(dossier)).not.toBe(token);
    expect(links.token({ ...dossier, page_link: { generation: 2 } })).not.toBe(token);
    expect(links.token({ ...dossier, page_link: { generation: 1 } })).toBe(token);
    expect(links.url(dossier)).toBe(`https://klachten.example.nl/zaak/KL-2026-0001/${token}`);
    expect(links.url({ ...dossier, language: "en" })).toBe(
      `https://klachten.example.nl/en/case/KL-2026-0001/${token}`,
    );
  });

  it("open only their own dossier's page, at its current generation, unless revoked", () => {
    const token = links.token(dossier) ?? "";
    expect(links.opens(dossier.id, token, {})).toBe(true);
    expect(links.opens(dossier.id, token, undefined)).toBe(false);
    expect(links.opens("KL-2026-0002", token, {})).toBe(false);
    expect(links.opens(dossier.id, token, { page_link: { generation: 2 } })).toBe(false);
    expect(links.opens(dossier.id, token, { page_link: { revoked: true } })).toBe(false);
    expect(links.opens(dossier.id, token.slice(0, 31), {})).toBe(false);
    expect(links.opens(dossier.id, `${token.slice(0, 31)}=`, {})).toBe(false);
    expect(links.opens(dossier.id, token.toLowerCase(), {})).toBe(token === token.toLowerCase());
    expect(links.token({ ...dossier, page_link: { revoked: true } })).toBeUndefined();
    expect(links.url({ ...dossier, page_link: { revoked: true } })).toBeUndefined();
  });

  it("refuse a key shorter than 32 bytes", () => {
    expect(() => createCaseLinks(Buffer.alloc(16), "https://x")).toThrow(/at least 32 bytes/);
  });

  it("are masked in a kept copy, also where quoted-printable breaks the line inside the token", () => {
    const token = links.token(dossier) ?? "";
    const url = links.url(dossier) ?? "";
    // A line long enough that the soft break falls inside the token.
    const text = `Op je eigen pagina zie je hoe het met je klacht staat, ook hier: ${url}\n<a href="${url}">${url}</a>`;
    const encoded = quotedPrintable(text);
    const count = (t: string) => t.split(token).length - 1;
    expect(count(encoded.replace(/=\r\n/g, ""))).toBe(3);
    expect(count(encoded)).toBeLessThan(3);
    const redacted = links.redact(encoded, dossier);
    expect(redacted.replace(/=\r\n/g, "")).not.toContain(token);
    expect(redacted.replace(/=\r\n/g, "").split(REDACTED_TOKEN)).toHaveLength(4);
    // Only the token's characters changed: the line structure of the copy stays valid.
    expect(redacted.split("\r\n").map((l) => l.length)).toEqual(
      encoded.split("\r\n").map((l) => l.length),
    );
  });
});
