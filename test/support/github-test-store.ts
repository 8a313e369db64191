import type { DossierIntake, StoredFile } from "../../automation/store/dossier-store.ts";
import { createOctokit } from "../../automation/store/github-octokit.ts";
import type { DocketOctokit, WriteLimiter } from "../../automation/store/github-octokit.ts";
import { createGitHubStore } from "../../automation/store/github-store.ts";
import { GitHubFake, listen, requestsDuring } from "./github-fake.ts";

/**
 * Stands in for the throttling plugin's write limiter, which keeps writes a second apart as GitHub asks:
 * tests and benchmarks count requests, not seconds.
 */
const unpacedWrites = {
  key: () => ({ schedule: (_options: unknown, task: () => Promise<unknown>) => task() }),
} as unknown as WriteLimiter;

/** The production Octokit (token auth, throttling, retries, timeout) with back-off in milliseconds, not seconds. */
export function testOctokit(
  options: { timeout?: number; env?: NodeJS.ProcessEnv } = {},
): DocketOctokit {
  return createOctokit(options.env ?? { GITHUB_TOKEN: "test-token" }, {
    request: { timeout: options.timeout ?? 2_000 },
    retryAfterBaseValue: 1,
    writeLimiter: unpacedWrites,
  });
}

/** A store on the fake's repository. */
export function testStore(
  fake: GitHubFake,
  options: { maxAttempts?: number; repo?: string; timeout?: number } = {},
) {
  return createGitHubStore({
    octokit: testOctokit({ timeout: options.timeout }),
    owner: fake.owner,
    repo: options.repo ?? fake.repo,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
}

/** An intake of 2026 that writes `dossier.md` (and `extra` files below the dossier folder). */
export function intakeOf(
  options: {
    submissionId?: string;
    extra?: Record<string, string | Uint8Array>;
    builds?: string[];
  } = {},
): DossierIntake {
  return {
    prefix: "KL",
    year: "2026",
    ...(options.submissionId === undefined ? {} : { submissionId: options.submissionId }),
    build(id) {
      options.builds?.push(id);
      const folder = `dossiers/2026/${id}`;
      const files: StoredFile[] = [
        { path: `${folder}/dossier.md`, content: `---\nid: ${id}\n---\n` },
      ];
      for (const [name, content] of Object.entries(options.extra ?? {})) {
        files.push({ path: `${folder}/${name}`, content });
      }
      return { files, message: `Intake ${id}` };
    },
  };
}

/** `count` existing dossier folders of 2026, KL-2026-0001 onwards. */
export function existingDossiers(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 1; n <= count; n += 1) {
    const id = `KL-2026-${String(n).padStart(4, "0")}`;
    files[`dossiers/2026/${id}/dossier.md`] = `---\nid: ${id}\n---\n`;
  }
  return files;
}

/**
 * For a benchmark: files `intakes` dossiers one after another on a fake repository that already holds
 * `existing` dossiers, and returns the number of GitHub requests each intake took.
 */
export async function requestsPerIntake(
  options: { intakes?: number; existing?: number; submissionIds?: boolean } = {},
): Promise<number[]> {
  const fake = new GitHubFake({ files: existingDossiers(options.existing ?? 0) });
  const server = listen(fake);
  try {
    const store = testStore(fake);
    const counts: number[] = [];
    for (let n = 0; n < (options.intakes ?? 1); n += 1) {
      const intake = intakeOf(
        options.submissionIds === false ? {} : { submissionId: `submission-${n}` },
      );
      counts.push((await requestsDuring(fake, () => store.fileDossier(intake))).length);
    }
    return counts;
  } finally {
    server.close();
  }
}
