import { describe, expect, it } from "vitest";
import { faviconIco } from "../../site/src/lib/favicon-ico.ts";

/** Reads back the one 32×32 bitmap of the .ico: the pixel at (x, y) from the top, as [r, g, b, a]. */
function pixel(ico: Uint8Array, x: number, y: number): number[] {
  const at = 62 + ((31 - y) * 32 + x) * 4;
  return [ico[at + 2], ico[at + 1], ico[at], ico[at + 3]].map(Number);
}

describe("faviconIco", () => {
  const ico = faviconIco("#1f4e79");
  const view = new DataView(ico.buffer);

  it("is an icon file with one 32×32 image of 32 bits", () => {
    expect([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)]).toEqual([
      0, 1, 1,
    ]);
    expect([ico[6], ico[7], view.getUint16(12, true)]).toEqual([32, 32, 32]);
    expect(view.getUint32(14, true) + 22).toBe(ico.length);
  });

  it("draws the organisation's colour with a white tick and transparent corners", () => {
    expect(pixel(ico, 16, 4)).toEqual([0x1f, 0x4e, 0x79, 255]);
    expect(pixel(ico, 13, 21)).toEqual([255, 255, 255, 255]);
    expect(pixel(ico, 0, 0)[3]).toBe(0);
  });

  it("refuses a colour it cannot read, naming it", () => {
    expect(() => faviconIco("navy")).toThrow(/navy is not a colour like #1a5e9a/);
  });
});
