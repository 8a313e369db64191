import { describe, expect, it } from "vitest";
import { caseView, type SentLetter } from "../../automation/case-page/case-view.ts";
import type { Dossier } from "../../automation/domain/dossier-schema.ts";
import { dossierData } from "../support/dossiers.ts";

/** Terms of the fixture: information and judgement 2026-12-01, resolution 2026-12-24. */
const TZ = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);
const letter = (key: string, sentAt: string): SentLetter => ({
  key,
  sentAt: at(sentAt),
  subject: key,
  text: "",
});
const judged: Partial<Dossier> = {
  status: "judged",
  judgement: { form: "meeting", date: "2026-11-30" },
};

const outcomes = (fields: Partial<Dossier>, letters: SentLetter[], now: string) =>
  caseView({ ...dossierData(), ...fields }, letters, at(now), TZ).terms.map(
    (t) => `${t.kind}:${t.outcome}${t.movedTo ? `>${t.movedTo}` : ""}`,
  );

describe("the terms on the complainant's page", () => {
  it.each([
    [
      "a fresh case",
      {},
      [],
      "2026-11-25T10:00:00Z",
      ["information:open", "judgement:open", "resolution:open"],
    ],
    [
      "the information request went out in time",
      {
        status: "awaiting_information",
        information: { complete: false, request: "x", requested_at: "2026-11-26T10:00:00+01:00" },
      },
      [],
      "2026-11-27T10:00:00Z",
      ["information:kept", "judgement:open", "resolution:open"],
    ],
    [
      "the information request went out late",
      {
        status: "awaiting_information",
        information: { complete: false, request: "x", requested_at: "2026-12-02T10:00:00+01:00" },
      },
      [],
      "2026-12-02T12:00:00Z",
      ["information:late", "judgement:missed", "resolution:open"],
    ],
    [
      "nothing was asked by the information date",
      {},
      [],
      "2026-12-02T12:00:00Z",
      ["information:not_needed", "judgement:missed", "resolution:open"],
    ],
    [
      "a judgement letter on time",
      judged,
      [letter("meeting_proposal", "2026-11-30T10:00:00Z")],
      "2026-12-03T12:00:00Z",
      ["information:not_needed", "judgement:kept", "resolution:open"],
    ],
    [
      "a delay, then the judgement by the new date",
      { ...judged, delay: { reason: "x", new_date: "2026-12-08" } },
      [letter("meeting_proposal", "2026-12-07T10:00:00Z")],
      "2026-12-09T12:00:00Z",
      ["information:not_needed", "judgement:kept>2026-12-08", "resolution:open"],
    ],
    [
      "closed after the month",
      { ...judged, status: "closed", closed_at: "2026-12-28T10:00:00+01:00" },
      [letter("meeting_proposal", "2026-11-30T10:00:00Z")],
      "2026-12-29T12:00:00Z",
      ["information:not_needed", "judgement:kept", "resolution:late"],
    ],
    [
      "withdrawn before anything was due",
      { status: "withdrawn", closed_at: "2026-11-25T10:00:00+01:00" },
      [],
      "2026-12-29T12:00:00Z",
      ["information:lapsed", "judgement:lapsed", "resolution:lapsed"],
    ],
  ] as const)("%s", (_name, fields, letters, now, expected) => {
    expect(outcomes(fields as Partial<Dossier>, [...letters], now)).toEqual(expected);
  });

  it("lists only the letters to the complainant, oldest first, and says which actions are open", () => {
    const view = caseView(
      dossierData(),
      [
        letter("information_request", "2026-11-26T10:00:00Z"),
        letter("new_case", "2026-11-24T08:14:00Z"),
        letter("acknowledgement", "2026-11-24T08:13:30Z"),
        letter("received-reply-0123456789abcdef", "2026-11-27T10:00:00Z"),
        letter("delay_notice-2026-12-08", "2026-12-01T07:00:00Z"),
        letter("reminder-judgement-2026-12-01", "2026-11-30T07:00:00Z"),
      ],
      at("2026-12-02T10:00:00Z"),
      TZ,
    );
    expect(view.letters.map((l) => l.key)).toEqual([
      "acknowledgement",
      "information_request",
      "delay_notice-2026-12-08",
    ]);
    expect(view.open).toBe(true);
    expect(caseView({ ...dossierData(), status: "withdrawn" }, [], at("2026-12-02"), TZ).open).toBe(
      false,
    );
  });
});
