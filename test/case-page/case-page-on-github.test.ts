import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  useGitHubFake,
  type GitHubFake,
  requestsDuring,
  type LoggedRequest,
} from "../support/github-fake.ts";
import { testStore } from "../support/github-test-store.ts";
import { createPageHarness, fileComplaint, type PageHarness } from "./case-page-support.ts";

/** The complainant's page on the GitHub fake, held to GitHub's contracts: what each view and action costs. */

let github: GitHubFake;
let h: PageHarness;

useGitHubFake((fake) => (github = fake));
beforeEach(async () => {
  h = await createPageHarness({ store: testStore(github) });
});
afterEach(() => h.dispose());

const names = (requests: readonly LoggedRequest[]) =>
  requests.map((r) => (r.operation ? `graphql ${r.operation}` : r.route));

describe("the complainant's page on GitHub", () => {
  it("answers a link that opens nothing with the same requests as an unknown id, and the page in a few", async () => {
    const id = await fileComplaint(h);
    const link = new URL(await h.linkFromAcknowledgement(id)).pathname;
    const during = async (path: string) => {
      let status = 0;
      const requests = await requestsDuring(github, async () => {
        status = (await h.request(path)).status;
      });
      return {
        status,
        requests: names(requests),
        counted: requests.filter((r) => r.counted).length,
      };
    };
    // Cold: main moved since this instance last read it (the intake's letters were committed).
    const coldWrong = await during(`/zaak/${id}/${"C".repeat(32)}`);
    const warmWrong = await during(`/zaak/${id}/${"D".repeat(32)}`);
    const warmUnknown = await during(`/zaak/KL-2026-0999/${"C".repeat(32)}`);
    const warmPage = await during(link);
    await h.request(`${link}/intrekken`, {
      method: "POST",
      body: new URLSearchParams({ confirm: "yes" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    // Main moved again (the withdrawal): an unknown id costs what the link that opened nothing cost.
    const coldUnknown = await during(`/zaak/KL-2026-0999/${"E".repeat(32)}`);
    // And again (another complaint): the page, read cold.
    await fileComplaint(h);
    const coldPage = await during(link);
    console.info(
      [
        `link that opens nothing, cold: ${coldWrong.requests.join(", ")} (${coldWrong.counted} counted)`,
        `link that opens nothing, warm: ${warmWrong.requests.join(", ")} (${warmWrong.counted} counted)`,
        `page, warm: ${warmPage.requests.join(", ")} (${warmPage.counted} counted)`,
        `page, cold: ${coldPage.requests.join(", ")} (${coldPage.counted} counted)`,
        `unknown id, cold: ${coldUnknown.requests.join(", ")} (${coldUnknown.counted} counted)`,
      ].join("\n"),
    );
    expect([coldWrong.status, warmWrong.status, warmUnknown.status]).toEqual([404, 404, 404]);
    // What a link costs depends on what the instance has read before, never on the link.
    expect(warmWrong.requests).toEqual(warmUnknown.requests);
    expect(warmWrong.requests).toEqual(["GET /commits/:ref"]);
    expect(coldUnknown.requests).toEqual(coldWrong.requests);
    expect(coldWrong.requests).toEqual([
      "GET /commits/:ref",
      "graphql repository",
      "GET /git/trees/:sha",
    ]);
    expect(warmPage.status).toBe(200);
    expect(coldPage.status).toBe(200);
    // Each read asks whether main moved (a conditional request, free while it did not); the dossier and
    // the folder listing come from the instance's snapshot; the letters' texts are one GraphQL query.
    expect(warmPage.requests).toHaveLength(4);
    expect(warmPage.counted).toBe(1);
    expect(coldPage.requests.length).toBeLessThanOrEqual(6);
    expect(coldPage.counted).toBeLessThanOrEqual(4);
  });

  it("withdraws and files information through the same store, in a few requests each", async () => {
    const id = await fileComplaint(h);
    const link = new URL(await h.linkFromAcknowledgement(id)).pathname;
    const data = new FormData();
    data.append("text", "De urenstaat zit erbij.");
    data.append("submission_id", "github-page-0001");
    data.append("attachments", new File([Buffer.from("%PDF-1.4\n%\n")], "urenstaat.pdf"));
    const add = await requestsDuring(github, () =>
      h.request(`${link}/aanvullen`, { method: "POST", body: data }),
    );
    const withdraw = await requestsDuring(github, () =>
      h.request(`${link}/intrekken`, {
        method: "POST",
        body: new URLSearchParams({ confirm: "yes" }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    const files = [...github.texts().keys()].filter((p) => p.startsWith(`dossiers/2026/${id}/`));
    expect(files.some((f) => f.includes("-received-reply-"))).toBe(true);
    expect(files).toContain(`dossiers/2026/${id}/attachments/01-urenstaat.pdf`);
    expect(github.texts().get(`dossiers/2026/${id}/dossier.md`)).toMatch(/^status: withdrawn$/m);
    console.info(
      `GitHub requests: add information ${add.length} (${names(add).join(", ")}); withdraw ${withdraw.length} (${names(withdraw).join(", ")})`,
    );
    // Each includes the dispatch of the letters it makes owed (the handler's notices, the confirmation).
    expect(add.length).toBeLessThanOrEqual(16);
    expect(withdraw.length).toBeLessThanOrEqual(12);
  });
});
