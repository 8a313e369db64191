#!/usr/bin/env node
// The `docket` executable: runs the CLI on this process's arguments and streams.
import { enableCompileCache } from "node:module";
import { main } from "./docket.ts";

// Node keeps what it compiled of Docket between runs (in the system's temporary
// folder): a command started often, as the push check on every push, starts in
// a fraction of the time. Commands load lazily, after this.
enableCompileCache();

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`docket: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  },
);
