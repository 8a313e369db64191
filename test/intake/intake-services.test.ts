import type { SetupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { createResendMailer } from "../../automation/mail/resend-mailer.ts";
import { GitHubFake, listen } from "../support/github-fake.ts";
import { testStore } from "../support/github-test-store.ts";
import { createHarness, json, VALID, type Harness } from "../support/intake-harness.ts";
import { createResendFake } from "../support/resend-fake.ts";

/**
 * The intake function against GitHub and Resend as they behave over several
 * calls (msw fakes at the HTTP boundary): each test asserts what was
 * committed and what was sent.
 */

const resend = createResendFake();
let github: GitHubFake;
let server: SetupServer;
let h: Harness;

beforeAll(() => {
  github = new GitHubFake();
  server = listen(github, ...resend.handlers);
});
afterAll(() => server.close());

beforeEach(async () => {
  github = new GitHubFake();
  server.resetHandlers(...resend.handlers, ...github.handlers);
  resend.reset();
  h = await createHarness({
    store: testStore(github, { timeout: 300 }),
    mailer: createResendMailer({ apiKey: "re_test", sleep: async () => undefined, timeoutMs: 500 }),
  });
});
afterEach(() => h.dispose());

const dossierFiles = () =>
  [...github.texts().keys()].filter((p) => p.startsWith("dossiers/2026/")).sort();
const subjects = () => resend.sent.map((m) => `${m.to.join(",")}: ${m.subject}`);

describe("with GitHub and Resend answering", () => {
  it("commits the dossier and its letters' copies, and sends each letter once", async () => {
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(201);
    expect(dossierFiles()).toEqual([
      "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml",
      "dossiers/2026/KL-2026-0001/correspondence/0002-new_case.eml",
      "dossiers/2026/KL-2026-0001/dossier.md",
    ]);
    expect(subjects()).toEqual([
      "Eva Jansen <eva.jansen@example.nl>: We hebben je klacht ontvangen (KL-2026-0001)",
      expect.stringMatching(/^Sanne de Vries <sanne\.devries@example\.nl>: .*KL-2026-0001/),
    ]);
    const commits = github.history().map((c) => c.message.split("\n")[0]);
    expect(commits.slice(0, 2)).toEqual([
      "Letters for KL-2026-0001: acknowledgement, new_case",
      expect.stringMatching(/^Intake KL-2026-0001/),
    ]);
  });

  it("files on top of a handler's commit that landed between read and write", async () => {
    github.moveRefBeforeNextUpdate((fake) =>
      fake.git.commitFiles(
        { "dossiers/2026/KL-2026-0001/dossier.md": "---\nid: KL-2026-0001\n---\n" },
        "Phone complaint",
      ),
    );
    const response = await h.post(...json(VALID));
    expect(await response.json()).toMatchObject({ id: "KL-2026-0002" });
    expect(dossierFiles()).toContain("dossiers/2026/KL-2026-0001/dossier.md");
    expect(dossierFiles()).toContain("dossiers/2026/KL-2026-0002/dossier.md");
  });

  it("files a duplicate submission once and acknowledges it once", async () => {
    const first = await h.post(...json({ ...VALID, submission_id: "a1b2c3d4e5" }));
    const second = await h.post(...json({ ...VALID, submission_id: "a1b2c3d4e5" }));
    expect(await second.json()).toEqual(await first.json());
    expect(dossierFiles().filter((f) => f.endsWith("dossier.md"))).toHaveLength(1);
    expect(resend.sent).toHaveLength(2);
  });
});

describe("when GitHub fails", () => {
  it("answers 503 with Retry-After on persistent 5xx, commits and sends nothing", async () => {
    github.failNext(20, 502);
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(dossierFiles()).toEqual([]);
    expect(resend.sent).toEqual([]);
  });

  it("retries a passing 5xx, then files", async () => {
    github.failNext(1, 500);
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(201);
    expect(dossierFiles()).toContain("dossiers/2026/KL-2026-0001/dossier.md");
  });

  it("answers a secondary rate limit with 503 and its Retry-After at once, and files after it", async () => {
    github.failNext(1, 403, {
      headers: { "retry-after": "1" },
      message: "You have exceeded a secondary rate limit.",
    });
    const started = Date.now();
    const refused = await h.post(...json(VALID));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(github.requests).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await h.post(...json(VALID))).status).toBe(201);
    expect(dossierFiles()).toContain("dossiers/2026/KL-2026-0001/dossier.md");
  });

  it("answers 503 when GitHub does not answer in time", async () => {
    github.delayNext(2_000, 20);
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(503);
    expect(dossierFiles()).toEqual([]);
  }, 30_000);
});

describe("when Resend fails, the complaint is safe and the letters follow", () => {
  it("answers 201 while Resend is down; the next dispatch sends each letter once", async () => {
    resend.failNext(10, 500);
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(201);
    expect(dossierFiles()).toEqual(["dossiers/2026/KL-2026-0001/dossier.md"]);
    expect(resend.sent).toEqual([]);

    resend.reset();
    const report = await dispatch(h.dispatchDeps);
    expect(report.sent.map((s) => s.letter)).toEqual(["acknowledgement", "new_case"]);
    expect(resend.sent).toHaveLength(2);
    expect(dossierFiles()).toHaveLength(3);

    const again = await dispatch(h.dispatchDeps);
    expect(again).toEqual({ sent: [], skipped: [], failed: [] });
    expect(resend.requests).toBe(2);
  });

  it("waits out a 429 with retry-after and sends once", async () => {
    resend.failNext(1, 429);
    await h.post(...json(VALID));
    expect(resend.sent).toHaveLength(2);
    expect(dossierFiles()).toHaveLength(3);
  });

  it("a crash between commit and send is finished by the next dispatch", async () => {
    const crashed = await createHarness({
      store: testStore(github),
      mailer: h.mailer,
      crashBeforeLetters: true,
    });
    try {
      expect((await crashed.post(...json(VALID))).status).toBe(201);
    } finally {
      crashed.dispose();
    }
    expect(dossierFiles()).toEqual(["dossiers/2026/KL-2026-0001/dossier.md"]);
    expect(resend.sent).toEqual([]);
    const report = await dispatch(h.dispatchDeps);
    expect(report.failed).toEqual([]);
    expect(resend.sent.map((m) => m.subject)).toEqual([
      "We hebben je klacht ontvangen (KL-2026-0001)",
      expect.stringContaining("KL-2026-0001"),
    ]);
    expect(dossierFiles()).toHaveLength(3);
  });

  it("a crash after sending but before the copies are committed sends nothing twice", async () => {
    const crashed = await createHarness({
      store: testStore(github),
      mailer: h.mailer,
      crashBeforeLetters: true,
    });
    try {
      await crashed.post(...json(VALID));
    } finally {
      crashed.dispose();
    }
    // Every try of the commit fails.
    github.failNext(10, 503, { on: "createCommitOnBranch" });
    await expect(dispatch(h.dispatchDeps)).rejects.toMatchObject({ code: "store_unavailable" });
    expect(resend.sent).toHaveLength(2);
    expect(dossierFiles()).toEqual(["dossiers/2026/KL-2026-0001/dossier.md"]);

    const sentBefore = resend.sent.length;
    const report = await dispatch(h.dispatchDeps);
    expect(report.sent).toHaveLength(2);
    expect(resend.sent).toHaveLength(sentBefore);
    expect(dossierFiles()).toHaveLength(3);
  });
});
