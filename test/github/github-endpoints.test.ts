import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { SetupServer } from "msw/node";
import { setupServer } from "msw/node";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { deskBackend } from "../../automation/desk/desk-config.ts";
import { deskCsp, deskHeadersFile } from "../../automation/desk/desk-csp.ts";
import { DASHBOARD_LABEL } from "../../automation/github/dashboard.ts";
import { createDeskAuthFunction } from "../../automation/platform/desk-auth-function.ts";
import { buildRuntime } from "../../automation/runtime.ts";
import { githubEndpoints } from "../../automation/store/github-endpoints.ts";
import { dossierText, pathOf } from "../support/dossiers.ts";
import { GitHubFake } from "../support/github-fake.ts";
import { GitHubIssuesFake } from "../support/github-issues-fake.ts";
import { runDocket } from "../support/run-docket.ts";

const GHES = "https://github.example.nl/api/v3";
const ENV = {
  GITHUB_REPOSITORY: "acme/complaints",
  GITHUB_TOKEN: "test-token",
  GITHUB_API_URL: GHES,
};

describe("githubEndpoints", () => {
  it.each([
    [{}, "https://api.github.com", "https://api.github.com/graphql", "https://github.com"],
    [
      { GITHUB_API_URL: `${GHES}/` },
      GHES,
      "https://github.example.nl/api/graphql",
      "https://github.example.nl",
    ],
    [
      { GITHUB_API_URL: "http://127.0.0.1:8080", GITHUB_GRAPHQL_URL: "http://127.0.0.1:8080/gql" },
      "http://127.0.0.1:8080",
      "http://127.0.0.1:8080/gql",
      "https://github.com",
    ],
    [
      { GITHUB_API_URL: GHES, GITHUB_SERVER_URL: "https://git.example.nl" },
      GHES,
      "https://github.example.nl/api/graphql",
      "https://git.example.nl",
    ],
  ])("reads %j", (env, apiUrl, graphqlUrl, serverUrl) => {
    expect(githubEndpoints(env)).toEqual({ apiUrl, graphqlUrl, serverUrl });
  });

  it("refuses an address that is not http(s), naming the variable", () => {
    expect(() => githubEndpoints({ GITHUB_API_URL: "github.example.nl" })).toThrow(
      /^GITHUB_API_URL must be an http\(s\) URL/,
    );
  });
});

describe("every GitHub client talks to GITHUB_API_URL", () => {
  const dir = mkdtempSync(join(tmpdir(), "docket-ghes-"));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write(pathOf("KL-2026-0001"), dossierText());
  let server: SetupServer | undefined;
  const start = (...handlers: Parameters<typeof setupServer>) => {
    // Nothing answers at api.github.com: a request that goes there fails the test.
    server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: "error" });
  };
  afterEach(() => server?.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the dashboard of docket deadlines", async () => {
    const issues = new GitHubIssuesFake({ apiUrl: GHES });
    start(...issues.handlers);
    const run = await runDocket(
      ["deadlines", "--repo", ".", "--now", "2026-11-30T08:00:00+01:00"],
      { env: ENV, cwd: dir },
    );
    expect(run.stderr).toContain("Dashboard issue #1 created");
    expect(issues.issues[0]?.labels).toContain(DASHBOARD_LABEL);
    expect(issues.issues[0]?.body).toContain(
      `https://github.example.nl/acme/complaints/blob/main/${pathOf("KL-2026-0001")}`,
    );
  });

  it("the letters preview of docket preview", async () => {
    const issues = new GitHubIssuesFake({ apiUrl: GHES });
    const pr = issues.open({ pullRequest: true, title: "Judgement" });
    start(...issues.handlers);
    const run = await runDocket(["preview", "--repo", ".", "--pr", String(pr)], {
      env: ENV,
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(issues.comments).toHaveLength(1);
  });

  it("the dossier store, whose links point at the Enterprise Server", async () => {
    const github = new GitHubFake({ apiUrl: GHES });
    start(...github.handlers);
    const runtime = await buildRuntime(ENV, process.cwd());
    expect(await runtime.store.head()).toBe(github.head());
    expect(github.requests.length).toBeGreaterThan(0);
    expect(runtime.dossierUrl("dossiers/README.md")).toBe(
      "https://github.example.nl/acme/complaints/blob/main/dossiers/README.md",
    );
  });

  it("the desk: Decap's GitHub backend, the pages' CSP and the sign-in", async () => {
    const backend = (apiUrl: string) =>
      deskBackend({
        repository: "acme/complaints",
        apiUrl,
        siteOrigin: "https://klachten.example.nl",
        authPath: "/api/desk/auth",
        apiPath: "/api/desk",
      });
    expect(backend(githubEndpoints(ENV).apiUrl)).toMatchObject({ api_root: GHES });
    expect(backend(githubEndpoints({}).apiUrl)).not.toHaveProperty("api_root");
    expect(deskCsp(GHES)).toContain("connect-src 'self' https://github.example.nl;");
    expect(deskCsp()).toContain("connect-src 'self' https://api.github.com;");
    expect(deskHeadersFile(GHES)).toMatch(
      /^\/desk\/\*\n {2}Content-Security-Policy: .*connect-src 'self' https:\/\/github\.example\.nl;/,
    );
    const signIn = await createDeskAuthFunction({
      ...ENV,
      DOCKET_DESK_GITHUB_CLIENT_ID: "id",
      DOCKET_DESK_GITHUB_CLIENT_SECRET: "secret",
      SITE_URL: "https://klachten.example.nl",
    });
    const response = await signIn(new Request("https://klachten.example.nl/api/desk/auth"), {
      clientAddress: "192.0.2.1",
      defer: () => undefined,
    });
    expect(response.headers.get("location")).toMatch(
      /^https:\/\/github\.example\.nl\/login\/oauth\/authorize\?/,
    );
  });
});
