import type { Language } from "./intake-messages.ts";

/**
 * The language of the correspondence for a complaint by e-mail. Rule: count
 * common function words of English and of Dutch in the first 3,000
 * characters (subject and text); a configured language with at least 3 of
 * its words and more than twice as many as the other's wins; otherwise the
 * first configured language. Words both languages use ("is", "was", "we",
 * "in") count for neither.
 */
export function guessLanguage(text: string, languages: readonly Language[]): Language {
  const fallback = languages[0] ?? "nl";
  const words =
    text
      .slice(0, 3000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  const en = words.filter((w) => ENGLISH.has(w)).length;
  const nl = words.filter((w) => DUTCH.has(w)).length;
  if (languages.includes("en") && en >= 3 && en > 2 * nl) return "en";
  if (languages.includes("nl") && nl >= 3 && nl > 2 * en) return "nl";
  return fallback;
}

const ENGLISH = words(`
  the and you your my our i am were have has this that with for not please dear regards would
  could been about from complaint invoice`);

const DUTCH = words(`
  de het een en ik je jij mijn wij ons onze niet met voor van dat die zijn heb heeft graag
  geachte groet groeten maar ook bij naar klacht factuur`);

function words(list: string): Set<string> {
  return new Set(list.trim().split(/\s+/));
}
