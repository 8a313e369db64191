import type { DocketConfig } from "../config/config-schema.ts";
import { checkDossier, type RuleContext } from "../domain/check-dossier.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import { copyName, lettersOwed, lettersSent } from "../domain/letters-owed.ts";
import type { Violation } from "../domain/violation.ts";
import {
  composeLetter,
  LETTERS,
  type LetterName,
  type LetterTemplates,
} from "../letters/letters.ts";
import { MailRejectedError, MailUnavailableError, type Mailer } from "../mail/mailer.ts";
import type { DossierStore, StoredFile } from "../store/dossier-store.ts";

const DOSSIER = /^dossiers\/\d{4}\/[^/]+\/dossier\.md$/;

export interface DispatchDeps {
  store: DossierStore;
  mailer: Mailer;
  config: DocketConfig;
  context: RuleContext;
  templates: LetterTemplates;
  now: () => Date;
  /** A link to a dossier for letters to handlers (GitHub blob URL), if there is one. */
  dossierUrl?: (path: string) => string | undefined;
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
  sent: { id: string; letter: string; to: readonly string[] }[];
  skipped: { file: string; violations: Violation[] }[];
  failed: { id: string; letter: string; reason: string; retryable: boolean }[];
}

/**
 * `docket dispatch`: sending is reconciled, not fired. From each dossier's
 * state follow the letters it should have had; those without a copy in
 * `correspondence/` are sent with an idempotency key and their copies
 * committed. Twice in a row sends nothing twice; a run that stopped halfway
 * is finished by the next. A dossier that fails validation is skipped.
 */
export async function dispatch(
  deps: DispatchDeps,
  options: DispatchOptions = {},
): Promise<DispatchReport> {
  const report: DispatchReport = { sent: [], skipped: [], failed: [] };
  // With `only`, list just those dossiers' folders: one intake's letters must not cost more as the repository grows.
  const all = options.only
    ? (
        await Promise.all(
          options.only.map((p) => deps.store.list(p.slice(0, -"/dossier.md".length))),
        )
      ).flat()
    : await deps.store.list("dossiers");
  const dossiers = [...(options.only ?? all.filter((p) => DOSSIER.test(p)))].sort();
  const texts = await deps.store.read(dossiers);
  for (const path of dossiers) {
    const text = texts.get(path);
    const checked = text === undefined ? undefined : checkDossier(path, text, deps.context);
    if (!checked?.dossier || checked.violations.length > 0) {
      report.skipped.push({
        file: path,
        violations: checked?.violations ?? [
          { file: path, line: 1, rule: "syntax", message: "no such dossier" },
        ],
      });
      continue;
    }
    const folder = path.slice(0, -"dossier.md".length);
    const copies = all.filter((p) => p.startsWith(`${folder}correspondence/`));
    await reconcile(deps, checked.dossier, path, copies, options.dryRun ?? false, report);
  }
  return report;
}

async function reconcile(
  deps: DispatchDeps,
  dossier: Dossier,
  path: string,
  copies: readonly string[],
  dryRun: boolean,
  report: DispatchReport,
): Promise<void> {
  const sent = lettersSent(copies);
  const missing = lettersOwed(dossier).filter((owed) => !sent.keys.has(owed.key));
  const folder = path.slice(0, -"dossier.md".length);
  const files: StoredFile[] = [];
  let number = sent.next;
  for (const owed of missing) {
    if (!(owed.letter in LETTERS)) continue;
    const message = composeLetter(owed.letter as LetterName, dossier, deps.config, deps.templates, {
      now: deps.now(),
      ...(dossier.thread ? { threadRoot: dossier.thread } : {}),
      ...(deps.dossierUrl?.(path) ? { dossierUrl: deps.dossierUrl(path) as string } : {}),
    });
    if (dryRun) {
      report.sent.push({ id: dossier.id, letter: owed.key, to: message.to });
      continue;
    }
    try {
      await deps.pace?.();
      const result = await deps.mailer.send(message);
      files.push({
        path: `${folder}correspondence/${copyName(number++, owed.key)}`,
        content: result.eml,
      });
      report.sent.push({ id: dossier.id, letter: owed.key, to: message.to });
    } catch (error) {
      if (!(error instanceof MailUnavailableError || error instanceof MailRejectedError))
        throw error;
      report.failed.push({
        id: dossier.id,
        letter: owed.key,
        reason: error.message,
        retryable: error instanceof MailUnavailableError,
      });
      // Later letters of this dossier wait, so copies stay numbered in the order they were sent.
      break;
    }
  }
  if (files.length > 0) {
    const names = files.map((f) =>
      f.path.slice(f.path.lastIndexOf("/") + 1).replace(/^\d{4}-|\.eml$/g, ""),
    );
    await deps.store.commit({
      message: `Letters for ${dossier.id}: ${names.join(", ")}\n\nDossier: ${dossier.id}\n`,
      files,
    });
  }
}
