import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A real git repository in a temporary folder, with commits at fixed dates. */
export class TestRepo {
  readonly dir: string;
  constructor(options: { bare?: boolean } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), "docket-test-"));
    this.git("init", "--quiet", "--initial-branch=main", ...(options.bare ? ["--bare"] : []));
    this.git("config", "user.name", "Test Handler");
    this.git("config", "user.email", "handler@example.nl");
    this.git("config", "commit.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: gitEnv("2026-11-24T12:00:00+01:00"),
    });
  }

  write(path: string, text: string): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path), { recursive: true, force: true });
    return this;
  }

  /** Commits everything at `date`; returns the commit id. */
  commit(message: string, date = "2026-11-24T12:00:00+01:00"): string {
    execFileSync("git", ["add", "--all"], { cwd: this.dir });
    execFileSync("git", ["commit", "--quiet", "--allow-empty", "-m", message], {
      cwd: this.dir,
      env: gitEnv(date),
    });
    return this.git("rev-parse", "HEAD").trim();
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function gitEnv(date: string): NodeJS.ProcessEnv {
  return { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, LC_ALL: "C" };
}

/** A bare clone of `repo`, as the embedded store keeps it. */
export function bareCloneOf(repo: TestRepo): string {
  const dir = mkdtempSync(join(tmpdir(), "docket-bare-"));
  execFileSync("git", ["clone", "--quiet", "--bare", repo.dir, dir]);
  return dir;
}
