import { ruleContext } from "../config/rule-context.ts";
import { readConfig } from "../config/read-config.ts";
import { parseInstantOption } from "./instant-option.ts";
import { computeTerms } from "../domain/terms.ts";
import { EXIT, UsageError, parseCommandArgs, type Command } from "./command.ts";

export const termsCommand: Command = {
  name: "terms",
  summary: "print the terms the policy gives for a receipt time",
  help: `Usage: docket terms --received <ISO 8601 time>

Prints, as JSON, the terms a complaint received at that time gets under the
configured policy and working-day calendar:
  {"information_due":"…","judgement_due":"…","resolution_due":"…"}

Options:
  --received ISO  the time of receipt with its offset, e.g. 2026-11-24T09:13:05+01:00
                  or 2026-11-24T08:13:05Z
  -h, --help      show this help

Configuration: $DOCKET_CONFIG, else ./docket.config.yaml, else Docket's own.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { received: { type: "string" } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const received = values.received;
    if (!received)
      throw new UsageError("--received is required, e.g. --received 2026-11-24T09:13:05+01:00");
    parseInstantOption("--received", received);
    const context = ruleContext(readConfig(io.env, io.cwd));
    const terms = computeTerms(received, context.policy, context.calendar, context.timeZone);
    io.stdout(`${JSON.stringify(terms)}\n`);
    return EXIT.ok;
  },
};
