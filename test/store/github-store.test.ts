import type { SetupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import type { DossierStore } from "../../automation/store/dossier-store.ts";
import { StoreConflictError, submissionPath } from "../../automation/store/dossier-store.ts";
import { GitHubFake, listen, requestsDuring } from "../support/github-fake.ts";
import {
  existingDossiers,
  intakeOf,
  requestsPerIntake,
  testStore,
} from "../support/github-test-store.ts";

let server: SetupServer | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

function start(files: Record<string, string | Uint8Array> = {}): GitHubFake {
  const fake = new GitHubFake({ files });
  server = listen(fake);
  return fake;
}

const first = "dossiers/2026/KL-2026-0001/dossier.md";
const routes = (fake: GitHubFake, route: string) => fake.requests.filter((r) => r.route === route);

describe("fileDossier", () => {
  it("files the first intake of a year as KL-2026-0001 in one commit on main, sending no author", async () => {
    const fake = start();
    const before = fake.head();
    const filed = await testStore(fake).fileDossier(intakeOf());
    expect(filed).toEqual({ id: "KL-2026-0001", path: first, commit: fake.head(), created: true });
    expect(routes(fake, "PATCH /git/refs/:ref")[0]?.body).toEqual({
      sha: filed.commit,
      force: false,
    });
    expect(fake.git.commit(filed.commit)).toMatchObject({
      parents: [before],
      message: "Intake KL-2026-0001",
    });
    expect(fake.texts().get(first)).toBe("---\nid: KL-2026-0001\n---\n");
    expect(fake.texts().get("README.md")).toBe("# Complaints\n");
    const [sent] = routes(fake, "POST /git/commits");
    expect(Object.keys(sent?.body as object).sort()).toEqual(["message", "parents", "tree"]);
  });

  it("continues from the year's folders, past the 1,000 entries the contents API would list", async () => {
    const fake = start({
      ...existingDossiers(1200),
      "dossiers/2025/KL-2025-1500/dossier.md": "x\n",
    });
    const filed = await testStore(fake).fileDossier(intakeOf());
    expect(filed.id).toBe("KL-2026-1201");
    expect(fake.texts().get("dossiers/2026/KL-2026-1201/dossier.md")).toBeDefined();
    expect(routes(fake, "GET /git/trees/:sha").every((r) => !r.path.includes("recursive"))).toBe(
      true,
    );
  });

  it("starts over from the new tip when another writer moves main between read and write", async () => {
    const fake = start(existingDossiers(1));
    fake.moveRefBeforeNextUpdate(({ git }) =>
      git.commitFiles({ "dossiers/2026/KL-2026-0002/dossier.md": "theirs\n" }, "Other intake"),
    );
    const builds: string[] = [];
    const filed = await testStore(fake).fileDossier(intakeOf({ builds }));
    expect(builds).toEqual(["KL-2026-0002", "KL-2026-0003"]);
    expect(filed.id).toBe("KL-2026-0003");
    expect(fake.texts().get("dossiers/2026/KL-2026-0002/dossier.md")).toBe("theirs\n");
    expect(fake.texts().get("dossiers/2026/KL-2026-0003/dossier.md")).toContain("KL-2026-0003");
    const [ours, theirs] = fake.history();
    expect(ours).toMatchObject({ sha: filed.commit, parents: [theirs?.sha] });
    expect(theirs?.message).toBe("Other intake");
  });

  const tenIds = Array.from({ length: 10 }, (_, n) => `KL-2026-${String(n + 1).padStart(4, "0")}`);
  async function fileTenAtOnce(fake: GitHubFake, store: (n: number) => DossierStore) {
    const filed = await Promise.all(
      tenIds.map((_, n) => store(n).fileDossier(intakeOf({ submissionId: `s${n}` }))),
    );
    expect(filed.map((f) => f.id).sort()).toEqual(tenIds);
    const texts = fake.texts();
    for (const id of tenIds) expect(texts.get(`dossiers/2026/${id}/dossier.md`)).toContain(id);
    const history = fake.history();
    expect(history).toHaveLength(11);
    expect(history.map((c) => c.sha)).toEqual(expect.arrayContaining(filed.map((f) => f.commit)));
  }

  it("gives ten concurrent intakes on one store ten contiguous ids, taking turns without conflicts", async () => {
    const fake = start();
    const store = testStore(fake);
    await fileTenAtOnce(fake, () => store);
    expect(routes(fake, "PATCH /git/refs/:ref")).toHaveLength(10);
  });

  it("gives ten writers in separate processes ten contiguous ids through compare-and-swap", async () => {
    const fake = start();
    // Every failed attempt means another writer landed, so with 10 writers 10 attempts always suffice.
    const stores = tenIds.map(() => testStore(fake, { maxAttempts: 10 }));
    await fileTenAtOnce(fake, (n) => stores[n] as DossierStore);
    expect(routes(fake, "PATCH /git/refs/:ref").length).toBeGreaterThan(10);
  });

  it("answers a replayed submission with its earlier dossier and commits nothing", async () => {
    const fake = start();
    const store = testStore(fake);
    const earlier = await store.fileDossier(intakeOf({ submissionId: "form-123" }));
    const head = fake.head();
    const builds: string[] = [];
    const replay = await store.fileDossier(intakeOf({ submissionId: "form-123", builds }));
    expect(replay).toEqual({ id: earlier.id, path: earlier.path, commit: head, created: false });
    expect(builds).toEqual([]);
    expect(fake.head()).toBe(head);
    const marker = submissionPath("form-123");
    expect(fake.texts().get(marker)).toBe("KL-2026-0001\n");
  });

  it.each([422, 409])("retries when the ref update is refused with %i", async (status) => {
    const fake = start();
    fake.failNext(1, status, { on: "PATCH /git/refs" });
    const filed = await testStore(fake).fileDossier(intakeOf());
    expect(filed.id).toBe("KL-2026-0001");
    expect(fake.history()).toHaveLength(2);
    expect(routes(fake, "PATCH /git/refs/:ref")).toHaveLength(2);
  });

  it("throws StoreConflictError when main moves under every attempt", async () => {
    const fake = start();
    const head = fake.head();
    fake.failNext(3, 422, { on: "PATCH /git/refs" });
    await expect(
      testStore(fake, { maxAttempts: 3 }).fileDossier(intakeOf()),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect(fake.head()).toBe(head);
  });

  it("keeps binary attachments byte for byte", async () => {
    const fake = start();
    const bytes = Uint8Array.from({ length: 256 }, (_, n) => n);
    await testStore(fake).fileDossier(intakeOf({ extra: { "attachments/scan.bin": bytes } }));
    const stored = fake.git
      .files(fake.head())
      .get("dossiers/2026/KL-2026-0001/attachments/scan.bin");
    expect(stored?.equals(bytes)).toBe(true);
    expect(routes(fake, "POST /git/blobs")[0]?.body).toMatchObject({ encoding: "base64" });
  });

  it("takes exactly 8 requests per uncontended intake, 9 with a submission id once others exist", async () => {
    const fake = start(existingDossiers(3));
    const store = testStore(fake);
    const plain = await requestsDuring(fake, () => store.fileDossier(intakeOf()));
    expect(plain.map((r) => r.route)).toEqual([
      "GET /git/ref/:ref",
      "GET /git/commits/:sha",
      "GET /git/trees/:sha", // root
      "GET /git/trees/:sha", // dossiers
      "GET /git/trees/:sha", // dossiers/2026
      "POST /git/trees",
      "POST /git/commits",
      "PATCH /git/refs/:ref",
    ]);
    await store.fileDossier(intakeOf({ submissionId: "a" }));
    const replayable = await requestsDuring(fake, () =>
      store.fileDossier(intakeOf({ submissionId: "b" })),
    );
    expect(replayable).toHaveLength(9); // and dossiers/.submissions
  });
});

describe("requestsPerIntake (for the benchmark)", () => {
  it("counts the requests of each intake on its own fake", async () => {
    expect(await requestsPerIntake({ intakes: 3, existing: 2 })).toEqual([8, 9, 9]);
  });
});

describe("commit", () => {
  it("applies an edit to the current text and keeps what another writer committed meanwhile", async () => {
    const fake = start({ [first]: "status: received\n" });
    fake.moveRefBeforeNextUpdate(({ git }) =>
      git.commitFiles(
        { [first]: "# note\nstatus: received\n", "dossiers/2026/notes.md": "n\n" },
        "Handler",
      ),
    );
    const seen: string[] = [];
    const commit = await testStore(fake).commit({
      message: "Acknowledge",
      files: [{ path: "dossiers/2026/KL-2026-0001/correspondence/0001.eml", content: "eml\n" }],
      edits: [{ path: first, edit: (text) => (seen.push(text), text.replace("received", "sent")) }],
    });
    expect(seen).toEqual(["status: received\n", "# note\nstatus: received\n"]);
    const texts = fake.texts();
    expect(texts.get(first)).toBe("# note\nstatus: sent\n");
    expect(texts.get("dossiers/2026/notes.md")).toBe("n\n");
    expect(texts.get("dossiers/2026/KL-2026-0001/correspondence/0001.eml")).toBe("eml\n");
    const [ours, theirs] = fake.history();
    expect(ours).toMatchObject({ sha: commit, message: "Acknowledge", parents: [theirs?.sha] });
  });

  it("refuses to edit a file that does not exist, naming it", async () => {
    const fake = start();
    const head = fake.head();
    const missing = "dossiers/2026/KL-2026-0009/dossier.md";
    await expect(
      testStore(fake).commit({ message: "Edit", edits: [{ path: missing, edit: (text) => text }] }),
    ).rejects.toThrow(missing);
    expect(fake.head()).toBe(head);
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
    const fake = start(files);
    fake.recursiveLimit = 2;
    expect(await testStore(fake).list("dossiers")).toEqual(below);
  });

  it("reads texts at main, undefined for a missing file or a folder", async () => {
    const store = testStore(start(files));
    const texts = await store.read([
      first,
      "dossiers/2026/KL-2026-0007/dossier.md",
      "dossiers/2026",
    ]);
    expect([...texts]).toEqual([
      [first, "---\nid: KL-2026-0001\n---\n"],
      ["dossiers/2026/KL-2026-0007/dossier.md", undefined],
      ["dossiers/2026", undefined],
    ]);
  });
});
