import { describe, expect, it } from "vitest";
import { bounceDetails } from "../../automation/mail/delivery-status.ts";
import { cutText, oneLine } from "../../automation/mail/one-line.ts";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("oneLine", () => {
  it.each([
    ["Eva\r\nJansen", "Eva Jansen"],
    ["  Eva \t Jansen  ", "Eva Jansen"],
    ["Eva\u2028Jansen\u0000", "Eva Jansen"],
    ["\u202eneslnaJ avE\u202c", "neslnaJ avE"],
    ["\u2066Zoë\u2069 Çelik", "Zoë Çelik"],
  ])("%j → %j", (text, expected) => {
    expect(oneLine(text)).toBe(expected);
  });
});

describe("cutText", () => {
  it.each([
    ["kort", 10, "kort"],
    ["precies tien", 12, "precies tien"],
    ["een te lange tekst", 10, "een te la…"],
    ["een te lange tekst", 8, "een te…"],
    ["ab😀cd", 4, "ab…"],
    ["ab😀cd", 5, "ab😀…"],
  ])("%j at %i → %j", (text, max, expected) => {
    const cut = cutText(text, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
    expect(cut).not.toMatch(LONE_SURROGATE);
  });
});

describe("one text for intake and the handler's letters", () => {
  it("cuts a bounce's reason as intake cuts a subject: at 300 characters, no space before the …", () => {
    const diagnostic = `${"a".repeat(292)} ${"b".repeat(40)}`;
    const raw = new TextEncoder().encode(
      `Content-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; ${diagnostic}\r\n`,
    );
    const { reason } = bounceDetails(raw, "0004-received-bounce-x.eml", "KL-2026-0001");
    expect(reason).toBe(`5.1.1 ${"a".repeat(292)}…`);
    expect(reason).toBe(cutText(`5.1.1 ${diagnostic}`, 300));
  });
});
