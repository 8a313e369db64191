import type { CaseLinks } from "../case-page/case-link.ts";
import type { DocketConfig } from "../config/config-schema.ts";
import { DOCKET_TRAILER } from "../domain/check-change.ts";
import { dossierFolder, dossierPart, dossierPath } from "../domain/dossier-layout.ts";
import { ID_PATTERN, pageLinkSchema } from "../domain/dossier-schema.ts";
import { splitDossier } from "../domain/dossier-text.ts";
import { formatInstant } from "../domain/instant.ts";
import { lettersSent } from "../domain/letters-owed.ts";
import {
  mailFingerprint,
  parseReceivedName,
  receivedName,
  type ReceivedKind,
} from "../domain/received-copy.ts";
import { DocketError } from "../errors.ts";
import { chooseAttachments } from "../intake/email-complaint.ts";
import { mailboxAddress } from "../mail/eml.ts";
import type { DossierStore, StoredFile } from "../store/dossier-store.ts";
import {
  casePeople,
  classifyMail,
  senderRole,
  type MailKind,
  type SenderRole,
} from "./classify-mail.ts";
import { answersHearingRequest, hearingContext, recordResponse } from "./hearing-reply.ts";
import { returnedIds } from "./match-mail.ts";
import { readMail } from "./read-mail.ts";
import { senderAuthentication } from "./sender-authentication.ts";

export interface FileMailDeps {
  store: DossierStore;
  config: DocketConfig;
  clock: () => Date;
  /**
   * The complainants' personal links: a working link quoted in a received
   * mail is masked in the copy kept. Every path into `fileMail` passes the
   * runtime's (absent only where there is no page, so no link to leak).
   */
  caseLinks?: CaseLinks | undefined;
}

export interface FileMailOptions {
  /** When the mail arrived (the mail service's time, not the sender's Date); default now. */
  receivedAt?: Date;
}

export interface FiledMail {
  dossierId: string;
  /** The dossier's `dossier.md`: what `dispatch` takes to send the handler "mail received". */
  dossierPath: string;
  /** The received copy: `dossiers/<YYYY>/<ID>/correspondence/0004-received-reply-….eml`. */
  path: string;
  /** The commit that holds it (main's head when it was filed before). */
  commit: string;
  /** False when the same mail had been filed before: nothing was committed. */
  created: boolean;
  kind: ReceivedKind;
  sender: SenderRole;
  /** Attachments written under `attachments/` (paths); empty when filed before. */
  attachments: string[];
}

/** The dossier named does not exist. */
export class UnknownDossierError extends DocketError {
  constructor(id: string) {
    super("unknown_dossier", `there is no dossier ${id}`);
  }
}

/** Filings per store and dossier, one at a time: the same mail twice at once is filed once. */
const lanes = new WeakMap<DossierStore, Map<string, Promise<unknown>>>();

/**
 * Files one received message on a known dossier, in one Docket commit: the
 * exact bytes as `correspondence/NNNN-received-<kind>-<fingerprint>.eml`
 * (exact but for the dossier's personal link, masked at the same length)
 * (numbered after the letters and mail already there), the attachments
 * intake would accept under `attachments/` (numbered on from those there),
 * and, for a staff member's reply to their hearing request, their
 * `responded_at`. The same mail (same Message-ID, or same bytes) filed again
 * commits nothing and returns the first filing. A sender the dossier does
 * not name, or whose From address the receiving server reports as forged
 * (`senderAuthentication`), is filed as `untrusted` and changes no field; the handler's own
 * mail, or mail from our own addresses, as `own`. The handler's "mail
 * received" letter follows by reconciliation: `dispatch` the dossier after.
 * Throws `UnknownDossierError`, `UnreadableMailError`, or the store's errors
 * (`StoreUnavailableError`: keep the mail and try again later).
 */
export async function fileMail(
  deps: FileMailDeps,
  dossierId: string,
  raw: Uint8Array,
  options: FileMailOptions = {},
): Promise<FiledMail> {
  if (!ID_PATTERN.test(dossierId)) throw new UnknownDossierError(dossierId);
  const mail = await readMail(raw);
  let lane = lanes.get(deps.store);
  if (!lane) lanes.set(deps.store, (lane = new Map()));
  const before = lane.get(dossierId) ?? Promise.resolve();
  const run = before.then(() => fileNow(deps, dossierId, raw, mail, options));
  const settled = run.catch(() => undefined);
  lane.set(dossierId, settled);
  void settled.then(() => {
    if (lane.get(dossierId) === settled) lane.delete(dossierId);
  });
  return run;
}

async function fileNow(
  deps: FileMailDeps,
  id: string,
  raw: Uint8Array,
  received: Awaited<ReturnType<typeof readMail>>,
  options: FileMailOptions,
): Promise<FiledMail> {
  const { store, config } = deps;
  let mail = received;
  const path = dossierPath(id);
  const folder = dossierFolder(path) ?? path;
  const [text] = (await store.read([path])).values();
  if (text === undefined) throw new UnknownDossierError(id);
  const files = await store.list(folder);
  const copies = files.filter((p) => dossierPart(p)?.kind === "correspondence");

  const fingerprint = mailFingerprint(mail.messageId, raw);
  const earlier = copies.find((p) => parseReceivedName(p)?.fingerprint === fingerprint);
  const classified = classifyMail(mail);
  // A From address the receiving server reports as forged is nobody the case knows.
  const sender: SenderRole =
    senderAuthentication(mail.headers, mail.from.address) === "forged"
      ? { role: "unknown" }
      : senderRole(mail.from.address, casePeople(frontmatterOf(text), insurerAddress(config)));
  const kind = returnsNotice(raw, classified, id)
    ? "automatic"
    : kindOf(classified, sender, mail.from.address, config);
  if (earlier) {
    const head = (await store.head()) ?? "";
    const filed = parseReceivedName(earlier);
    return {
      dossierId: id,
      dossierPath: path,
      path: earlier,
      commit: head,
      created: false,
      kind: filed?.kind ?? kind,
      sender,
      attachments: [],
    };
  }

  // A reply that quotes our letter quotes the personal link: the copy and its attachments keep none.
  const kept = deps.caseLinks?.redactReceived(raw, pageLinkOf(text, id)) ?? raw;
  if (kept !== raw) mail = await readMail(kept);
  const stored: StoredFile[] = [];
  // The copy is numbered on the commit it goes into, after whatever reached correspondence/ meanwhile
  // (a letter sent, another copy of this same mail): one order, and the same mail never twice.
  let copy = "";
  let raced = false;
  const numbered = {
    folder: `${folder}/correspondence`,
    build(names: readonly string[]) {
      const there = names.find((n) => parseReceivedName(n)?.fingerprint === fingerprint);
      raced = there !== undefined;
      const name = there ?? receivedName(lettersSent(names).next, kind, fingerprint);
      copy = `${folder}/correspondence/${name}`;
      return there ? [] : [{ name, content: kept }];
    },
  };
  const attachments: string[] = [];
  // Only a sender the case knows adds to attachments/: a stranger's files stay inside the copy of the mail.
  if (kind === "reply") {
    const chosen = chooseAttachments(
      mail.attachments.map((a) => ({ filename: a.filename, bytes: a.bytes, inline: a.inline })),
      "nl",
    ).attachments;
    let next = nextAttachmentNumber(files);
    for (const attachment of chosen) {
      const name = attachment.fileName.replace(/^\d+/, String(next++).padStart(2, "0"));
      attachments.push(`${folder}/attachments/${name}`);
      stored.push({
        path: `${folder}/attachments/${name}`,
        content: attachment.bytes,
        ifAbsent: true,
      });
    }
  }
  const now = deps.clock();
  const at = options.receivedAt && options.receivedAt <= now ? options.receivedAt : now;
  const stamp = formatInstant(at, config.timezone);
  const from = mail.from.address;
  const hearing = hearingContext(config, id, at);
  const answers = (staff: { email: string; informedAt: string }) =>
    answersHearingRequest(mail, staff, hearing);
  const commit = await store.commit({
    message: `Mail received for ${id}: ${kind}\n\nDossier: ${id}\n${DOCKET_TRAILER}\n`,
    files: stored,
    numbered: [numbered],
    edits:
      kind === "reply" && sender.role === "staff"
        ? [{ path, edit: (current) => recordResponse(current, from, stamp, answers) }]
        : [],
  });
  return {
    dossierId: id,
    dossierPath: path,
    path: copy,
    commit,
    created: !raced,
    kind,
    sender,
    attachments,
  };
}

/**
 * The handler's own mail, and mail from our own addresses (a letter come back
 * round), is `own`: kept, and no letter follows, so a handler's mailbox that
 * forwards to the complaints address cannot start a loop.
 */
function kindOf(
  classified: MailKind,
  sender: SenderRole,
  from: string,
  config: DocketConfig,
): ReceivedKind {
  if (classified !== "reply") return classified;
  const own = [config.mail.from, config.mail.reply_to, config.organisation.complaints_email];
  if (sender.role === "handler" || own.some((a) => mailboxAddress(a) === from.toLowerCase()))
    return "own";
  return sender.role === "unknown" ? "untrusted" : "reply";
}

/**
 * A bounce of our own "not delivered" notice (the handler's mailbox refuses
 * mail) is kept as `automatic`: it owes no notice of its own, which would
 * bounce in turn, one mail after another, for as long as the mailbox refuses.
 */
function returnsNotice(raw: Uint8Array, classified: MailKind, id: string): boolean {
  if (classified !== "bounce") return false;
  const notice = `<${id.toLowerCase()}.not_delivered-`;
  return returnedIds(raw).some((returned) => returned.toLowerCase().startsWith(notice));
}

function nextAttachmentNumber(files: readonly string[]): number {
  let max = 0;
  for (const file of files) {
    const part = dossierPart(file);
    if (part?.kind !== "attachment") continue;
    const n = /^(\d+)-/.exec(part.name)?.[1];
    if (n) max = Math.max(max, Number(n));
  }
  return max + 1;
}

/** The dossier's link as far as it can be read; a block that cannot be read counts as absent. */
function pageLinkOf(text: string, id: string) {
  const data = frontmatterOf(text) as { page_link?: unknown } | undefined;
  const link = pageLinkSchema.safeParse(data?.page_link);
  return { id, ...(link.success && link.data ? { page_link: link.data } : {}) };
}

function frontmatterOf(text: string): unknown {
  try {
    return splitDossier(text).data;
  } catch {
    return undefined;
  }
}

function insurerAddress(config: DocketConfig): string | undefined {
  return mailboxAddress(config.insurer.email) || undefined;
}
