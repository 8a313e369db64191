import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";

/** What measure-command.ts reports of one docket command, and the wall time around its process. */
export interface Measurement {
  code: number;
  ms: number;
  maxRssMiB: number;
  wallMs: number;
}

/** Runs `docket <args>` in a fresh process through measure-command.ts, with Docket's own config. */
export function measure(args: string[]): Measurement {
  const start = performance.now();
  const out = execFileSync(process.execPath, ["bench/measure-command.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DOCKET_CONFIG: "docket.config.yaml" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    ...(JSON.parse(out) as Omit<Measurement, "wallMs">),
    wallMs: performance.now() - start,
  };
}
