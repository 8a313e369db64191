import { createHash, randomUUID } from "node:crypto";
import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderEml } from "./eml.ts";
import { MailRejectedError, MailUnavailableError } from "./mailer.ts";
import type { Mailer, OutgoingMessage, SentMessage } from "./mailer.ts";

/**
 * The embedded default `Mailer`: every letter becomes `<dir>/<key>.eml`
 * instead of leaving the machine. Sending a key again returns the file that
 * is already there and writes nothing.
 */
export function createOutboxMailer(options: { dir: string }): Mailer {
  const { dir } = options;
  return {
    kind: "outbox",
    async send(message: OutgoingMessage): Promise<SentMessage> {
      const file = join(dir, outboxFileName(message.idempotencyKey));
      const existing = await readIfPresent(file);
      if (existing !== undefined) return { eml: existing };

      let eml: string;
      try {
        eml = renderEml(message);
      } catch (error) {
        throw new MailRejectedError(
          `Letter ${message.idempotencyKey} cannot be written: ${(error as Error).message}`,
          { cause: error },
        );
      }
      try {
        return { eml: await writeOnce(dir, file, eml) };
      } catch (error) {
        throw new MailUnavailableError(
          `Cannot write ${file} to the outbox: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
  };
}

/** A key segment that survives `/` → `--` unambiguously: no `--`, no leading dot or dash. */
const EXACT_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._]*(?:-[A-Za-z0-9._]+)*$/;

/**
 * A file name for an idempotency key, of `[A-Za-z0-9._-]` only:
 * `KL-2026-0001/acknowledgement` → `KL-2026-0001--acknowledgement.eml`.
 * A key that does not map back exactly (other characters, `--`, a leading
 * dot, great length) gets a hash of the key, so two keys never share a file.
 */
export function outboxFileName(key: string): string {
  if (key.length === 0) throw new MailRejectedError("An idempotency key must not be empty.");
  let name = key
    .replaceAll("/", "--")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^[._-]+/, "");
  const exact = key.split("/").every((part) => EXACT_SEGMENT.test(part));
  if (!exact || name.length > 150) {
    const hash = createHash("sha256").update(key).digest("hex").slice(0, 12);
    name = `${name.slice(0, 150) || "letter"}-${hash}`;
  }
  return `${name}.eml`;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new MailUnavailableError(`Cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Writes a temporary file, then links it into place, which fails if another
 * writer got there first: then theirs is the letter and is returned. Where
 * links are not supported it falls back to a rename.
 */
async function writeOnce(dir: string, file: string, eml: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.tmp-${randomUUID()}.eml`);
  await writeFile(temp, eml, { encoding: "utf8", flag: "wx" });
  try {
    await link(temp, file);
    return eml;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return await readFile(file, "utf8");
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EXDEV") {
      throw error;
    }
    await rename(temp, file);
    return eml;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
