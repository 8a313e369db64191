import { spawnGit } from "../repo/git.ts";
import { GitError } from "../errors.ts";

export interface BlobReader {
  /** Asks for a blob; `headersOnly`: only the text up to the first empty line (a letter's headers). */
  read(blob: string, headersOnly: boolean): void;
  /** Sends the blobs asked for so far to git in one write. */
  flush(): void;
  /** No more requests: resolves once every blob asked for was handed over. */
  end(): Promise<void>;
  /** Stops git (after a failure elsewhere). */
  abort(): void;
}

const HEADER_LIMIT = 64 * 1024;

/**
 * ONE `git cat-file --batch` that blobs are asked of while the history is
 * still being read: each is handed to `onBlob` as it arrives, in the order
 * asked, and not kept. Missing blobs come as undefined.
 */
export function openBlobReader(
  cwd: string,
  onBlob: (text: string | undefined) => void,
): BlobReader {
  const child = spawnGit(cwd, ["--no-replace-objects", "cat-file", "--batch"]);
  const headersOnly: boolean[] = [];
  let next = 0;
  let pending: Buffer = Buffer.alloc(0);
  /** Size of the blob whose content is awaited, or -1 while its header line is. */
  let size = -1;
  let stderr = "";
  let failed: Error | undefined;
  let requests = "";

  const consume = () => {
    let at = 0;
    while (next < headersOnly.length) {
      if (size < 0) {
        const end = pending.indexOf(10, at);
        if (end === -1) break;
        const header = pending.toString("latin1", at, end);
        at = end + 1;
        if (/ (missing|ambiguous)$/.test(header)) {
          next++;
          onBlob(undefined);
          continue;
        }
        size = Number(header.split(" ")[2]);
        if (!Number.isSafeInteger(size)) throw new GitError(`git cat-file said: ${header}`);
      }
      if (pending.length - at < size + 1) break;
      const text = decode(pending.subarray(at, at + size), headersOnly[next] ?? false);
      at += size + 1;
      size = -1;
      next++;
      onBlob(text);
    }
    pending = pending.subarray(at);
  };

  child.stdout.on("data", (chunk: Buffer) => {
    if (failed) return;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    try {
      consume();
    } catch (error) {
      failed = error as Error;
      child.kill();
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<void>((resolve, reject) => {
    child.on("error", (error) =>
      reject(new GitError(`git cat-file failed: ${error.message}`, { cause: error })),
    );
    child.on("close", (code) => {
      if (failed) return reject(failed);
      if (code !== 0 || next < headersOnly.length) {
        return reject(new GitError(`git cat-file --batch failed in ${cwd}: ${stderr.trim()}`));
      }
      resolve();
    });
  });
  closed.catch(() => undefined); // observed by end()
  child.stdin.on("error", () => undefined);
  return {
    read(blob, headers) {
      headersOnly.push(headers);
      requests += `${blob}\n`;
    },
    flush() {
      if (requests) child.stdin.write(requests);
      requests = "";
    },
    end() {
      child.stdin.end(requests);
      requests = "";
      return closed;
    },
    abort() {
      child.kill();
    },
  };
}

function decode(body: Buffer, headersOnly: boolean): string {
  if (!headersOnly) return body.toString("utf8");
  const head = body.subarray(0, HEADER_LIMIT);
  const ends = [head.indexOf("\r\n\r\n"), head.indexOf("\n\n")].filter((n) => n !== -1);
  return head.toString("utf8", 0, ends.length > 0 ? Math.min(...ends) : head.length);
}
