import { ruleContext } from "../config/rule-context.ts";
import { readConfig } from "../config/read-config.ts";
import { formatViolation } from "../domain/violation.ts";
import { checkPush, type RefUpdate } from "../repo/push-check.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";

export const checkPushCommand: Command = {
  name: "check-push",
  summary: "judge a push to the embedded repository (its pre-receive hook runs this)",
  help: `Usage: docket check-push [--branch NAME] < updates

What the embedded repository's pre-receive hook runs (docket serve installs
it): reads git's "<old> <new> <ref>" lines on standard input, in the
repository being pushed to, and judges every commit the push puts on the
dossiers' branch with the rules a pull request is judged by (docket validate
--base). Exit 0 lets the push in; 1 refuses it, with each problem printed as
file:line: field: message.

Options:
  --branch NAME  the dossiers' branch (default: main)
  -h, --help     show this help
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { branch: { type: "string" } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const updates = parseUpdates(await (io.stdin?.() ?? Promise.resolve("")));
    const branch = values.branch ?? "main";
    const verdict = await checkPush(io.cwd, updates, {
      branch,
      context: ruleContext(readConfig(io.env, io.cwd)),
      now: new Date(),
    });
    const out: string[] = [];
    if (verdict.refusal) out.push(`Docket refused this push: ${verdict.refusal}.`);
    for (const commit of verdict.commits) {
      out.push(`Docket refused commit ${commit.id.slice(0, 10)} "${commit.subject}":`);
      for (const v of commit.violations) out.push(`  ${formatViolation(v)}`);
    }
    if (out.length === 0) return EXIT.ok;
    if (verdict.commits.length > 0) {
      out.push(
        "",
        "Nothing was pushed. Fix the lines above (dossiers/README.md explains each rule),",
        `commit the fix (git commit --amend for the last commit, git rebase -i for earlier ones) and push again.`,
      );
    }
    io.stderr(`${out.join("\n")}\n`);
    return EXIT.findings;
  },
};

function parseUpdates(text: string): RefUpdate[] {
  return text
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string, string] => parts.length === 3)
    .map(([old, next, ref]) => ({ old, new: next, ref }));
}
