import { describe, expect, it } from "vitest";
import { answersHearingRequest } from "../../automation/conversation/hearing-reply.ts";
import { hearingRequestKey } from "../../automation/domain/letters-owed.ts";

const MARK = { email: "mark.visser@example.nl", informedAt: "2026-11-24T11:05:00+01:00" };
const HIS = `<KL-2026-0001.${hearingRequestKey(MARK.email)}@interforce.eu>`;
const ANS = `<KL-2026-0001.${hearingRequestKey("an.dewit@example.nl")}@interforce.eu>`;
const PLUS = "klachten+kl-2026-0001@interforce.eu";
const context = (receivedAt: string) => ({
  dossierId: "KL-2026-0001",
  domain: "interforce.eu",
  plusAddress: PLUS,
  receivedAt: new Date(receivedAt),
});
const AFTER = "2026-11-25T09:00:00Z";

describe("a staff member's mail answers their hearing request", () => {
  it.each<[string, string[], string[], string, boolean]>([
    ["In-Reply-To their request", [HIS], ["klachten@interforce.eu"], AFTER, true],
    [
      "References their request, deeper in the thread",
      [HIS, "<x@mail.example.nl>"],
      [],
      AFTER,
      true,
    ],
    ["their request's id in other letter case", [HIS.toUpperCase()], [], AFTER, true],
    ["to the plus-address after the request", [], [PLUS], AFTER, true],
    ["to the plus-address before the request went out", [], [PLUS], "2026-11-24T10:00:00Z", false],
    ["a new mail to the complaints address", [], ["klachten@interforce.eu"], AFTER, false],
    ["an answer to a colleague's request", [ANS], ["klachten@interforce.eu"], AFTER, false],
    [
      "an answer to a letter to the complainant",
      ["<KL-2026-0001.judgement@interforce.eu>"],
      [],
      AFTER,
      false,
    ],
    ["their request's id on another dossier", [HIS.replace("0001", "0002")], [], AFTER, false],
    [
      "their request's id at another domain",
      [HIS.replace("interforce.eu", "example.com")],
      [],
      AFTER,
      false,
    ],
    [
      "to another dossier's plus-address",
      [],
      ["klachten+kl-2026-0002@interforce.eu"],
      AFTER,
      false,
    ],
  ])("%s: %s", (_name, answers, recipients, receivedAt, expected) => {
    expect(answersHearingRequest({ answers, recipients }, MARK, context(receivedAt))).toBe(
      expected,
    );
  });

  it("takes an informed_at that is no time as not yet informed, by the plus-address", () => {
    const odd = { ...MARK, informedAt: "soon" };
    expect(answersHearingRequest({ answers: [], recipients: [PLUS] }, odd, context(AFTER))).toBe(
      false,
    );
    expect(answersHearingRequest({ answers: [HIS], recipients: [] }, odd, context(AFTER))).toBe(
      true,
    );
  });
});
