// The erasure benchmark: a repository of `count` dossiers with about ten commits each (written with one
// `git fast-import`, as the audit benchmark does), then `docket erase` of the 100 oldest, which rewrites
// the history from the first of them on, checks the audit digests and prunes the old objects.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { caseSteps, writeHistory } from "./audit-bench.ts";
import { measure } from "./measure.ts";

function line(name: string, r: { ms: number; maxRssMiB: number; wallMs: number }): void {
  console.log(
    `${name.padEnd(44)} ${r.wallMs.toFixed(0).padStart(6)} ms wall` +
      ` ${r.ms.toFixed(0).padStart(6)} ms in command ${r.maxRssMiB.toFixed(0).padStart(5)} MiB peak RSS`,
  );
}

/** `npm run bench`'s erasure suite: erase `erase` dossiers of `count` (one run: it changes the repository). */
export async function benchErase(count: number, years: number, erase: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "docket-erase-bench-"));
  try {
    const repo = join(dir, "repo.git");
    const commits = await writeHistory(repo, count, years);
    const ids = Array.from({ length: erase }, (_, n) => {
      const path = caseSteps(n, count, years)[0]?.files[0]?.path ?? "";
      return path.split("/")[2] ?? "";
    });
    console.log(`erase: ${count} dossiers, ${commits} commits; erasing the ${erase} oldest`);
    const now = ["--now", "2027-03-01T12:00:00+01:00"];
    const dry = measure(["retention", "--repo", repo, ...now, "--dry-run"]);
    if (dry.code !== 0) throw new Error(`retention --dry-run: exit ${dry.code}`);
    line(`retention --dry-run, ${count} dossiers`, dry);
    const erased = measure(["erase", ...ids, "--repo", repo, ...now]);
    if (erased.code !== 0) throw new Error(`erase: exit ${erased.code}`);
    line(`erase ${erase} dossiers, ${commits} commits`, erased);
    const audit = measure(["audit", "--repo", repo, ...now, "--json"]);
    if (audit.code !== 0) throw new Error(`audit after erase: exit ${audit.code}`);
    line(`audit --json after the erasure`, audit);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
