import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileMail } from "../../automation/conversation/file-mail.ts";
import { StoreUnavailableError } from "../../automation/store/dossier-store.ts";
import { useGitHubFake, type GitHubFake } from "../support/github-fake.ts";
import { testStore } from "../support/github-test-store.ts";
import { CONFIG, createHarness, json, VALID, type Harness } from "../support/intake-harness.ts";

/** Mail filed on a dossier through the GitHub store, on the fake held to GitHub's contracts. */

const FIXTURES = join(import.meta.dirname, "fixtures");
const FOLDER = "dossiers/2026/KL-2026-0001";
let github: GitHubFake;
let h: Harness;

useGitHubFake((fake) => (github = fake));
beforeEach(async () => {
  h = await createHarness({ store: testStore(github), crashBeforeLetters: true });
  await h.post(...json(VALID));
});
afterEach(() => h.dispose());

const deps = () => ({
  store: h.store,
  config: CONFIG,
  clock: () => new Date("2026-11-25T10:00:00Z"),
});
const raw = () => new Uint8Array(readFileSync(join(FIXTURES, "gmail-reply.eml")));
const received = () => [...github.texts().keys()].filter((p) => p.includes("-received-"));

describe("fileMail on GitHub", () => {
  it("commits the exact message and its attachment in one Docket commit", async () => {
    const filed = await fileMail(deps(), "KL-2026-0001", raw());
    expect(filed.created).toBe(true);
    expect(received()).toEqual([filed.path]);
    expect(
      Buffer.from(github.texts().get(filed.path) ?? "", "utf8").equals(Buffer.from(raw())),
    ).toBe(true);
    expect(github.texts().has(`${FOLDER}/attachments/01-urenstaat-week-41.pdf`)).toBe(true);
    expect(github.history()[0]?.message).toContain("Committed-by: Docket");
  });

  it("files once when the answer to the commit is lost and the mail comes again", async () => {
    github.dropNextAnswer("createCommitOnBranch");
    await fileMail(deps(), "KL-2026-0001", raw()).catch(() => undefined);
    const again = await fileMail(deps(), "KL-2026-0001", raw());
    expect(received()).toEqual([again.path]);
  });

  it("throws the store's error when GitHub is down, so the mail is kept and tried again", async () => {
    github.failNext(20, 503);
    await expect(fileMail(deps(), "KL-2026-0001", raw())).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(received()).toEqual([]);
  });
});
