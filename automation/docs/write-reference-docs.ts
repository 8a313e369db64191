// npm run docs: rewrites the generated reference pages under docs/.
import { writeFileSync } from "node:fs";
import { referenceDocs } from "./reference-docs.ts";

for (const [path, text] of Object.entries(referenceDocs())) {
  writeFileSync(path, text);
  process.stdout.write(`wrote ${path}\n`);
}
