import { describe, expect, it } from "vitest";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { composeLetter, LetterDataError } from "../../automation/letters/letters.ts";
import type { ComposeOptions, LetterName } from "../../automation/letters/letters.ts";
import { configIn, DATES, fullDossier, OPTIONS, templates } from "./letter-fixtures.ts";

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

const compose = (name: LetterName, dossier: Dossier, options: Partial<ComposeOptions> = {}) =>
  composeLetter(name, dossier, configIn("nl"), templates, { ...OPTIONS, ...options });

const without = (changes: Partial<Dossier>) => fullDossier("nl", changes);
const { judgement } = fullDossier();

describe("a letter without the data it must contain", () => {
  it.each([
    [
      "information_request",
      without({ information: { complete: false } }),
      {},
      "information.request in the dossier",
    ],
    [
      "information_request",
      without({ information: undefined }),
      {},
      "information.request in the dossier",
    ],
    ["insurer_notice", without({ liability: { possible: true } }), {}, "liability.reason"],
    [
      "judgement",
      without({ judgement: { ...judgement, form: "written", findings: undefined } }),
      {},
      "missing judgement.findings in the dossier",
    ],
    [
      "judgement",
      without({ judgement: { ...judgement, form: "written", verdict: undefined } }),
      {},
      "missing judgement.verdict in the dossier",
    ],
    [
      "judgement",
      without({ judgement: undefined }),
      {},
      "judgement.findings in the dossier; judgement.verdict in the dossier; judgement.reasoning in the dossier; judgement.follow_up in the dossier; judgement.further_contact in the dossier",
    ],
    [
      "hearing_request",
      fullDossier(),
      { staff: undefined },
      "missing the staff option (an index into staff_involved)",
    ],
    [
      "hearing_request",
      fullDossier(),
      { respondBy: undefined },
      "missing the respondBy option (a date as YYYY-MM-DD)",
    ],
    [
      "reminder",
      fullDossier(),
      { term: undefined },
      "missing the term option (information, judgement, resolution)",
    ],
  ] as [LetterName, Dossier, Partial<ComposeOptions>, string][])(
    "%s refuses, naming what is missing (%#)",
    (name, dossier, options, message) => {
      const error = errorOf(() => compose(name, dossier, options));
      expect(error).toBeInstanceOf(LetterDataError);
      expect((error as LetterDataError).code).toBe("letter_data_missing");
      expect(error.message).toContain(`${name} for KL-2026-0001 cannot be written`);
      expect(error.message).toContain(message);
    },
  );

  it("names only what is missing", () => {
    const dossier = without({ judgement: { ...judgement, form: "written", reasoning: "  " } });
    const error = errorOf(() => compose("judgement", dossier));
    expect(error.message).toMatch(/missing judgement\.reasoning in the dossier$/);
  });
});

describe("options that cannot be used", () => {
  it.each([
    [{ staff: 2 }, "staff 2 is not in staff_involved, which has 2 people (0 to 1)"],
    [{ staff: -1 }, "staff -1 is not in staff_involved"],
    [{ staff: 0.5 }, "staff 0.5 is not in staff_involved"],
    [{ respondBy: "04-12-2026" }, 'respondBy "04-12-2026" is not a date as YYYY-MM-DD'],
    [{ respondBy: "2026-02-30" }, 'respondBy "2026-02-30" is not a date'],
    [{ key: "Hearing Request" }, 'key "Hearing Request" must be lower-case letters'],
    [{ key: "../x" }, 'key "../x" must be'],
    [{ key: "" }, 'key "" must be'],
    [{ term: "soon" as never }, 'term "soon" is not one of information, judgement, resolution'],
  ] as [Partial<ComposeOptions>, string][])("%o is refused", (options, message) => {
    const error = errorOf(() => compose("hearing_request", fullDossier(), options));
    expect(error).toBeInstanceOf(LetterDataError);
    expect(error.message).toContain(`hearing_request for KL-2026-0001: ${message}`);
  });

  it("refuses a hearing request for a dossier without staff involved", () => {
    const error = errorOf(() => compose("hearing_request", without({ staff_involved: undefined })));
    expect(error.message).toContain("staff 0 is not in staff_involved, which has 0 people");
  });
});

describe("letters with optional data", () => {
  it("a delay notice without a delay block (the term passed) gives the standard reason and the resolution date", () => {
    for (const language of ["nl", "en"] as const) {
      const dossier = fullDossier(language, { delay: undefined });
      const message = composeLetter(
        "delay_notice",
        dossier,
        configIn(language),
        templates,
        OPTIONS,
      );
      const reason =
        language === "nl"
          ? "We hebben meer tijd nodig om je klacht zorgvuldig te onderzoeken."
          : "We need more time to look into your complaint carefully.";
      expect(message.text).toContain(reason);
      expect(message.html).toContain(reason);
      expect(message.text).toContain(DATES[language].resolution);
      expect(message.text).toContain(DATES[language].week);
    }
  });

  it("a delay notice with a reason leaves the standard reason out", () => {
    const { text } = compose("delay_notice", fullDossier());
    expect(text).not.toContain("zorgvuldig te onderzoeken");
    expect(text).toContain(DATES.nl.newDate);
    expect(text).not.toContain(DATES.nl.resolution);
  });

  it("a meeting proposal without a date proposes a conversation and asks for a moment", () => {
    const dossier = without({ judgement: { form: "meeting" } });
    const { text, html } = compose("meeting_proposal", dossier);
    expect(text).toContain("stelt een persoonlijk gesprek voor");
    expect(text).not.toContain("We stellen voor om af te spreken op");
    expect(text).not.toContain("op die dag");
    expect(html).toContain("een ander moment voor");
  });

  it("a reminder says when its term has passed", () => {
    const early = compose("reminder", fullDossier(), { now: new Date("2026-11-30T09:00:00Z") });
    expect(early.text).not.toContain("verstreken");
    const onTheDay = compose("reminder", fullDossier(), { now: new Date("2026-12-01T22:30:00Z") });
    expect(onTheDay.text).not.toContain("verstreken");
    const late = compose("reminder", fullDossier(), { now: new Date("2026-12-01T23:30:00Z") });
    expect(late.text).toContain("\nDeze termijn is verstreken.\n");
    expect(late.html).toContain("<strong>Deze termijn is verstreken.</strong>");
  });
});
