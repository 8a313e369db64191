import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { takeViolations } from "../support/github-contract-check.ts";
import { GitHubFake } from "../support/github-fake.ts";
import { GitHubIssuesFake } from "../support/github-issues-fake.ts";

/** The GitHub fakes refuse what GitHub would refuse, and the refusal fails the test that caused it. */

const issues = new GitHubIssuesFake();
const server = setupServer(...issues.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const repo = "https://api.github.com/repos/acme/complaints";
const send = (path: string, method = "GET", body?: unknown) =>
  fetch(`${repo}${path}`, {
    method,
    headers: { authorization: "token t", "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe("the issues fake", () => {
  it("refuses a body GitHub's description refuses, and a query parameter it does not take", async () => {
    expect((await send("/issues", "POST", { body: "no title" })).status).toBe(422);
    expect((await send("/issues?label=x")).status).toBe(422);
    expect((await send("/issues/1/comments", "POST", { text: "x" })).status).toBe(422);
    expect(issues.issues).toEqual([]);
    expect(takeViolations()).toEqual([
      "POST /repos/{owner}/{repo}/issues: body must have required property 'title'",
      'GET /repos/{owner}/{repo}/issues takes no query parameter "label"',
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments: body must have required property 'body'",
    ]);
  });

  it("serves what GitHub accepts", async () => {
    expect((await send("/issues?labels=x&state=all&per_page=100")).status).toBe(200);
    expect((await send("/issues", "POST", { title: "t", labels: ["x"] })).status).toBe(201);
    expect(takeViolations()).toEqual([]);
  });
});

describe("every test on a GitHub fake", () => {
  it("is failed by a refused request the test never looked at", async () => {
    const github = new GitHubFake();
    server.use(...github.handlers);
    // What code under test might swallow: the 404 becomes an error it handles.
    await fetch(`${github.apiUrl}/repos/acme/complaints/git/trees/abc?depth=2`);
    // Taken here on purpose; left alone, the check after each test (github-contract-setup.ts) fails it.
    expect(takeViolations()).toEqual([
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha} takes no query parameter "depth"',
    ]);
  });
});
