import type { Dossier } from "./dossier-schema.ts";

/** A letter a dossier should have had, named as its copy in `correspondence/` is. */
export interface OwedLetter {
  /** The template: `acknowledgement`, `new_case`, … */
  letter: string;
  /** Unique within the dossier: the letter, with a suffix where one letter goes to several people. */
  key: string;
}

/**
 * From a dossier's state, the letters it should have had (SPEC §6). Sending
 * is reconciled against this list, so it is never fired twice.
 */
export function lettersOwed(_dossier: Dossier): OwedLetter[] {
  return [
    { letter: "acknowledgement", key: "acknowledgement" },
    { letter: "new_case", key: "new_case" },
  ];
}

const COPY = /(?:^|\/)(\d{4})-([a-z0-9_-]+)\.eml$/;

/** The keys of the letters whose copies are in `correspondence/`, and the next copy's number. */
export function lettersSent(correspondence: readonly string[]): {
  keys: Set<string>;
  next: number;
} {
  const keys = new Set<string>();
  let max = 0;
  for (const file of correspondence) {
    const match = COPY.exec(file);
    if (!match) continue;
    keys.add(match[2] ?? "");
    max = Math.max(max, Number(match[1]));
  }
  return { keys, next: max + 1 };
}

/** `0001-acknowledgement.eml` */
export function copyName(number: number, key: string): string {
  return `${String(number).padStart(4, "0")}-${key}.eml`;
}
