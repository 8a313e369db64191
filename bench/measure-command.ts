// Runs one docket command in this fresh process and prints its time and peak memory as JSON.
import { performance } from "node:perf_hooks";
import { main } from "../automation/cli/docket.ts";

const start = performance.now();
let stdout = 0;
const code = await main(process.argv.slice(2), {
  stdout: (t) => (stdout += t.length),
  stderr: () => {},
  env: process.env,
  cwd: process.cwd(),
});
const ms = performance.now() - start;
process.stdout.write(
  JSON.stringify({
    code,
    ms,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    stdoutChars: stdout,
  }),
);
