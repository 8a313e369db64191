import { DocketError } from "../errors.ts";
import { auditCommand } from "./audit-command.ts";
import { checkPushCommand } from "./check-push-command.ts";
import { EXIT, UsageError, type CliIo, type Command } from "./command.ts";
import { deadlinesCommand } from "./deadlines-command.ts";
import { dispatchCommand } from "./dispatch-command.ts";
import { previewCommand } from "./preview-command.ts";
import { serveCommand } from "./serve-command.ts";
import { termsCommand } from "./terms-command.ts";
import { validateCommand } from "./validate-command.ts";

const COMMANDS: readonly Command[] = [
  validateCommand,
  termsCommand,
  deadlinesCommand,
  dispatchCommand,
  auditCommand,
  previewCommand,
  serveCommand,
  checkPushCommand,
];

const HELP = `docket — complaint handling that lives in git

Usage: docket <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join("\n")}

Run "docket <command> --help" for a command's options.
Exit codes: 0 success, 1 findings, 2 bad usage or configuration, 70 an internal error.
`;

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? io.stderr : io.stdout)(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`docket: unknown command "${name}"\n\n${HELP}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr(
        `docket ${name}: ${(error as Error).message}\nRun "docket ${name} --help" for usage.\n`,
      );
      return EXIT.usage;
    }
    if (error instanceof DocketError) {
      io.stderr(`docket ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === "string" &&
    String((error as { code: string }).code).startsWith("ERR_PARSE_ARGS")
  );
}
