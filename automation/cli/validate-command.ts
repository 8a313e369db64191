import { isAbsolute, relative, resolve } from "node:path";
import { ruleContext } from "../config/rule-context.ts";
import { readConfig } from "../config/read-config.ts";
import { formatAnnotation, formatViolation } from "../domain/violation.ts";
import { openDossierSource } from "../repo/dossier-source.ts";
import { validate } from "../validate.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { parseInstantOption } from "./instant-option.ts";
import { REPO_HELP, REPO_OPTION, repoDir } from "./repo-option.ts";

export const validateCommand: Command = {
  name: "validate",
  summary: "check dossiers against the format and the rules of a case",
  help: `Usage: docket validate [paths…] [--repo DIR] [--base REF] [--now ISO]

Checks dossier frontmatter against the format and the rules of a case (the
insurer gate, the hearing gate, a complete written judgement, free text that
YAML would cut short …). Each problem is printed as file:line: field: message.
Exit 0 when all is well, 1 when a rule is broken, 2 on bad usage or
configuration.

Arguments:
  paths…        dossier files or folders to check (default: every dossier;
                with --base, only what changed since REF: the rest was
                judged when it landed)

Options:
${REPO_HELP}
  --base REF    also judge the change since REF as a pull request is judged:
                only allowed status transitions and gates, id, received_at,
                channel, terms and the complainant's words unchanged, no dossier
                deleted, attachments and correspondence unchanged, and no file
                added to correspondence/ (only Docket adds there)
  --now ISO     the time to check against (default: now); a judgement is not
                dated after it
  -h, --help    show this help

With GITHUB_ACTIONS=true each problem is also written as an ::error annotation
on its file and line.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      base: { type: "string" },
      now: { type: "string" },
    });
    if (values.base === "") throw new UsageError("--base needs a git ref, e.g. --base origin/main");
    const context = ruleContext(readConfig(io.env, io.cwd));
    const source = openDossierSource(repoDir(values.repo, io));
    const paths = positionals.map((p) => {
      if (source.kind === "bare") return p;
      const inside = relative(source.root, resolve(io.cwd, p)).split("\\").join("/");
      if (inside.startsWith("..") || isAbsolute(inside)) {
        throw new UsageError(`${p} is outside the repository ${source.root}`);
      }
      return inside;
    });
    const { checked, violations } = await validate({
      source,
      context,
      paths,
      now: parseInstantOption("--now", values.now) ?? new Date(),
      ...(values.base !== undefined ? { base: values.base } : {}),
    });
    const annotate = io.env.GITHUB_ACTIONS === "true";
    for (const v of violations) {
      io.stdout(`${formatViolation(v)}\n`);
      if (annotate) io.stdout(`${formatAnnotation(v)}\n`);
    }
    const files = new Set(violations.map((v) => v.file)).size;
    const noun = checked === 1 ? "dossier" : "dossiers";
    io.stderr(
      violations.length === 0
        ? `Checked ${checked} ${noun}${values.base ? ` and the changes since ${values.base}` : ""}: all rules hold.\n`
        : `Checked ${checked} ${noun}: ${violations.length} problem${violations.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}.\n`,
    );
    return violations.length === 0 ? EXIT.ok : EXIT.findings;
  },
};
