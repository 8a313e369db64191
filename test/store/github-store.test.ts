import type { SetupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import type { DossierStore } from "../../automation/store/dossier-store.ts";
import {
  StoreConflictError,
  StoreRejectedError,
  StoreUnavailableError,
  submissionPath,
} from "../../automation/store/dossier-store.ts";
import { GitHubFake, listen, requestsDuring } from "../support/github-fake.ts";
import {
  existingDossiers,
  intakeOf,
  requestsPerIntake,
  testStore,
} from "../support/github-test-store.ts";

let server: SetupServer | undefined;
let fake: GitHubFake | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
  // Every request the store sent is one GitHub's own descriptions accept.
  expect(fake?.violations ?? []).toEqual([]);
  fake = undefined;
});

function start(files: Record<string, string | Uint8Array> = {}, options = {}): GitHubFake {
  fake = new GitHubFake({ files, ...options });
  server = listen(fake);
  return fake;
}

const first = "dossiers/2026/KL-2026-0001/dossier.md";
const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `KL-2026-${String(i + 1).padStart(4, "0")}`);

describe("fileDossier", () => {
  it("files an intake in two requests: one query, one createCommitOnBranch on the head it read", async () => {
    const github = start(existingDossiers(3));
    const before = github.head();
    const sent = await requestsDuring(github, async () => {
      const filed = await testStore(github).fileDossier(intakeOf({ submissionId: "form-0001" }));
      expect(filed).toEqual({
        id: "KL-2026-0004",
        path: "dossiers/2026/KL-2026-0004/dossier.md",
        commit: github.head(),
        created: true,
      });
    });
    expect(sent.map((r) => r.operation)).toEqual(["repository", "createCommitOnBranch"]);
    const input = (sent[1]?.body as { variables: { input: Record<string, unknown> } }).variables
      .input;
    expect(input).toMatchObject({
      expectedHeadOid: before,
      message: { headline: "Intake KL-2026-0004" },
    });
    const [ours] = github.history();
    expect(ours?.parents).toEqual([before]);
    expect(github.texts().get(submissionPath("form-0001"))).toBe("KL-2026-0004\n");
  });

  it("gives 20 concurrent intakes on one store 20 contiguous ids in 21 requests", async () => {
    const github = start();
    const store = testStore(github);
    const sent = await requestsDuring(github, async () => {
      const filed = await Promise.all(
        ids(20).map((_, n) => store.fileDossier(intakeOf({ submissionId: `submission-${n}` }))),
      );
      expect(filed.map((f) => f.id).sort()).toEqual(ids(20));
    });
    expect(sent).toHaveLength(21);
    const texts = github.texts();
    for (const id of ids(20)) expect(texts.get(`dossiers/2026/${id}/dossier.md`)).toContain(id);
    expect(github.history()).toHaveLength(21);
  });

  it("gives 20 writers in separate processes 20 contiguous ids through compare-and-swap", async () => {
    const github = start();
    const stores = ids(20).map(() => testStore(github, { maxAttempts: 25 }));
    const filed = await Promise.all(
      stores.map((store, n) => store.fileDossier(intakeOf({ submissionId: `process-${n}` }))),
    );
    expect(filed.map((f) => f.id).sort()).toEqual(ids(20));
    expect(github.history()).toHaveLength(21);
  });

  it("reads again, renumbers and retries when another writer moved the branch (STALE_DATA)", async () => {
    const github = start(existingDossiers(1));
    github.moveRefBeforeNextUpdate(({ git }) =>
      git.commitFiles({ "dossiers/2026/KL-2026-0002/dossier.md": "theirs\n" }, "Other intake"),
    );
    const builds: string[] = [];
    const filed = await testStore(github).fileDossier(intakeOf({ builds }));
    expect(builds).toEqual(["KL-2026-0002", "KL-2026-0003"]);
    expect(filed.id).toBe("KL-2026-0003");
    expect(github.texts().get("dossiers/2026/KL-2026-0002/dossier.md")).toBe("theirs\n");
    const [ours, theirs] = github.history();
    expect(ours).toMatchObject({ sha: filed.commit, parents: [theirs?.sha] });
  });

  it("treats 422 Reference update failed as a moved branch", async () => {
    const github = start();
    github.failNext(1, 422, { on: "createCommitOnBranch", message: "Reference update failed" });
    expect((await testStore(github).fileDossier(intakeOf())).id).toBe("KL-2026-0001");
    expect(github.history()).toHaveLength(2);
  });

  it("recognises a write whose answer was lost by its marker: created once, one dossier", async () => {
    const github = start();
    github.dropNextAnswer("createCommitOnBranch");
    const filed = await testStore(github).fileDossier(intakeOf({ submissionId: "lost-answer" }));
    expect(filed).toMatchObject({ id: "KL-2026-0001", created: true });
    expect([...github.texts().keys()].filter((p) => p.endsWith("dossier.md"))).toEqual([first]);
    expect(github.history()).toHaveLength(2);
  });

  it("recognises a lost answer without a submission id too", async () => {
    const github = start();
    github.dropNextAnswer("createCommitOnBranch");
    const filed = await testStore(github).fileDossier(intakeOf());
    expect(filed).toMatchObject({ id: "KL-2026-0001", created: true });
    expect(github.history()).toHaveLength(2);
  });

  it("answers a replayed submission with its earlier dossier and commits nothing", async () => {
    const github = start();
    const earlier = await testStore(github).fileDossier(intakeOf({ submissionId: "form-123" }));
    const head = github.head();
    const builds: string[] = [];
    const replay = await testStore(github).fileDossier(
      intakeOf({ submissionId: "form-123", builds }),
    );
    expect(replay).toEqual({ id: earlier.id, path: earlier.path, commit: head, created: false });
    expect(builds).toEqual([]);
    expect(github.head()).toBe(head);
  });

  it("throws StoreConflictError when the branch moves under every attempt", async () => {
    const github = start();
    for (let n = 0; n < 3; n += 1)
      github.moveRefBeforeNextUpdate(({ git }) => git.commitFiles({ [`x${n}`]: "x" }, "Other"));
    await expect(
      testStore(github, { maxAttempts: 3 }).fileDossier(intakeOf()),
    ).rejects.toBeInstanceOf(StoreConflictError);
  });

  it("says how to fix a repository without the branch", async () => {
    start({}, { empty: true });
    const error = await testStore(fake as GitHubFake)
      .fileDossier(intakeOf())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreRejectedError);
    expect((error as Error).message).toMatch(/Branch main does not exist .*first commit/);
  });

  it("keeps binary attachments byte for byte", async () => {
    const github = start();
    const bytes = Uint8Array.from({ length: 256 }, (_, n) => n);
    await testStore(github).fileDossier(intakeOf({ extra: { "attachments/scan.bin": bytes } }));
    const stored = github.git
      .files(github.head())
      .get("dossiers/2026/KL-2026-0001/attachments/scan.bin");
    expect(stored?.equals(bytes)).toBe(true);
  });
});

describe("the order of writes", () => {
  it("puts an intake before the letters still waiting: only the write in flight goes first", async () => {
    const github = start();
    const store = testStore(github);
    const letter = (n: number) =>
      store.commit({
        message: `Letter ${n}`,
        files: [{ path: `dossiers/2026/letters/${n}.eml`, content: `letter ${n}\n` }],
      });
    // The first letter's requests are slow: the others and the intake queue behind it.
    github.delayNext(300, 2);
    const writes = [letter(1), letter(2), letter(3)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    const filed = store.fileDossier(intakeOf({ submissionId: "urgent" }));
    await Promise.all([...writes, filed]);
    expect(
      github
        .history()
        .map((c) => c.message.split("\n")[0])
        .reverse(),
    ).toEqual(["Initial commit", "Letter 1", "Intake KL-2026-0001", "Letter 2", "Letter 3"]);
  });
});

describe("a spent rate limit", () => {
  it("is answered at once with the seconds until GitHub's reset, and not asked again", async () => {
    const github = start();
    github.spendRateLimit("graphql", 1200);
    const store = testStore(github);
    const started = Date.now();
    const error = await store.fileDossier(intakeOf()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).retryAfterSeconds).toBeGreaterThan(1100);
    expect(Date.now() - started).toBeLessThan(1_000);
    const again = await store.fileDossier(intakeOf()).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(StoreUnavailableError);
    expect(github.requests).toHaveLength(1);
  });
});

describe("requestsPerIntake (for the benchmark)", () => {
  it("counts two requests, one of them a write, for each intake", async () => {
    expect(await requestsPerIntake({ intakes: 3, existing: 2 })).toEqual(
      Array(3).fill({ requests: 2, writes: 1 }),
    );
  });
});

describe("commit", () => {
  it("applies an edit to the current text and keeps what another writer committed meanwhile", async () => {
    const github = start({ [first]: "status: received\n" });
    github.moveRefBeforeNextUpdate(({ git }) =>
      git.commitFiles(
        { [first]: "# note\nstatus: received\n", "dossiers/2026/notes.md": "n\n" },
        "Handler",
      ),
    );
    const seen: string[] = [];
    const commit = await testStore(github).commit({
      message: "Acknowledge",
      files: [{ path: "dossiers/2026/KL-2026-0001/correspondence/0001.eml", content: "eml\n" }],
      edits: [{ path: first, edit: (text) => (seen.push(text), text.replace("received", "sent")) }],
    });
    expect(seen).toEqual(["status: received\n", "# note\nstatus: received\n"]);
    const texts = github.texts();
    expect(texts.get(first)).toBe("# note\nstatus: sent\n");
    expect(texts.get("dossiers/2026/notes.md")).toBe("n\n");
    expect(texts.get("dossiers/2026/KL-2026-0001/correspondence/0001.eml")).toBe("eml\n");
    const [ours, theirs] = github.history();
    expect(ours).toMatchObject({ sha: commit, message: "Acknowledge", parents: [theirs?.sha] });
  });

  it("writes a file marked ifAbsent only once", async () => {
    const github = start({ "dossiers/2026/KL-2026-0001/correspondence/0001.eml": "first\n" });
    const head = github.head();
    const commit = await testStore(github).commit({
      message: "Again",
      files: [
        {
          path: "dossiers/2026/KL-2026-0001/correspondence/0001.eml",
          content: "second\n",
          ifAbsent: true,
        },
      ],
    });
    expect(commit).toBe(head);
  });

  it("refuses to edit a file that does not exist, naming it", async () => {
    const github = start();
    const missing = "dossiers/2026/KL-2026-0009/dossier.md";
    await expect(
      testStore(github).commit({ message: "Edit", edits: [{ path: missing, edit: (t) => t }] }),
    ).rejects.toThrow(missing);
  });
});

describe("list and read", () => {
  const files = {
    ...existingDossiers(2),
    "dossiers/2026/KL-2026-0001/attachments/a.pdf": "%PDF\n",
    "docs/guide.md": "guide\n",
  };
  const below = [
    "dossiers/2026/KL-2026-0001/attachments/a.pdf",
    "dossiers/2026/KL-2026-0001/dossier.md",
    "dossiers/2026/KL-2026-0002/dossier.md",
  ];

  it("lists the files below a folder at main, sorted", async () => {
    const store = testStore(start(files));
    expect(await store.list("dossiers")).toEqual(below);
    expect(await store.list("dossiers/2026/")).toEqual(below);
    expect(await store.list("dossiers/2031")).toEqual([]);
    expect(await store.list("")).toEqual(["README.md", "docs/guide.md", ...below]);
  });

  it("lists folder by folder when GitHub truncates a recursive tree", async () => {
    const github = start(files);
    github.recursiveLimit = 2;
    expect(await testStore(github).list("dossiers")).toEqual(below);
  });

  it("reads texts at main, undefined for a missing file or a folder", async () => {
    const store = testStore(start(files));
    const texts = await store.read([
      first,
      "dossiers/2026/KL-2026-0007/dossier.md",
      "docs/guide.md",
    ]);
    expect([...texts]).toEqual([
      [first, "---\nid: KL-2026-0001\n---\n"],
      ["dossiers/2026/KL-2026-0007/dossier.md", undefined],
      ["docs/guide.md", "guide\n"],
    ]);
  });

  it("asks whether main moved with a conditional request that GitHub does not count", async () => {
    const github = start(files);
    const store = testStore(github);
    await store.read([first]);
    const idle = await requestsDuring(github, () => store.read([first]));
    expect(idle).toHaveLength(1);
    expect(idle[0]?.counted).toBe(false);
  });
});

describe("the fake holds requests to GitHub's contracts", () => {
  it("refuses a REST request GitHub's description does not have, and a GraphQL field its schema lacks", async () => {
    const github = start();
    const rest = await fetch(`${github.apiUrl}/repos/acme/complaints/git/trees/abc?depth=2`, {
      headers: { authorization: "token t" },
    });
    expect(rest.status).toBe(404);
    const graphql = await fetch(github.graphqlUrl, {
      method: "POST",
      body: JSON.stringify({
        query: '{ repository(owner: "acme", name: "complaints") { headOid } }',
      }),
    });
    expect(((await graphql.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    expect(github.violations).toEqual([
      'GET /repos/{owner}/{repo}/git/trees/{tree_sha} takes no query parameter "depth"',
      'GraphQL: Cannot query field "headOid" on type "Repository".',
    ]);
    github.violations.length = 0;
  });
});

export type { DossierStore };
