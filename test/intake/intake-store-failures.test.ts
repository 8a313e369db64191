import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useGitHubFake, type GitHubFake } from "../support/github-fake.ts";
import { testStore } from "../support/github-test-store.ts";
import { createHarness, form, json, VALID, type Harness } from "../support/intake-harness.ts";

/** What a complainant and the operator see when GitHub refuses Docket's credentials or a write. */

let github: GitHubFake;
let h: Harness;
let log: string[];

useGitHubFake((fake) => (github = fake));
beforeEach(async () => {
  log = [];
  h = await createHarness({ store: testStore(github), log: (line) => log.push(line) });
});
afterEach(() => h.dispose());

const dossiers = () => [...github.texts().keys()].filter((p) => p.startsWith("dossiers/2026/"));

describe.each([
  [401, "Bad credentials", /GITHUB_TOKEN/],
  [403, "Resource not accessible by integration", /Contents: read and write/],
])("GitHub answering %i", (status, message, fix) => {
  it("gives the complainant 503 with Retry-After and the operator one line naming the fix", async () => {
    github.failNext(10, status, { message });
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: "unavailable" });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(fix);
    expect(log[0]).not.toContain("test-token");
    expect(dossiers()).toEqual([]);
  });

  it("gives a form post the form again, refilled, with the reason", async () => {
    github.failNext(10, status, { message });
    const response = await h.post(...form({ ...VALID, submission_id: "form-4242" }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    const page = await response.text();
    expect(page).toContain('value="Eva Jansen"');
    expect(page).toContain('name="submission_id" value="form-4242"');
    expect(page).toContain("Verstuur hem over een minuut opnieuw");
  });
});

describe("GitHub answering 422 Reference update failed (another write to main won the race)", () => {
  const conflict = { on: "createCommitOnBranch", message: "Reference update failed" };

  it("reads again and files the complaint: 201, one dossier", async () => {
    github.failNext(1, 422, conflict);
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(201);
    expect(dossiers().filter((p) => p.endsWith("/dossier.md"))).toEqual([
      "dossiers/2026/KL-2026-0001/dossier.md",
    ]);
    expect(log).toEqual([]);
  });

  it("answers 503 with Retry-After when every attempt loses, the form refilled, nothing filed", async () => {
    github.failNext(20, 422, conflict);
    const response = await h.post(...form({ ...VALID, submission_id: "form-422" }));
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.text()).toContain('name="submission_id" value="form-422"');
    expect(log).toHaveLength(1);
    expect(dossiers()).toEqual([]);
  });
});
