/**
 * Colour arithmetic for the theme (WCAG 2.2 contrast). The organisation's
 * colours come from config; these functions make sure what is drawn with
 * them stays readable on a light and on a dark background. Pure.
 */

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new RangeError(`Not a colour as #rrggbb: ${hex}`);
  return [1, 2, 3].map((i) => parseInt(match[i] ?? "0", 16)) as Rgb;
}

function format(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

/** Relative luminance (WCAG 2.2, 1.4.3). */
export function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `colour` moved towards `target` by `amount` (0 to 1). */
export function mix(colour: string, target: string, amount: number): string {
  const from = parse(colour);
  const to = parse(target);
  return format(from.map((c, i) => c + ((to[i] ?? c) - c) * amount) as Rgb);
}

/**
 * `colour` itself when it has at least `ratio` contrast with `background`,
 * else the nearest shade (towards white on a dark background, towards black
 * on a light one) that has.
 */
export function readableOn(colour: string, background: string, ratio: number): string {
  const target = luminance(background) < 0.18 ? "#ffffff" : "#000000";
  for (let step = 0; step <= 20; step++) {
    const shade = mix(colour, target, step / 20);
    if (contrast(shade, background) >= ratio) return shade;
  }
  return target;
}

/** White or near-black text, whichever reads better on `background`. */
export function textOn(background: string): string {
  return contrast("#ffffff", background) >= contrast("#111111", background) ? "#ffffff" : "#111111";
}
