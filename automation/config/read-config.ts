import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { ConfigError } from "../errors.ts";
import { describeIssue } from "../domain/describe-issue.ts";
import { createLocator, formatPath } from "../domain/yaml-locate.ts";
import { configSchema, type DocketConfig } from "./config-schema.ts";

/** The configuration shipped beside the code, used when nothing else is named. */
export const BUNDLED_CONFIG = fileURLToPath(new URL("../../docket.config.yaml", import.meta.url));

/** Parses and checks a config text; throws a `ConfigError` naming file, line and key. */
export function parseConfig(text: string, file = "docket.config.yaml"): DocketConfig {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const result = configSchema.safeParse(data ?? {});
  if (result.success) return result.data;
  const locate = createLocator(text);
  const lines = result.error.issues
    .flatMap(describeIssue)
    .map(
      ({ path, message }) =>
        `  ${file}:${locate(path)}: ${formatPath(path) || "(top)"}: ${message}`,
    );
  throw new ConfigError(`Invalid configuration in ${file}:\n${lines.join("\n")}`);
}

/**
 * Which config file applies: `DOCKET_CONFIG`, else `docket.config.yaml` in the
 * working directory, else the one shipped beside the code.
 */
export function configPath(
  env: NodeJS.ProcessEnv,
  cwd: string,
  exists: (p: string) => boolean,
): string {
  if (env.DOCKET_CONFIG) return resolve(cwd, env.DOCKET_CONFIG);
  const local = resolve(cwd, "docket.config.yaml");
  return exists(local) ? local : BUNDLED_CONFIG;
}

/** Reads the config that applies (see `configPath`). */
export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): DocketConfig {
  const file = configPath(env, cwd, existsSync);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read the configuration ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseConfig(text, file);
}
