import { createHash } from "node:crypto";

/**
 * How a received mail is named in a dossier's `correspondence/`, beside the
 * copies of the letters Docket sent and numbered in the same order:
 * `0004-received-reply-3f2a9c1b0d4e5f60.eml`. The second word tells what it
 * is (`reply`, `untrusted`: a reply from someone the dossier does not name,
 * `own`: from the case's handler or one of our own addresses, `automatic`,
 * `bounce`); the last is the mail's fingerprint, so the same
 * mail is filed once however often it arrives. Pure.
 */
export const RECEIVED_KINDS = ["reply", "untrusted", "own", "automatic", "bounce"] as const;
export type ReceivedKind = (typeof RECEIVED_KINDS)[number];

const RECEIVED =
  /(?:^|\/)(\d{4})-received-(reply|untrusted|own|automatic|bounce)-([0-9a-f]{16})\.eml$/;

export interface ReceivedCopy {
  number: number;
  kind: ReceivedKind;
  fingerprint: string;
}

export function receivedName(number: number, kind: ReceivedKind, fingerprint: string): string {
  return `${String(number).padStart(4, "0")}-received-${kind}-${fingerprint}.eml`;
}

/** The received mail a `correspondence/` path names, or undefined for a letter Docket sent. */
export function parseReceivedName(path: string): ReceivedCopy | undefined {
  const match = RECEIVED.exec(path);
  if (!match) return undefined;
  return {
    number: Number(match[1]),
    kind: match[2] as ReceivedKind,
    fingerprint: match[3] ?? "",
  };
}

/**
 * A mail's fingerprint: from its Message-ID when it has one (a mail client
 * sends the same id every time it delivers the message), else from its bytes.
 */
export function mailFingerprint(messageId: string, raw: Uint8Array): string {
  const hash = createHash("sha256");
  if (messageId) hash.update(`message-id ${messageId}`);
  else hash.update(raw);
  return hash.digest("hex").slice(0, 16);
}
