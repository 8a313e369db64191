import type { SetupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../automation/store/dossier-store.ts";
import { StoreAccessError, StoreRejectedError } from "../../automation/store/github-store.ts";
import { GitHubFake, listen } from "../support/github-fake.ts";
import { intakeOf, testStore } from "../support/github-test-store.ts";

// How the GitHub store maps GitHub's failures, after Octokit's throttling and retry plugins had their go.

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

const routes = (fake: GitHubFake, route: string) => fake.requests.filter((r) => r.route === route);

describe("failures", () => {
  it("retries server errors and then succeeds", async () => {
    const fake = start();
    fake.failNext(2, 502);
    expect((await testStore(fake).fileDossier(intakeOf())).id).toBe("KL-2026-0001");
    expect(routes(fake, "GET /git/ref/:ref")).toHaveLength(3);
  });

  it.each([
    ["persistent 5xx", (fake: GitHubFake) => fake.failNext(4, 503)],
    ["network errors", (fake: GitHubFake) => fake.failNext(4, "network")],
    ["timeouts", (fake: GitHubFake) => fake.delayNext(1_000, 4)],
  ])("throws StoreUnavailableError after retrying %s", async (_, breakIt) => {
    const fake = start();
    const head = fake.head();
    breakIt(fake);
    const error = await testStore(fake, { timeout: 100 })
      .fileDossier(intakeOf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({
      code: "store_unavailable",
      cause: { status: expect.any(Number) },
    });
    expect(routes(fake, "GET /git/ref/:ref")).toHaveLength(4);
    expect(fake.head()).toBe(head);
  });

  it("waits out a secondary rate limit (403 with retry-after) and succeeds", async () => {
    const fake = start();
    fake.failNext(1, 403, { headers: { "retry-after": "1" } });
    expect((await testStore(fake).fileDossier(intakeOf())).id).toBe("KL-2026-0001");
    expect(routes(fake, "GET /git/ref/:ref")).toHaveLength(2);
  });

  it("gives up on a rate limit after two retries, passing on GitHub's retry-after", async () => {
    const fake = start();
    fake.failNext(5, 429, { headers: { "retry-after": "7" } });
    const error = await testStore(fake)
      .fileDossier(intakeOf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ retryAfterSeconds: 7, cause: { status: 429 } });
    expect(fake.requests).toHaveLength(3);
  });

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
    const error = await testStore(fake, { repo: "missing" })
      .list("dossiers")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreAccessError);
    expect((error as Error).message).toContain("acme/missing");
  });

  it("throws StoreRejectedError when GitHub rejects a tree", async () => {
    const fake = start();
    fake.failNext(1, 422, {
      on: "POST /git/trees",
      message: "tree.path contains a malformed path component",
    });
    const error = await testStore(fake)
      .fileDossier(intakeOf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreRejectedError);
    expect((error as Error).message).toContain("malformed path");
  });
});
