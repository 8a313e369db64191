import type { SetupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../automation/store/dossier-store.ts";
import { StoreAccessError, StoreRejectedError } from "../../automation/store/github-store.ts";
import { GitHubFake, listen } from "../support/github-fake.ts";
import { intakeOf, testStore } from "../support/github-test-store.ts";

// How the GitHub store maps GitHub's failures. Nothing waits: no plugin retries or throttles.

let server: SetupServer | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

function start(): GitHubFake {
  const fake = new GitHubFake();
  server = listen(fake);
  return fake;
}

describe("failures", () => {
  it("tries again after a server error and then succeeds", async () => {
    const fake = start();
    fake.failNext(2, 502);
    expect((await testStore(fake).fileDossier(intakeOf())).id).toBe("KL-2026-0001");
    expect(fake.requests).toHaveLength(4);
  });

  it.each([
    ["persistent 5xx", (fake: GitHubFake) => fake.failNext(10, 503)],
    ["network errors", (fake: GitHubFake) => fake.failNext(10, "network")],
    ["timeouts", (fake: GitHubFake) => fake.delayNext(1_000, 10)],
  ])("throws StoreUnavailableError after %s, before the answer is due", async (_, breakIt) => {
    const fake = start();
    const head = fake.head();
    breakIt(fake);
    const started = Date.now();
    const error = await testStore(fake, { timeout: 100, answerWithinMs: 2_000 })
      .fileDossier(intakeOf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: "store_unavailable" });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(fake.head()).toBe(head);
  });

  it.each([
    [403, "You have exceeded a secondary rate limit.", "1"],
    [429, "Too many requests", "7"],
  ])(
    "passes on a secondary rate limit (%i) with GitHub's retry-after, at once",
    async (status, message, after) => {
      const fake = start();
      fake.failNext(1, status, { headers: { "retry-after": after }, message });
      const error = await testStore(fake)
        .fileDossier(intakeOf())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ retryAfterSeconds: Number(after) });
      expect(fake.requests).toHaveLength(1);
    },
  );

  it("throws StoreAccessError on bad credentials, without retrying", async () => {
    const fake = start();
    fake.failNext(1, 401);
    const error = await testStore(fake)
      .fileDossier(intakeOf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreAccessError);
    expect(error).toMatchObject({ code: "store_access", cause: { status: 401 } });
    expect(fake.requests).toHaveLength(1);
  });

  it("throws StoreAccessError naming the repository when GitHub does not show it", async () => {
    const fake = start();
    for (const attempt of [
      testStore(fake, { repo: "missing" }).list("dossiers"),
      testStore(fake, { repo: "missing" }).fileDossier(intakeOf()),
    ]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreAccessError);
      expect((error as Error).message).toContain("acme/missing");
    }
  });

  it("throws StoreRejectedError when GitHub rejects a write", async () => {
    const fake = start();
    fake.failNext(1, 422, {
      on: "createCommitOnBranch",
      message: "tree.path contains a malformed path component",
    });
    const error = await testStore(fake)
      .fileDossier(intakeOf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreRejectedError);
    expect((error as Error).message).toContain("malformed path");
  });
});
