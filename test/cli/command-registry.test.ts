import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../automation/cli/docket.ts";

describe("the command registry", () => {
  it.each(COMMANDS)(
    "lists $name with the summary its module gives",
    async ({ name, summary, load }) => {
      const command = await load();
      expect([command.name, command.summary]).toEqual([name, summary]);
    },
  );
});
