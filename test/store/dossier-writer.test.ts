import { describe, expect, it } from "vitest";
import {
  StoreConflictError,
  submissionPath,
  type DossierIntake,
} from "../../automation/store/dossier-store.ts";
import { createDossierWriter, type DossierWriter } from "../../automation/store/dossier-writer.ts";
import type { BranchState, WritePlan, WriteTarget } from "../../automation/store/write-target.ts";

// The one writer over a branch kept in memory: the transport is trivial, so what is tested is the writer's
// own logic (numbering, retries, replays, lost answers, ifAbsent, edits). The adapters are tested on real git
// (local-git-store.test.ts) and on the contract-checked GitHub fake (github-store*.test.ts).

class LostAnswer extends Error {}

type Files = ReadonlyMap<string, string>;

class MemoryBranch implements WriteTarget {
  readonly location = "memory";
  readonly branch = "main";
  commits: { id: string; parent: string | undefined; files: Files; message: string }[] = [];
  /** Run before the next commits land: another writer moving the branch. */
  others: Array<(branch: MemoryBranch) => void> = [];
  loseAnswers = 0;
  unanswered?: (error: unknown) => boolean;

  constructor(options: { lostAnswers?: boolean; files?: Record<string, string> } = {}) {
    if (options.lostAnswers) this.unanswered = (error) => error instanceof LostAnswer;
    if (options.files) this.land(new Map(Object.entries(options.files)), "Start");
  }

  get head(): string | undefined {
    return this.commits.at(-1)?.id;
  }
  files(): Files {
    return this.commits.at(-1)?.files ?? new Map();
  }
  land(changes: Files, message: string): string {
    const id = `c${this.commits.length + 1}`;
    const files = new Map([...this.files(), ...changes]);
    this.commits.push({ id, parent: this.head, files, message });
    return id;
  }

  prepare({ folders, paths }: WritePlan): Promise<BranchState> {
    const all = [...this.files().keys()];
    const names = (folder: string) => [
      ...new Set(
        all
          .filter((p) => p.startsWith(`${folder}/`))
          .map((p) => p.split("/")[folder.split("/").length]),
      ),
    ];
    return Promise.resolve({
      head: this.head,
      names: new Map(folders.map((f) => [f, names(f).filter((n) => n !== undefined)])),
      texts: new Map(paths.map((p) => [p, this.files().get(p)])),
    });
  }

  commit(
    parent: string | undefined,
    files: readonly { path: string; content: string | Uint8Array }[],
    message: string,
  ): Promise<string | undefined> {
    this.others.shift()?.(this);
    if (parent !== this.head) return Promise.resolve(undefined);
    const id = this.land(new Map(files.map((f) => [f.path, String(f.content)])), message);
    if (this.loseAnswers-- > 0) return Promise.reject(new LostAnswer("no answer"));
    return Promise.resolve(id);
  }
}

const theirIntake = (id: string) => (branch: MemoryBranch) =>
  branch.land(new Map([[`dossiers/2026/${id}/dossier.md`, "theirs\n"]]), `Other ${id}`);

function intake(builds: string[], submissionId?: string): DossierIntake {
  return {
    prefix: "KL",
    year: "2026",
    ...(submissionId === undefined ? {} : { submissionId }),
    build: (id) => (
      builds.push(id),
      { files: [{ path: `dossiers/2026/${id}/dossier.md`, content: `id: ${id}\n` }], message: id }
    ),
  };
}

type Writer = DossierWriter;

interface Case {
  name: string;
  branch: () => MemoryBranch;
  maxAttempts?: number;
  act: (writer: Writer, builds: string[]) => Promise<unknown>;
  /** What the writer answered, the ids it built, and the messages of the commits on the branch, oldest first. */
  answer: unknown;
  builds: string[];
  messages: string[];
  then?: (branch: MemoryBranch) => void;
}

const cases: Case[] = [
  {
    name: "files on an empty repository",
    branch: () => new MemoryBranch(),
    act: (w, b) => w.fileDossier(intake(b)),
    answer: expect.objectContaining({ id: "KL-2026-0001", commit: "c1", created: true }),
    builds: ["KL-2026-0001"],
    messages: ["KL-2026-0001"],
    then: (branch) => expect(branch.commits[0]?.parent).toBeUndefined(),
  },
  {
    name: "renumbers when the branch moved once",
    branch: () => Object.assign(new MemoryBranch(), { others: [theirIntake("KL-2026-0001")] }),
    act: (w, b) => w.fileDossier(intake(b)),
    answer: expect.objectContaining({ id: "KL-2026-0002", commit: "c2", created: true }),
    builds: ["KL-2026-0001", "KL-2026-0002"],
    messages: ["Other KL-2026-0001", "KL-2026-0002"],
  },
  {
    name: "renumbers when the branch moved twice",
    branch: () =>
      Object.assign(new MemoryBranch(), {
        others: [theirIntake("KL-2026-0001"), theirIntake("KL-2026-0002")],
      }),
    act: (w, b) => w.fileDossier(intake(b)),
    answer: expect.objectContaining({ id: "KL-2026-0003", created: true }),
    builds: ["KL-2026-0001", "KL-2026-0002", "KL-2026-0003"],
    messages: ["Other KL-2026-0001", "Other KL-2026-0002", "KL-2026-0003"],
  },
  {
    name: "gives up with StoreConflictError when the branch moves under every attempt",
    branch: () =>
      Object.assign(new MemoryBranch(), {
        others: ["KL-2026-0001", "KL-2026-0002"].map(theirIntake),
      }),
    maxAttempts: 2,
    act: (w, b) => w.fileDossier(intake(b)).catch((e: unknown) => e),
    answer: expect.any(StoreConflictError),
    builds: ["KL-2026-0001", "KL-2026-0002"],
    messages: ["Other KL-2026-0001", "Other KL-2026-0002"],
  },
  {
    name: "recognises its own write when the answer was lost, by the marker",
    branch: () => Object.assign(new MemoryBranch({ lostAnswers: true }), { loseAnswers: 1 }),
    act: (w, b) => w.fileDossier(intake(b)),
    answer: expect.objectContaining({ id: "KL-2026-0001", commit: "c1", created: true }),
    builds: ["KL-2026-0001"],
    messages: ["KL-2026-0001"],
    then: (branch) =>
      expect(
        [...branch.files().keys()].filter((p) => p.startsWith("dossiers/.submissions/")),
      ).toHaveLength(1),
  },
  {
    name: "writes no marker without a submission id where answers cannot be lost",
    branch: () => new MemoryBranch(),
    act: (w, b) => w.fileDossier(intake(b)),
    answer: expect.objectContaining({ created: true }),
    builds: ["KL-2026-0001"],
    messages: ["KL-2026-0001"],
    then: (branch) =>
      expect([...branch.files().keys()]).toEqual(["dossiers/2026/KL-2026-0001/dossier.md"]),
  },
  {
    name: "answers a replayed submission with its earlier dossier and commits nothing",
    branch: () => new MemoryBranch({ files: { [submissionPath("form-1")]: "KL-2026-0007\n" } }),
    act: (w, b) => w.fileDossier(intake(b, "form-1")),
    answer: expect.objectContaining({ id: "KL-2026-0007", commit: "c1", created: false }),
    builds: [],
    messages: ["Start"],
  },
  {
    name: "answers a replay that raced it with the other's dossier",
    branch: () =>
      Object.assign(new MemoryBranch(), {
        others: [
          (branch: MemoryBranch) =>
            branch.land(new Map([[submissionPath("form-2"), "KL-2026-0001\n"]]), "Theirs"),
        ],
      }),
    act: (w, b) => w.fileDossier(intake(b, "form-2")),
    answer: expect.objectContaining({ id: "KL-2026-0001", commit: "c1", created: false }),
    builds: ["KL-2026-0001"],
    messages: ["Theirs"],
  },
  {
    name: "writes a file marked ifAbsent only when it is absent, also after a race",
    branch: () =>
      Object.assign(new MemoryBranch({ files: { "a.md": "a\n" } }), {
        others: [
          (branch: MemoryBranch) => branch.land(new Map([["copy.eml", "theirs\n"]]), "Theirs"),
        ],
      }),
    act: (w) =>
      w.commit({
        message: "Copy",
        files: [{ path: "copy.eml", content: "ours\n", ifAbsent: true }],
      }),
    answer: "c2",
    builds: [],
    messages: ["Start", "Theirs"],
    then: (branch) => expect(branch.files().get("copy.eml")).toBe("theirs\n"),
  },
  {
    name: "runs an edit again on the text current after the branch moved",
    branch: () =>
      Object.assign(new MemoryBranch({ files: { "d.md": "status: received\n" } }), {
        others: [
          (branch: MemoryBranch) =>
            branch.land(new Map([["d.md", "# note\nstatus: received\n"]]), "Handler"),
        ],
      }),
    act: (w) =>
      w.commit({
        message: "Send",
        edits: [{ path: "d.md", edit: (t) => t.replace("received", "sent") }],
      }),
    answer: "c3",
    builds: [],
    messages: ["Start", "Handler", "Send"],
    then: (branch) => expect(branch.files().get("d.md")).toBe("# note\nstatus: sent\n"),
  },
  {
    name: "commits nothing when nothing would change, also on an empty repository",
    branch: () => new MemoryBranch(),
    act: (w) => w.commit({ message: "Nothing", edits: [] }),
    answer: "",
    builds: [],
    messages: [],
  },
];

describe("the dossier writer", () => {
  it.each(cases)("$name", async (c) => {
    const branch = c.branch();
    const writer = createDossierWriter(branch, { maxAttempts: c.maxAttempts ?? 5 });
    const builds: string[] = [];
    const answer = await c.act(writer, builds);
    expect(answer).toEqual(c.answer);
    expect(builds).toEqual(c.builds);
    expect(branch.commits.map((commit) => commit.message)).toEqual(c.messages);
    c.then?.(branch);
  });

  it("numbers files on the commit they go into: after what landed meanwhile, and not again when it is there", async () => {
    const folder = "dossiers/2026/KL-2026-0001/correspondence";
    const branch = new MemoryBranch({ files: { [`${folder}/0001-acknowledgement.eml`]: "ack\n" } });
    // Between the writer's read and its commit, mail is filed as 0002.
    branch.others.push((b) =>
      b.land(new Map([[`${folder}/0002-received-x.eml`, "mail\n"]]), "Mail"),
    );
    const writer = createDossierWriter(branch, { maxAttempts: 5 });
    const seen: string[][] = [];
    const numbered = {
      folder,
      build: (names: readonly string[]) => {
        seen.push([...names]);
        if (names.some((n) => n.endsWith("-new_case.eml"))) return [];
        const next = Math.max(0, ...names.map((n) => Number(n.slice(0, 4)))) + 1;
        return [{ name: `${String(next).padStart(4, "0")}-new_case.eml`, content: "letter\n" }];
      },
    };
    await writer.commit({ message: "Letters", numbered: [numbered] });
    expect(seen).toEqual([
      ["0001-acknowledgement.eml"],
      ["0001-acknowledgement.eml", "0002-received-x.eml"],
    ]);
    expect([...branch.files().keys()].sort()).toEqual([
      `${folder}/0001-acknowledgement.eml`,
      `${folder}/0002-received-x.eml`,
      `${folder}/0003-new_case.eml`,
    ]);
    // The same again: the copy is there, so nothing is committed.
    const commits = branch.commits.length;
    await writer.commit({ message: "Letters again", numbered: [numbered] });
    expect(branch.commits).toHaveLength(commits);
  });

  it("refuses to edit a file that is not on the branch, naming it", async () => {
    const writer = createDossierWriter(new MemoryBranch(), { maxAttempts: 5 });
    await expect(
      writer.commit({ message: "x", edits: [{ path: "nope.md", edit: (t) => t }] }),
    ).rejects.toThrow(/nope\.md/);
  });
});
