import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { storeRetryAfter } from "../store/store-retry-after.ts";
import type { Received } from "./receive-mail.ts";
import { UnreadableMailError } from "./read-mail.ts";

export interface InboxDeps {
  /** The folder `.eml` files are dropped in (`DOCKET_INBOX`). */
  dir: string;
  /** Takes one message in (see `receiveMail`). */
  receive: (raw: Uint8Array, emailId: string, receivedAt: Date) => Promise<Received>;
  /** Sends the letters a dossier is owed now; failures are left to the next dispatch. */
  deliver: (dossierPath: string) => Promise<void>;
  log?: (message: string) => void;
}

export interface InboxRound {
  processed: string[];
  failed: string[];
  /** Left in the inbox because the store could not be reached: tried again next round. */
  waiting: string[];
}

/**
 * The embedded default's inbox: every `*.eml` file in `dir` is taken in as
 * if it had reached the complaints address, then moved to `processed/` once
 * it is committed, or to `failed/` with a `.txt` beside it saying why. What
 * cannot be filed now (the store is down) stays where it is. A crash
 * between committing and moving files it once: filing the same message
 * again commits nothing. Writers should write under another name (or in
 * another folder on the same disk) and rename to `.eml` when done.
 */
export async function takeInbox(deps: InboxDeps): Promise<InboxRound> {
  const round: InboxRound = { processed: [], failed: [], waiting: [] };
  if (!existsSync(deps.dir)) return round;
  const log = deps.log ?? (() => undefined);
  const names = (await readdir(deps.dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(".eml") && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  for (const name of names) {
    const file = join(deps.dir, name);
    let received: Received;
    try {
      const [raw, info] = await Promise.all([readFile(file), stat(file)]);
      received = await deps.receive(new Uint8Array(raw), `inbox:${name}`, info.mtime);
    } catch (error) {
      if (storeRetryAfter(error) !== undefined) {
        log(`inbox: ${name} waits: ${(error as Error).message}`);
        round.waiting.push(name);
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      const why =
        error instanceof UnreadableMailError
          ? `Not taken in: ${error.message}.`
          : `Not taken in: ${String(error)}`;
      await moveTo(deps.dir, "failed", name, why);
      log(`inbox: ${name} failed: ${why}`);
      round.failed.push(name);
      continue;
    }
    if (received.outcome === "ignored") {
      const why = `Not taken in (${received.reason}): ${received.detail}. It is about no case Docket knows and opens none.`;
      await moveTo(deps.dir, "failed", name, why);
      log(`inbox: ${name} ignored: ${received.detail}`);
      round.failed.push(name);
      continue;
    }
    await moveTo(deps.dir, "processed", name);
    round.processed.push(name);
    const { created, dossier, what } =
      received.outcome === "filed"
        ? {
            created: received.filed.created,
            dossier: received.filed.dossierPath,
            what: `on ${received.filed.dossierId} (${received.filed.kind})`,
          }
        : {
            created: received.filed.created,
            dossier: received.filed.path,
            what: `as ${received.filed.id}`,
          };
    log(`inbox: ${name} ${created ? "filed" : "was filed before"} ${what}`);
    if (created) {
      await deps.deliver(dossier).catch((error: unknown) => {
        log(`inbox: letters for ${dossier} left to dispatch: ${String(error)}`);
      });
    }
  }
  return round;
}

/** Moves a file into `dir/<folder>/`, never over another; a reason goes beside it as `.txt`. */
async function moveTo(dir: string, folder: string, name: string, reason?: string): Promise<void> {
  const target = join(dir, folder);
  await mkdir(target, { recursive: true });
  let final = name;
  for (let i = 2; existsSync(join(target, final)); i++)
    final = name.replace(/(\.eml)?$/i, `-${i}$1`);
  if (reason !== undefined) await writeFile(join(target, `${final}.txt`), `${reason}\n`);
  await rename(join(dir, name), join(target, final));
}
