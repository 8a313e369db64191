import { DocketError } from "../errors.ts";
import { EXIT, UsageError, type CliIo, type Command } from "./command.ts";

/**
 * The commands, each loaded only when it runs: a command pays for its own
 * modules, not for every other command's (the push check runs on every push).
 */
export const COMMANDS: readonly { name: string; summary: string; load: () => Promise<Command> }[] =
  [
    {
      name: "validate",
      summary: "check dossiers against the format and the rules of a case",
      load: async () => (await import("./validate-command.ts")).validateCommand,
    },
    {
      name: "terms",
      summary: "print the terms the policy gives for a receipt time",
      load: async () => (await import("./terms-command.ts")).termsCommand,
    },
    {
      name: "deadlines",
      summary: "list open cases with their next term: ok, due_soon or overdue",
      load: async () => (await import("./deadlines-command.ts")).deadlinesCommand,
    },
    {
      name: "dispatch",
      summary: "send the letters dossiers are owed and commit their copies",
      load: async () => (await import("./dispatch-command.ts")).dispatchCommand,
    },
    {
      name: "audit",
      summary: "report on every complaint from the git history; flag commits that broke a rule",
      load: async () => (await import("./audit-command.ts")).auditCommand,
    },
    {
      name: "preview",
      summary: "preview the letters a pull request's merge will send, as a PR comment",
      load: async () => (await import("./preview-command.ts")).previewCommand,
    },
    {
      name: "serve",
      summary: "serve the site and the intake API (what npm start runs)",
      load: async () => (await import("./serve-command.ts")).serveCommand,
    },
    {
      name: "retention",
      summary: "erase the personal data of every dossier past privacy.retention, from all history",
      load: async () => (await import("./retention-command.ts")).retentionCommand,
    },
    {
      name: "erase",
      summary:
        "erase named dossiers' personal data (or a staff member's) from all history, on request",
      load: async () => (await import("./erase-command.ts")).eraseCommand,
    },
    {
      name: "export",
      summary: "write everything held about one person (by e-mail address) to a folder",
      load: async () => (await import("./export-command.ts")).exportCommand,
    },
    {
      name: "check-push",
      summary: "judge a push to the embedded repository (its pre-receive hook runs this)",
      load: async () => (await import("./check-push-command.ts")).checkPushCommand,
    },
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
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`docket: unknown command "${name}"\n\n${HELP}`);
    return EXIT.usage;
  }
  const command = await entry.load();
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
