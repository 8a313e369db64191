import { join } from "node:path";
import { main } from "../../automation/cli/docket.ts";

/**
 * Runs the `docket` CLI in this process with captured output, on Docket's
 * own config unless `env` names another.
 */
export async function runDocket(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { DOCKET_CONFIG: join(process.cwd(), "docket.config.yaml"), ...options.env },
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
