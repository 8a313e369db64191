import { contrast, readableOn, textOn } from "./colours.ts";

/**
 * The site's colours as CSS custom properties, light and dark, from the
 * organisation's two house colours. Each colour is shifted only as far as
 * needed to meet WCAG 2.2 AA on its background: text and links 4.5:1,
 * focus rings and field borders 3:1.
 */

interface Palette {
  bg: string;
  text: string;
  muted: string;
  line: string;
  fieldBg: string;
  fieldBorder: string;
  heading: string;
  link: string;
  focus: string;
  error: string;
  buttonBg: string;
  buttonText: string;
  band: string;
}

function palette(
  base: Omit<Palette, "heading" | "link" | "focus" | "buttonBg" | "buttonText" | "band">,
  primary: string,
  accent: string,
  dark: boolean,
): Palette {
  const heading = readableOn(primary, base.bg, 4.5);
  // The button carries text: its colour must read on the page and under its label.
  const buttonBg = dark ? heading : readableOn(primary, "#ffffff", 4.5);
  return {
    ...base,
    heading,
    link: readableOn(accent, base.bg, 4.5),
    // Focus rings need 3:1 (WCAG 1.4.11); on dark backgrounds the link shade stands out better.
    focus: dark ? readableOn(accent, base.bg, 4.5) : readableOn(accent, base.bg, 3),
    buttonBg,
    buttonText: textOn(buttonBg),
    band: dark ? heading : primary,
  };
}

/** Throws when a pair the site draws together falls short of AA: a wrong theme never ships. */
function assertReadable(name: string, p: Palette): void {
  const pairs: [string, string, string, number][] = [
    ["text", p.text, p.bg, 4.5],
    ["muted", p.muted, p.bg, 4.5],
    ["heading", p.heading, p.bg, 4.5],
    ["link", p.link, p.bg, 4.5],
    ["error", p.error, p.bg, 4.5],
    ["focus", p.focus, p.bg, 3],
    ["field border", p.fieldBorder, p.bg, 3],
    ["field text", p.text, p.fieldBg, 4.5],
    ["button", p.buttonText, p.buttonBg, 4.5],
    ["button edge", p.buttonBg, p.bg, 3],
  ];
  for (const [what, fg, bg, ratio] of pairs) {
    const actual = contrast(fg, bg);
    if (actual < ratio)
      throw new Error(`Theme ${name}: ${what} ${fg} on ${bg} has contrast ${actual.toFixed(2)}`);
  }
}

function declarations(p: Palette): string {
  return Object.entries(p)
    .map(([key, value]) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${value}`)
    .join(";");
}

export function themeCss(colours: { primary: string; accent: string }): string {
  const light = palette(
    {
      bg: "#ffffff",
      text: "#1b1b1b",
      muted: "#4d4d4d",
      line: "#c8c8c8",
      fieldBg: "#ffffff",
      fieldBorder: "#6b6b6b",
      error: "#b3261e",
    },
    colours.primary,
    colours.accent,
    false,
  );
  const dark = palette(
    {
      bg: "#15171a",
      text: "#eceff1",
      muted: "#c2c7cc",
      line: "#3b4047",
      fieldBg: "#1e2125",
      fieldBorder: "#8d949b",
      error: "#ff8a80",
    },
    colours.primary,
    colours.accent,
    true,
  );
  assertReadable("light", light);
  assertReadable("dark", dark);
  return `:root{color-scheme:light dark;${declarations(light)}}@media (prefers-color-scheme:dark){:root{${declarations(dark)}}}`;
}
