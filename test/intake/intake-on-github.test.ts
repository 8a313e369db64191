import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requestsDuring, useGitHubFake, type GitHubFake } from "../support/github-fake.ts";
import { testStore } from "../support/github-test-store.ts";
import { createHarness, form, json, VALID, type Harness } from "../support/intake-harness.ts";

/** The intake on the GitHub fake: what complainants get when GitHub is busy, spent or loses an answer. */

let github: GitHubFake;
let h: Harness;

useGitHubFake((fake) => (github = fake));
beforeEach(async () => {
  h = await createHarness({ store: testStore(github), crashBeforeLetters: true });
});
afterEach(() => h.dispose());

const dossiers = () => [...github.texts().keys()].filter((p) => p.endsWith("/dossier.md")).sort();
const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `KL-2026-${String(i + 1).padStart(4, "0")}`);

describe("the intake on GitHub", () => {
  it("answers a complaint after two requests to GitHub, one of them the write", async () => {
    let status = 0;
    const sent = await requestsDuring(github, async () => {
      status = (await h.post(...json(VALID))).status;
    });
    expect(status).toBe(201);
    expect(sent.map((r) => r.operation)).toEqual(["repository", "createCommitOnBranch"]);
  });

  it("gives 20 concurrent intakes 20 contiguous ids, each answered 201", async () => {
    const answers = await Promise.all(
      ids(20).map((_, n) => h.post(...json({ ...VALID, summary: `Klacht nummer ${n}` }))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const answered = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { id: string }).id),
    );
    expect(answered.sort()).toEqual(ids(20));
    expect(dossiers()).toEqual(ids(20).map((id) => `dossiers/2026/${id}/dossier.md`));
  });

  it("answers 201 once for a write whose answer was lost, with one dossier", async () => {
    github.dropNextAnswer("createCommitOnBranch");
    const response = await h.post(...json({ ...VALID, submission_id: "lost-answer-1" }));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { id: string }).id).toBe("KL-2026-0001");
    expect(dossiers()).toEqual(["dossiers/2026/KL-2026-0001/dossier.md"]);
    expect(github.history()).toHaveLength(2);
  });

  it("files a form post without JavaScript once: its answer lost, then sent again", async () => {
    github.dropNextAnswer("createCommitOnBranch");
    const first = await h.post(...form(VALID));
    expect(first.headers.get("location")).toBe("/bedankt/?id=KL-2026-0001");
    const again = await h.post(...form(VALID));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/bedankt/?id=KL-2026-0001");
    expect(dossiers()).toEqual(["dossiers/2026/KL-2026-0001/dossier.md"]);
    expect(github.history()).toHaveLength(2);
  });

  it("answers a spent rate limit with 503 and Retry-After until the reset, within 10 s", async () => {
    github.spendRateLimit("both", 900);
    const started = Date.now();
    const response = await h.post(...json(VALID));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(dossiers()).toEqual([]);
  });

  it("answers 503 within 10 s when GitHub does not answer at all", async () => {
    github.delayNext(60_000, 50);
    const started = Date.now();
    const response = await h.post(...json(VALID));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  }, 15_000);
});
