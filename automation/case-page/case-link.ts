import { createHmac, createSecretKey, timingSafeEqual } from "node:crypto";
import { ID_PATTERN, type Dossier } from "../domain/dossier-schema.ts";
import { maskToken } from "./mask-token.ts";

export { REDACTED_TOKEN } from "./mask-token.ts";

/**
 * The complainant's personal link to their case's page:
 * `<site>/zaak/<ID>/<token>` (English: `/en/case/<ID>/<token>`). The token is
 * an HMAC-SHA256 of the dossier id and its link generation under a key kept
 * outside git, cut to 192 bits and written in base64url: unguessable, the same
 * every time a letter is rendered (letters are reconciled and may go out
 * later), and nothing in the repository can make one. Raising
 * `page_link.generation` in the dossier revokes every link sent so far;
 * `page_link.revoked: true` turns the page off. Pure apart from the key.
 */

/** Bytes of the HMAC kept in a token: 24 bytes, 192 bits, 32 characters of base64url. */
const TOKEN_BYTES = 24;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
/** The shortest key accepted: 32 bytes. */
export const MIN_KEY_BYTES = 32;

export type PageLanguage = "nl" | "en";

/** The page's path prefix per language. */
export const CASE_PAGE_PREFIX: Record<PageLanguage, string> = { nl: "/zaak/", en: "/en/case/" };

export interface CaseLinks {
  /** The token of a dossier's current link, or undefined when its page is turned off. */
  token(dossier: Pick<Dossier, "id" | "page_link">): string | undefined;
  /** The full link for letters, or undefined when the page is off. */
  url(dossier: Pick<Dossier, "id" | "page_link" | "language">): string | undefined;
  /**
   * Whether `token` opens the page of `dossier` (undefined: no such dossier).
   * The same work on every path: one HMAC and one constant-time comparison.
   */
  opens(id: string, token: string, dossier: Pick<Dossier, "page_link"> | undefined): boolean;
  /**
   * `text` (a letter as RFC 5322 text) with the dossier's token masked, so that
   * the copy kept in the repository holds no working link. The mask has the
   * token's length and survives quoted-printable soft line breaks inside it
   * and base64 encoding (see `maskToken`).
   */
  redact(text: string, dossier: Pick<Dossier, "id" | "page_link">): string;
  /**
   * A received message's bytes with the token of the dossier's current link
   * masked as `redact` does, also while the link is revoked (setting
   * `revoked` back would make it work again): a reply that quotes our letter
   * is kept without a working link, every other byte as received.
   */
  redactReceived(raw: Uint8Array, dossier: Pick<Dossier, "id" | "page_link">): Uint8Array;
}

/** The links of a site (`siteUrl`, e.g. https://klachten.example.nl) under `key`. */
export function createCaseLinks(key: Uint8Array, siteUrl: string): CaseLinks {
  if (key.byteLength < MIN_KEY_BYTES) {
    throw new RangeError(`the page key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  const site = siteUrl.replace(/\/+$/, "");
  // Imported once: preparing a raw key for every link costs more than the HMAC itself.
  const secret = createSecretKey(key);
  const mac = (id: string, generation: number) =>
    createHmac("sha256", secret)
      .update(`docket case page\0${id}\0${generation}`)
      .digest()
      .subarray(0, TOKEN_BYTES);
  const generationOf = (d: Pick<Dossier, "page_link"> | undefined) => d?.page_link?.generation ?? 1;
  const links: CaseLinks = {
    token(dossier) {
      if (dossier.page_link?.revoked === true) return undefined;
      return mac(dossier.id, generationOf(dossier)).toString("base64url");
    },
    url(dossier) {
      const token = links.token(dossier);
      return token === undefined
        ? undefined
        : `${site}${CASE_PAGE_PREFIX[dossier.language]}${dossier.id}/${token}`;
    },
    opens(id, token, dossier) {
      const expected = mac(id, generationOf(dossier));
      // A token of the wrong shape is compared with a stand-in of the right length: the same work.
      const given = TOKEN_PATTERN.test(token)
        ? Buffer.from(token, "base64url")
        : Buffer.alloc(TOKEN_BYTES);
      const same = given.length === TOKEN_BYTES && timingSafeEqual(given, expected);
      return (
        same &&
        TOKEN_PATTERN.test(token) &&
        ID_PATTERN.test(id) &&
        dossier !== undefined &&
        dossier.page_link?.revoked !== true
      );
    },
    redact(text, dossier) {
      const token = links.token(dossier);
      return token === undefined ? text : maskToken(text, token);
    },
    redactReceived(raw, dossier) {
      const token = mac(dossier.id, generationOf(dossier)).toString("base64url");
      const text = Buffer.from(raw).toString("latin1");
      const masked = maskToken(text, token);
      return masked === text ? raw : new Uint8Array(Buffer.from(masked, "latin1"));
    },
  };
  return links;
}
