import type { SetupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import complaints, { config } from "../../netlify/functions/complaints.ts";
import { GitHubFake, listen } from "../support/github-fake.ts";
import { VALID } from "../support/intake-harness.ts";
import { createResendFake } from "../support/resend-fake.ts";
import { useFixedClock } from "../support/fixed-clock.ts";

const resend = createResendFake();
const github = new GitHubFake();
let server: SetupServer;
const saved = { ...process.env };

// The functions read the clock; the dossiers they file are of 2026.
useFixedClock("2026-11-24T09:00:00+01:00");
beforeAll(() => {
  server = listen(github, ...resend.handlers);
  delete process.env.GITHUB_REPOSITORY;
});
afterAll(() => {
  server.close();
  process.env = saved;
});

describe("the Netlify function", () => {
  it("refuses to start without GitHub, and tries again on the next request", async () => {
    const request = () =>
      new Request("https://klachten.example.nl/api/complaints", { method: "POST", body: "{}" });
    await expect(
      complaints(request(), { ip: "192.0.2.7", waitUntil: () => undefined }),
    ).rejects.toThrow(/GITHUB_REPOSITORY is required/);
    Object.assign(process.env, {
      GITHUB_REPOSITORY: "acme/complaints",
      GITHUB_TOKEN: "t",
      RESEND_API_KEY: "re_test",
    });
  });

  it("is routed at /api/complaints and files through GitHub and Resend, finishing the letters with waitUntil", async () => {
    expect(config.path).toBe("/api/complaints");
    const waited: Promise<unknown>[] = [];
    const response = await complaints(
      new Request("https://klachten.example.nl/api/complaints", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(VALID),
      }),
      { ip: "192.0.2.7", waitUntil: (p) => waited.push(p) },
    );
    expect(response.status).toBe(201);
    expect(waited).toHaveLength(1);
    await Promise.all(waited);
    expect([...github.texts().keys()].filter((p) => p.startsWith("dossiers/2026/"))).toHaveLength(
      3,
    );
    expect(resend.sent.map((m) => m.to[0])).toEqual([
      "Eva Jansen <eva.jansen@example.nl>",
      expect.stringContaining("example.nl"),
    ]);
  }, 20_000);
});
