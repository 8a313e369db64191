import { configSchema } from "../config/config-schema.ts";
import { dossierSchema } from "../domain/dossier-schema.ts";
import { schemaReference } from "./schema-reference.ts";

const NOTICE =
  "<!-- Generated from the zod schema by `npm run docs`; edit the schema's .describe() texts, not this file. -->";

/** The generated reference pages, by path. */
export function referenceDocs(): Record<string, string> {
  return {
    "docs/configuration.md": `${NOTICE}

# Configuration: \`docket.config.yaml\`

Docket reads \`docket.config.yaml\` at the repository root, or the file named by
\`DOCKET_CONFIG\` (when neither exists, the one shipped beside the code). Unknown
keys are errors. A wrong value stops Docket with a message naming the file,
line and key, for example:

\`\`\`
Invalid configuration in docket.config.yaml:
  docket.config.yaml:53: policy.judgement: expected a term like "5 working days", "1 week" or "1 month", got "one week"
\`\`\`

Terms are written in words: \`<n> working days\`, \`<n> days\`, \`<n> weeks\`,
\`<n> months\` ([procedure.md](procedure.md#how-the-terms-are-counted) says how each is counted). Changing the policy changes
the terms of new complaints only; a dossier keeps the terms it got at intake.

${schemaReference(configSchema)}`,
    "docs/dossier-format.md": `${NOTICE}

# Dossier frontmatter reference

Every field of a dossier's YAML frontmatter. \`dossiers/README.md\`
explains the format for handlers, with a complete example; this table is the
exact contract, generated from the schema every part of Docket shares.
Times carry an offset (\`2026-11-24T09:13:05+01:00\`), dates are \`YYYY-MM-DD\`.

${schemaReference(dossierSchema)}`,
  };
}
