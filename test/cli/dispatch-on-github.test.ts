import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useGitHubFake, requestsDuring, type GitHubFake } from "../support/github-fake.ts";
import { dossierData, dossierText, pathOf } from "../support/dossiers.ts";
import { runDocket } from "../support/run-docket.ts";

/**
 * `docket dispatch --repo .` as the workflows run it: dossiers read from the job's checkout, letters' copies
 * committed through GitHub's API. What it asks of GitHub is what the run commits, never a read of the
 * dossiers: a run with nothing owed asks nothing.
 */

let github: GitHubFake;
useGitHubFake((fake) => (github = fake));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh checkout of main, as actions/checkout makes one. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), "docket-checkout-"));
  dirs.push(dir);
  for (const [path, text] of github.texts()) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const NOW = "2026-11-24T12:00:00+01:00";
const dispatchIn = (dir: string) =>
  runDocket(["dispatch", "--repo", ".", "--now", NOW], {
    cwd: dir,
    env: {
      GITHUB_REPOSITORY: "acme/complaints",
      GITHUB_TOKEN: "test-token",
      DOCKET_OUTBOX: join(dir, ".outbox"),
    },
  });

describe("docket dispatch in a workflow's checkout", () => {
  it("asks GitHub only to commit what it sent, and nothing at all when nothing is owed", async () => {
    github.git.commitFiles(
      Object.fromEntries(
        [1, 2, 3].map((n) => [pathOf(`KL-2026-000${n}`), dossierText(dossierData(n))]),
      ),
      "Three dossiers",
    );
    const first = checkout();
    let run = { code: -1, stdout: "", stderr: "" };
    const sent = await requestsDuring(github, async () => (run = await dispatchIn(first)));
    expect(run.stderr).toMatch(/^6 letter\(s\) sent, 0 failed/m);
    // Per dossier one commit of its copies: the read of that commit's parent and the compare-and-swap.
    expect(sent.map((r) => r.operation ?? r.route).sort()).toEqual(
      [...Array(3).fill("createCommitOnBranch"), ...Array(3).fill("repository")].sort(),
    );
    const again = await requestsDuring(github, async () => (run = await dispatchIn(checkout())));
    expect(run.stderr).toMatch(/^0 letter\(s\) sent, 0 failed/m);
    expect(again).toEqual([]);
  });
});
