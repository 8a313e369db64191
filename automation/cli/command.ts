import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** What a command may touch: its streams, environment and working directory. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Reads all of standard input, for commands fed by another program (git's hooks). */
  stdin?: () => Promise<string>;
}

export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes of every command (see the README). */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Bad usage: the message goes to stderr with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** parseArgs as every command wants it: strict, with positionals. */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(args: string[], options: T) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}
