import { Octokit } from "@octokit/rest";
import type { DossierIntake, StoredFile } from "../../automation/store/dossier-store.ts";
import { createGitHubClient, type GitHubClient } from "../../automation/store/github-client.ts";
import { createGitHubStore } from "../../automation/store/github-store.ts";
import { GitHubFake, listen, requestsDuring } from "./github-fake.ts";

/** The store's GitHub client on the fake (token auth, no plugins, as in production). */
export function testClient(
  fake: GitHubFake,
  options: { timeout?: number; token?: string } = {},
): GitHubClient {
  return createGitHubClient({
    octokit: new Octokit({
      auth: options.token ?? "test-token",
      baseUrl: fake.apiUrl,
      log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    }),
    graphqlUrl: fake.graphqlUrl,
    ...(options.timeout === undefined ? {} : { requestTimeoutMs: options.timeout }),
  });
}

function quiet(): void {}

/** A store on the fake's repository. */
export function testStore(
  fake: GitHubFake,
  options: { maxAttempts?: number; repo?: string; timeout?: number; answerWithinMs?: number } = {},
) {
  return createGitHubStore({
    client: testClient(fake, options.timeout === undefined ? {} : { timeout: options.timeout }),
    owner: fake.owner,
    repo: options.repo ?? fake.repo,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.answerWithinMs === undefined ? {} : { answerWithinMs: options.answerWithinMs }),
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
export function existingDossiers(count: number, year = "2026"): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 1; n <= count; n += 1) {
    const id = `KL-${year}-${String(n).padStart(4, "0")}`;
    files[`dossiers/${year}/${id}/dossier.md`] = `---\nid: ${id}\n---\n`;
  }
  return files;
}

/**
 * For a benchmark: files `intakes` dossiers one after another on a fake repository that already holds
 * `existing` dossiers, and returns the GitHub requests (and writes) each intake took.
 */
export async function requestsPerIntake(
  options: { intakes?: number; existing?: number; submissionIds?: boolean } = {},
): Promise<Array<{ requests: number; writes: number }>> {
  const fake = new GitHubFake({ files: existingDossiers(options.existing ?? 0) });
  const server = listen(fake);
  try {
    const counts = [];
    for (let n = 0; n < (options.intakes ?? 1); n += 1) {
      // A store per intake: as after a restart, nothing is known of the branch beforehand.
      const store = testStore(fake);
      const intake = intakeOf(
        options.submissionIds === false ? {} : { submissionId: `submission-${n}` },
      );
      const sent = await requestsDuring(fake, () => store.fileDossier(intake));
      counts.push({
        requests: sent.length,
        writes: sent.filter((r) => r.operation === "createCommitOnBranch").length,
      });
    }
    return counts;
  } finally {
    server.close();
  }
}
