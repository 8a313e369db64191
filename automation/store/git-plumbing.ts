import { randomBytes } from "node:crypto";
import { GitError } from "../errors.ts";
import type { GitRun } from "../repo/git.ts";

export interface CommitInput {
  parent: string | undefined;
  files: readonly { path: string; content: string | Uint8Array }[];
  message: string;
  author: { name: string; email: string };
  date: Date;
}

/**
 * Writes a commit of `files` on top of `parent` with one `git fast-import`,
 * which builds the new trees from the parent's without an index or a work
 * tree; the cost does not grow with the repository. Returns the commit id;
 * no branch moves (the caller does that with a compare-and-swap).
 */
export async function writeCommit(git: GitRun, input: CommitInput): Promise<string> {
  const staging = `refs/docket/staging/${randomBytes(8).toString("hex")}`;
  const chunks: Uint8Array[] = [];
  const text = (s: string) => chunks.push(Buffer.from(s, "utf8"));
  const data = (content: string | Uint8Array) => {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    text(`data ${bytes.byteLength}\n`);
    chunks.push(bytes);
    text("\n");
  };
  const who = `${input.author.name} <${input.author.email}> ${Math.floor(input.date.getTime() / 1000)} +0000`;
  text(`commit ${staging}\nmark :1\nauthor ${who}\ncommitter ${who}\n`);
  data(input.message);
  if (input.parent) text(`from ${input.parent}\n`);
  for (const file of input.files) {
    if (!/^[\w.@+-]+(?:\/[\w.@+-]+)*$/.test(file.path))
      throw new GitError(`refusing to write the path "${file.path}"`);
    text(`M 100644 inline ${file.path}\n`);
    data(file.content);
  }
  text("get-mark :1\ndone\n");
  try {
    const out = await git(["fast-import", "--quiet", "--done", "--force"], Buffer.concat(chunks));
    return out.trim().split("\n").pop() ?? "";
  } finally {
    await git(["update-ref", "-d", staging]).catch(() => undefined);
  }
}
