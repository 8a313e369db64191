// npm run bench: Docket's benchmarks. Each suite prints what it measured, on this machine.
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { writeDossiers } from "./generate-dossiers.ts";
import { benchAudit } from "./audit-bench.ts";
import { benchErase } from "./erase-bench.ts";
import { benchDesk } from "./desk-bench.ts";
import { benchIntake } from "./intake-bench.ts";
import { benchMail } from "./mail-bench.ts";
import { benchMask } from "./mask-bench.ts";
import { benchCasePage } from "./case-page-bench.ts";
import { benchPush } from "./push-bench.ts";
import { benchGitHubRequests, benchLocalIdleRound, benchRounds } from "./rounds-bench.ts";
import { createLocalGitStore } from "../automation/store/local-git-store.ts";
import { measure } from "./measure.ts";

const COUNT = Number(process.env.BENCH_DOSSIERS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function report(name: string, args: string[], expected: number[] = [0]): void {
  const runs = Array.from({ length: RUNS }, () => measure(args));
  const codes = new Set(runs.map((r) => r.code));
  if ([...codes].some((c) => !expected.includes(c)))
    throw new Error(`${name}: exit codes ${[...codes].join(", ")}`);
  console.log(
    `${name.padEnd(44)} ${median(runs.map((r) => r.wallMs))
      .toFixed(0)
      .padStart(6)} ms wall` +
      ` ${median(runs.map((r) => r.ms))
        .toFixed(0)
        .padStart(6)} ms in command` +
      ` ${Math.max(...runs.map((r) => r.maxRssMiB))
        .toFixed(0)
        .padStart(5)} MiB peak RSS`,
  );
}

console.log(
  `Docket benchmarks — ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`median of ${RUNS} runs, each in a fresh process (wall includes Node start-up)\n`);

const dir = mkdtempSync(join(tmpdir(), "docket-bench-"));
try {
  const tree = join(dir, "tree");
  writeDossiers(tree, COUNT);
  // The generated cases run into 2032: validate as of a time after the last judgement.
  const after = ["--now", "2033-01-03T12:00:00+01:00"];
  report(`validate, ${COUNT} dossiers in a work tree`, ["validate", "--repo", tree, ...after]);

  const git = (...args: string[]) => execFileSync("git", args, { cwd: tree, stdio: "ignore" });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git(
    "-c",
    "user.name=Bench",
    "-c",
    "user.email=bench@example.nl",
    "commit",
    "--quiet",
    "-m",
    "dossiers",
  );
  execFileSync("git", ["clone", "--quiet", "--bare", tree, join(dir, "bare")]);
  report(`validate, ${COUNT} dossiers in a bare repository`, [
    "validate",
    "--repo",
    join(dir, "bare"),
    ...after,
  ]);
  report(`validate --base, ${COUNT} dossiers, no change`, [
    "validate",
    "--repo",
    tree,
    "--base",
    "main",
    ...after,
  ]);
  // One handler's change: a note under one dossier, judged as a pull request is.
  const first = execFileSync("git", ["ls-files", "dossiers/"], { cwd: tree, encoding: "utf8" })
    .split("\n")
    .find((f) => f.endsWith("/dossier.md"));
  if (first) {
    appendFileSync(join(tree, first), "\nGebeld met de klant.\n");
    report(`validate --base, ${COUNT} dossiers, one changed`, [
      "validate",
      "--repo",
      tree,
      "--base",
      "main",
      ...after,
    ]);
    report(`validate --base, one changed dossier named`, [
      "validate",
      join(tree, first),
      "--repo",
      tree,
      "--base",
      "main",
      ...after,
    ]);
    git("checkout", "--quiet", "--", first);
  }
  benchPush(tree, join(dir, "bare"), RUNS);
  // Mid-December 2026: every generated case of 2026 has terms passed, so every letter is owed.
  const now = "2026-12-15T09:00:00+01:00";
  const timed = ["--repo", tree, "--now", now];
  report(`deadlines, ${COUNT} dossiers`, ["deadlines", ...timed, "--json"], [0, 1]);
  report(`dispatch --dry-run, ${COUNT} dossiers`, ["dispatch", ...timed, "--dry-run"], [0, 1]);
  console.log("");
  await benchLocalIdleRound(createLocalGitStore({ dir: join(dir, "bare") }), COUNT);
  await benchDesk(createLocalGitStore({ dir: join(dir, "bare") }), COUNT);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log("");
await benchIntake(Number(process.env.BENCH_INTAKES ?? 200), 8);
for (const size of [20, Number(process.env.BENCH_MAIL_DOSSIERS ?? 200)]) {
  await benchMail(size, Number(process.env.BENCH_REPLIES ?? 100), 8);
}
benchMask(RUNS);
for (const size of [20, Number(process.env.BENCH_PAGE_DOSSIERS ?? 200)]) {
  await benchCasePage(size, Number(process.env.BENCH_PAGE_VIEWS ?? 100));
}
await benchGitHubRequests();
await benchRounds([400, COUNT]);

console.log("");
await benchAudit(COUNT, Number(process.env.BENCH_AUDIT_YEARS ?? 6), RUNS);

console.log("");
await benchErase(COUNT, Number(process.env.BENCH_AUDIT_YEARS ?? 6), 100);
