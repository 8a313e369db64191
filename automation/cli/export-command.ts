import { existsSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { readConfig } from "../config/read-config.ts";
import { formatInstant } from "../domain/instant.ts";
import { exportPerson } from "../privacy/export-person.ts";
import { gitIn } from "../repo/git.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";
import { REPO_HELP, REPO_OPTION, repoDir } from "./repo-option.ts";

export const exportCommand: Command = {
  name: "export",
  summary: "write everything held about one person (by e-mail address) to a folder",
  help: `Usage: docket export --email ADDRESS --out DIR [--repo DIR]

Access (AVG/GDPR art. 15): finds every dossier on main (bare repository) or
HEAD (work tree) where ADDRESS (any case) is the complainant, a staff member
heard, or the handler, and writes to DIR, which must be new or empty:

  index.html, index.md   what is there, per dossier, in Dutch and English
  <ID>/dossier.md        for a complainant: the whole case file
  <ID>/correspondence/   their letters and mail (.eml: open with any mail program)
  <ID>/attachments/      their attachments
  <ID>/about-you.yaml    for staff and handlers: the fields about them, and
                         the mail sent to them or received from them

Options:
  --email ADDRESS  the person's e-mail address
  --out DIR        where to write (new or empty)
${REPO_HELP}
  -h, --help       show this help

Exit codes: 0 written, 1 the address matches nobody (nothing written),
2 bad usage.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPO_OPTION,
      email: { type: "string" },
      out: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email))
      throw new UsageError("--email needs an e-mail address, e.g. --email eva@example.nl");
    if (!values.out) throw new UsageError("--out needs a folder, e.g. --out export-eva");
    const out = resolve(io.cwd, values.out);
    if (existsSync(out) && readdirSync(out).length > 0)
      throw new UsageError(`--out ${out} is not empty: name a new folder`);
    const config = readConfig(io.env, io.cwd);
    const root = repoDir(values.repo, io);
    if (!existsSync(root)) throw new UsageError(`no dossier repository at ${root}`);
    const git = gitIn(root);
    const bare = (await git(["rev-parse", "--is-bare-repository"])).trim() === "true";
    const result = await exportPerson(
      { root, git, branch: bare ? "refs/heads/main" : "HEAD" },
      values.email,
      out,
      formatInstant(new Date(), config.timezone),
    );
    if (result.cases.length === 0) {
      io.stderr(`docket export: ${values.email} matches nobody in any dossier; nothing written.\n`);
      return EXIT.findings;
    }
    for (const c of result.cases)
      io.stdout(`${c.id}: ${c.roles.join(", ")}, ${c.files.length} file(s)\n`);
    io.stderr(`Wrote ${result.files} file(s) about ${values.email} to ${out} (open index.html).\n`);
    return EXIT.ok;
  },
};
