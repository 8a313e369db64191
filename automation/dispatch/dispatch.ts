import type { DocketConfig } from "../config/config-schema.ts";
import { DOCKET_TRAILER, type ChangeContext } from "../domain/check-change.ts";
import { checkDossier } from "../domain/check-dossier.ts";
import { DOSSIERS, dossierFolder, dossierPart, isDossierFile } from "../domain/dossier-layout.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { editFrontmatter } from "../domain/dossier-text.ts";
import { formatInstant } from "../domain/instant.ts";
import { copyName, lettersOwed, lettersSent, type OwedLetter } from "../domain/letters-owed.ts";
import type { Violation } from "../domain/violation.ts";
import { DocketError } from "../errors.ts";
import {
  composeLetter,
  LETTERS,
  type LetterName,
  type LetterTemplates,
} from "../letters/letters.ts";
import { caseFileOf, type CaseFile } from "../letters/case-file.ts";
import { LetterDataError } from "../letters/letter-data.ts";
import type { DeliveryValues, MailValues } from "../letters/letter-view.ts";
import { casePeople, senderRole } from "../conversation/classify-mail.ts";
import { describeReceived } from "../conversation/describe-received.ts";
import { MailRejectedError, MailUnavailableError, type Mailer } from "../mail/mailer.ts";
import type { DossierReader } from "../repo/dossier-reader.ts";
import type { DossierStore } from "../store/dossier-store.ts";
import type { CaseLinks } from "../case-page/case-link.ts";

export interface DispatchDeps {
  store: DossierStore;
  /** Reads dossiers from here instead of the store (a workflow's checkout); writes still go to the store. */
  reader?: DossierReader;
  mailer: Mailer;
  config: DocketConfig;
  context: ChangeContext;
  templates: LetterTemplates;
  now: () => Date;
  /** A link to a dossier for letters to handlers (GitHub blob URL), if there is one. */
  dossierUrl?: (path: string) => string | undefined;
  /** The complainant's personal link to their case's page, for letters to them. */
  caseLinks?: CaseLinks;
  /** Called before every send; waits as long as the mail service's rate limit needs (see createPacer). */
  pace?: () => Promise<void>;
}

export interface DispatchOptions {
  /** Only these dossiers (paths of dossier.md); all when absent. */
  only?: readonly string[];
  /** Work out and report what would be sent; send and commit nothing. */
  dryRun?: boolean;
}

export interface DispatchReport {
  sent: { id: string; letter: string; to: readonly string[]; subject: string; text: string }[];
  skipped: { file: string; violations: Violation[] }[];
  failed: { id: string; letter: string; reason: string; retryable: boolean }[];
}

/**
 * `docket dispatch`: sending is reconciled, not fired. From each dossier's
 * state follow the letters it should have had; those without a copy in
 * `correspondence/` are sent with an idempotency key, their copies committed
 * and the fields Docket owns filled in, in one commit per dossier. Twice in a
 * row sends nothing twice; a run that stopped halfway is finished by the
 * next. A dossier that fails validation is skipped and reported.
 */
export async function dispatch(
  deps: DispatchDeps,
  options: DispatchOptions = {},
): Promise<DispatchReport> {
  const reader = deps.reader ?? deps.store;
  const report: DispatchReport = { sent: [], skipped: [], failed: [] };
  // With `only`, list just those dossiers' folders: one intake's letters must not cost more as the repository grows.
  const all = options.only
    ? (await Promise.all(options.only.map((p) => reader.list(dossierFolder(p) ?? p)))).flat()
    : await reader.list(DOSSIERS);
  const dossiers = [...(options.only ?? all.filter(isDossierFile))].sort();
  const texts = await reader.read(dossiers);
  // Files by dossier folder, in one pass: the loop below must not scan every file per dossier.
  const filesOf = new Map<string, string[]>();
  for (const p of all) {
    const folder = dossierFolder(p);
    if (!folder) continue;
    const list = filesOf.get(folder);
    if (list) list.push(p);
    else filesOf.set(folder, [p]);
  }
  for (const path of dossiers) {
    const text = texts.get(path);
    const checked =
      text === undefined ? undefined : checkDossier(path, text, deps.context, deps.now());
    if (!checked?.dossier || checked.violations.length > 0) {
      report.skipped.push({
        file: path,
        violations: checked?.violations ?? [
          { file: path, line: 1, rule: "syntax", message: "no such dossier" },
        ],
      });
      continue;
    }
    const files = filesOf.get(dossierFolder(path) ?? path) ?? [];
    const copies = files.filter((p) => dossierPart(p)?.kind === "correspondence");
    const caseFile = caseFileOf(path, checked.complaint?.text, files);
    await reconcile(deps, checked.dossier, path, copies, caseFile, options.dryRun ?? false, report);
  }
  return report;
}

async function reconcile(
  deps: DispatchDeps,
  dossier: Dossier,
  path: string,
  copies: readonly string[],
  caseFile: CaseFile,
  dryRun: boolean,
  report: DispatchReport,
): Promise<void> {
  const now = deps.now();
  const { policy } = deps.config;
  const owed = lettersOwed(dossier, {
    now,
    timeZone: deps.context.timeZone,
    calendar: deps.context.calendar,
    lead: policy.reminder_lead,
    automaticDelayNotice: policy.delay_notice,
    correspondence: copies,
  });
  const sent = lettersSent(copies);
  const missing = owed.filter((o) => !sent.keys.has(o.key) && o.letter in LETTERS);
  const folder = dossierFolder(path) ?? path;
  const copiesSent: { key: string; content: string | Uint8Array }[] = [];
  const done: OwedLetter[] = [];
  for (const letter of missing) {
    const subject = letter.delay ? { ...dossier, delay: letter.delay } : dossier;
    const url = deps.dossierUrl?.(path);
    const caseUrl = deps.caseLinks?.url(dossier);
    let message;
    try {
      const about = letter.received
        ? await aboutReceived(
            readerOf(deps),
            dossier,
            `${folder}/correspondence/${letter.received}`,
            deps.config,
          )
        : {};
      message = composeLetter(letter.letter as LetterName, subject, deps.config, deps.templates, {
        now,
        key: letter.key,
        ...(letter.staff !== undefined ? { staff: letter.staff } : {}),
        ...(letter.respondBy ? { respondBy: letter.respondBy } : {}),
        ...(letter.term ? { term: letter.term } : {}),
        ...(dossier.thread ? { threadRoot: dossier.thread } : {}),
        ...(url ? { dossierUrl: url } : {}),
        ...(caseUrl ? { caseUrl } : {}),
        caseFile,
        ...about,
      });
    } catch (error) {
      if (!(error instanceof DocketError)) throw error;
      // A letter that cannot be written (a template or the dossier lacks something) waits for a fix.
      report.failed.push({
        id: dossier.id,
        letter: letter.key,
        reason: error.message,
        retryable: false,
      });
      break;
    }
    const entry = {
      id: dossier.id,
      letter: letter.key,
      to: message.to,
      subject: message.subject,
      // Shown in previews (a pull request comment, the desk): the personal link masked as in the copy.
      text: deps.caseLinks ? deps.caseLinks.redact(message.text, dossier) : message.text,
    };
    if (dryRun) {
      report.sent.push(entry);
      continue;
    }
    try {
      await deps.pace?.();
      const result = await deps.mailer.send(message);
      copiesSent.push({
        key: letter.key,
        // The copy in the repository never holds a working personal link.
        content: deps.caseLinks ? deps.caseLinks.redact(result.eml, dossier) : result.eml,
      });
      done.push(letter);
      report.sent.push(entry);
    } catch (error) {
      if (!(error instanceof MailUnavailableError || error instanceof MailRejectedError))
        throw error;
      report.failed.push({
        id: dossier.id,
        letter: letter.key,
        reason: error.message,
        retryable: error instanceof MailUnavailableError,
      });
      // Later letters of this dossier wait, so copies stay numbered in the order they were sent.
      break;
    }
  }
  if (copiesSent.length === 0) return;
  const stamp = formatInstant(now, deps.context.timeZone);
  await deps.store.commit({
    message: `Letters for ${dossier.id}: ${done.map((l) => l.key).join(", ")}\n\nDossier: ${dossier.id}\n${DOCKET_TRAILER}\n`,
    // Numbered on the commit they go into, after whatever reached correspondence/ meanwhile (mail received,
    // another writer's copies); a copy already there is not written again.
    numbered: [
      { folder: `${folder}/correspondence`, build: (names) => numberCopies(names, copiesSent) },
    ],
    edits: [{ path, edit: (text) => recordSent(text, done, stamp) }],
  });
}

/** The copies not yet in `correspondence/`, numbered after what is there. */
function numberCopies(
  names: readonly string[],
  copies: readonly { key: string; content: string | Uint8Array }[],
): { name: string; content: string | Uint8Array }[] {
  const there = lettersSent(names);
  let next = there.next;
  return copies
    .filter((c) => !there.keys.has(c.key))
    .map((c) => ({ name: copyName(next++, c.key), content: c.content }));
}

function readerOf(deps: DispatchDeps): DossierReader {
  return deps.reader ?? deps.store;
}

/** The received copy a mail_received or not_delivered letter tells of. */
async function aboutReceived(
  from: DossierReader,
  dossier: Dossier,
  path: string,
  config: DocketConfig,
): Promise<{ mail?: MailValues; delivery?: DeliveryValues }> {
  const content = (await from.read([path])).get(path);
  if (content === undefined) throw new LetterDataError(`${path} cannot be read`);
  const people = casePeople(dossier, config.insurer.email);
  return describeReceived(path.slice(path.lastIndexOf("/") + 1), content, {
    dossierId: dossier.id,
    role: (address) => senderRole(address, people),
  });
}

/** Fills in the fields Docket owns for the letters just sent; a value a handler already set is kept. */
function recordSent(text: string, letters: readonly OwedLetter[], stamp: string): string {
  if (!letters.some((l) => l.records || l.delay)) return text;
  return editFrontmatter(text, (doc) => {
    for (const letter of letters) {
      if (letter.records && !doc.hasIn(letter.records)) doc.setIn(letter.records, stamp);
      if (letter.delay && !doc.has("delay")) doc.set("delay", doc.createNode(letter.delay));
    }
  });
}
