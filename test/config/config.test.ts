import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLED_CONFIG, configPath, parseConfig } from "../../automation/config/read-config.ts";
import { ConfigError } from "../../automation/errors.ts";

const shipped = readFileSync(BUNDLED_CONFIG, "utf8");

describe("the shipped docket.config.yaml", () => {
  const config = parseConfig(shipped);

  it("is complete for the organisation of the procedure", () => {
    expect(config.organisation).toMatchObject({
      name: "Interforce",
      complaints_email: "klachten@interforce.eu",
      portal_url: "https://mijn.interforce.eu",
    });
    expect(config.id_prefix).toBe("KL");
    expect(config.timezone).toBe("Europe/Amsterdam");
    expect(config.languages).toEqual(["nl", "en"]);
    expect(config.handlers.length).toBeGreaterThan(0);
    expect(config.insurer.email).toMatch(/@example\.nl$/);
  });

  it("states the procedure's terms", () => {
    expect(config.policy).toMatchObject({
      information: { count: 5, unit: "working_day" },
      judgement: { count: 1, unit: "week" },
      resolution: { count: 1, unit: "month" },
      delay_notice: true,
    });
  });

  it("gives every letter the dossier's plus-address unless plus_addressing is off", () => {
    expect(config.mail.plus_addressing).toBe(true);
    const off = shipped.replace(
      "  reply_to: klachten@interforce.eu\n",
      "  reply_to: klachten@interforce.eu\n  plus_addressing: false\n",
    );
    expect(parseConfig(off).mail.plus_addressing).toBe(false);
  });
});

describe("a wrong config names the key and the line", () => {
  const cases: [string, string, string, RegExp][] = [
    [
      "a term in the wrong words",
      "  judgement: 1 week # §1.6",
      "  judgement: one week",
      /:\d+: policy\.judgement: expected a term like/,
    ],
    [
      "an unknown key",
      "id_prefix: KL",
      "id_prefix: KL\nid_prefx: KL",
      /:\d+: id_prefx: unknown field/,
    ],
    [
      "a bad e-mail",
      "  email: schade@example.nl",
      "  email: schade",
      /:\d+: insurer\.email: expected an e-mail address/,
    ],
    [
      "a switch that is not true or false",
      "  reply_to: klachten@interforce.eu\n",
      "  reply_to: klachten@interforce.eu\n  plus_addressing: nee\n",
      /:\d+: mail\.plus_addressing: expected boolean/,
    ],
    [
      "an unknown time zone",
      "timezone: Europe/Amsterdam",
      "timezone: Europe/Amsterdm",
      /timezone: expected an IANA time zone/,
    ],
    [
      "a missing block",
      "mail:\n  from: Interforce Klachten <klachten@interforce.eu>\n  reply_to: klachten@interforce.eu\n",
      "",
      /\(top\)|mail: is required/,
    ],
    [
      "a closing day that is no date",
      "closing_days: []",
      "closing_days: [2026-13-01]",
      /closing_days\[0\]/,
    ],
    [
      "a handler's unknown category",
      "    github: jorisbakker",
      "    github: jorisbakker\n    categories: [food]",
      /handlers\[1\]\.categories\[0\]: unknown category "food"/,
    ],
    [
      "by category without a handler for each",
      "assignment: round_robin",
      "assignment: by_category",
      /assignment: by_category needs a handler for every category/,
    ],
  ];

  it.each(cases)("%s", (_name, find, replace, message) => {
    expect(shipped).toContain(find);
    const text = shipped.replace(find, replace);
    expect(() => parseConfig(text, "docket.config.yaml")).toThrow(ConfigError);
    expect(() => parseConfig(text, "docket.config.yaml")).toThrow(message);
  });

  it("points at the line of the key", () => {
    const text = shipped.replace("  judgement: 1 week # §1.6", "  judgement: one week");
    const line = text.split("\n").findIndex((l) => l.startsWith("  judgement:")) + 1;
    expect(() => parseConfig(text, "x.yaml")).toThrow(`x.yaml:${line}: policy.judgement`);
  });

  it("refuses YAML that does not parse", () => {
    expect(() => parseConfig("organisation: [", "x.yaml")).toThrow(/x\.yaml: not valid YAML/);
  });
});

describe("which config applies", () => {
  const exists = (files: string[]) => (p: string) => files.includes(p);
  it.each([
    [
      "DOCKET_CONFIG, relative to the working directory",
      { DOCKET_CONFIG: "conf/x.yaml" },
      [],
      "/w/conf/x.yaml",
    ],
    [
      "docket.config.yaml in the working directory",
      {},
      ["/w/docket.config.yaml"],
      "/w/docket.config.yaml",
    ],
    ["the one shipped with Docket", {}, [], BUNDLED_CONFIG],
  ])("%s", (_name, env, files, expected) => {
    expect(configPath(env, "/w", exists(files))).toBe(expected);
  });
});
