import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import { MIN_KEY_BYTES } from "./case-link.ts";

/**
 * The key that makes and checks complainants' links, never in git:
 * `DOCKET_PAGE_KEY` (64 hex digits or 43+ characters of base64url, at least
 * 32 bytes), or on the embedded default a key generated once into
 * `generateInto` (the local repository's git directory, where no file is ever
 * part of its history or a clone; `DOCKET_PAGE_KEY_FILE` names another
 * place), readable by its owner alone. On GitHub without `DOCKET_PAGE_KEY`
 * there is no key: no page, and letters carry no link (every sender of
 * letters must share the one key).
 */
export function readPageKey(
  env: NodeJS.ProcessEnv,
  cwd: string,
  options: { generateInto?: string },
): Uint8Array | undefined {
  const given = env.DOCKET_PAGE_KEY?.trim();
  if (given) return decodeKey(given, "DOCKET_PAGE_KEY");
  if (!options.generateInto) return undefined;
  const file = env.DOCKET_PAGE_KEY_FILE
    ? resolve(cwd, env.DOCKET_PAGE_KEY_FILE)
    : options.generateInto;
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(MIN_KEY_BYTES).toString("hex")}\n`, {
      flag: "wx",
      mode: 0o600,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return decodeKey(readFileSync(file, "utf8").trim(), file);
}

function decodeKey(text: string, where: string): Uint8Array {
  const bytes =
    /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0
      ? Buffer.from(text, "hex")
      : /^[A-Za-z0-9_-]+={0,2}$/.test(text) || /^[A-Za-z0-9+/]+={0,2}$/.test(text)
        ? Buffer.from(text, "base64url")
        : undefined;
  if (!bytes || bytes.length < MIN_KEY_BYTES) {
    throw new ConfigError(
      `${where} must be a random key of at least ${MIN_KEY_BYTES} bytes, as 64 hex digits; make one with: openssl rand -hex 32`,
    );
  }
  return bytes;
}

/**
 * The site's public address, for links in letters: SITE_URL, else Netlify's
 * URL; on the embedded default else the local server. Undefined when none is
 * known (a link to localhost from a workflow would lead nowhere).
 */
export function siteUrl(env: NodeJS.ProcessEnv, local: boolean): string | undefined {
  const url = env.SITE_URL || env.URL || (local ? `http://localhost:${env.PORT ?? 4321}` : "");
  return url ? url.replace(/\/+$/, "") : undefined;
}

/** Where the embedded default keeps its generated key: inside the local repository's git directory. */
export function localKeyFile(repoDir: string): string {
  const dotGit = join(repoDir, ".git");
  if (!existsSync(dotGit)) return join(repoDir, "docket-page-key");
  // A linked work tree's .git is a file naming its git directory.
  const linked = statSync(dotGit).isFile()
    ? /^gitdir: (.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim()
    : undefined;
  return join(linked ? resolve(repoDir, linked) : dotGit, "docket-page-key");
}
