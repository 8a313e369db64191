import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../automation/runtime.ts";
import { closedCase } from "../privacy/privacy-history.ts";
import { TestRepo } from "../support/git-repo.ts";
import { runDocket } from "../support/run-docket.ts";

/**
 * What Docket writes into the checkout, as docs/auditing.md and the README
 * show it (`docket audit --out report.html`, `docket audit --json >
 * audit.json`, `docket export --out DIR`, whose attachments may be anything),
 * must not make the next `npm test` fail: its lint and format checks are run
 * for real after writing them.
 */
describe("generated output in the checkout", () => {
  it("is left alone by npm test's lint and prettier checks", async () => {
    const dir = mkdtempSync(join(PROJECT_ROOT, "generated-"));
    const repo = new TestRepo();
    try {
      // An attachment a person sent, named like code and not valid code.
      repo.write("dossiers/2026/KL-2026-0001/attachments/02-macro.js", "var = ;\n");
      closedCase(
        repo,
        1,
        {
          name: "Zoë Müller",
          email: "zoe@example.nl",
          summary: "Factuur  klopt   niet",
          words: "Regel één   met spaties\n*   een lijst\n\n\n\nen    meer",
        },
        { name: "Piet Smit", email: "piet@example.nl" },
        "2026-12-05",
      );
      const report = await runDocket(["audit", "--repo", repo.dir, "--out", join(dir, "r.html")]);
      expect(report.code, report.stderr).toBe(0);
      const json = await runDocket(["audit", "--repo", repo.dir, "--json"]);
      expect(json.code, json.stderr).toBe(0);
      writeFileSync(join(dir, "audit.json"), json.stdout);
      for (const email of ["zoe@example.nl", "piet@example.nl"]) {
        const out = join(dir, email.split("@")[0] ?? "");
        const exported = await runDocket([
          "export",
          "--email",
          email,
          "--out",
          out,
          "--repo",
          repo.dir,
        ]);
        expect(exported.code, exported.stderr).toBe(0);
      }
      expect(existsSync(join(dir, "zoe", "KL-2026-0001", "attachments", "02-macro.js"))).toBe(true);
      // The same files, checked as a project file would be, do fail: the check can fail.
      const direct = spawnSync("npx", ["prettier", "--check", relative(PROJECT_ROOT, dir)], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
      });
      expect(direct.status).not.toBe(0);
      for (const script of ["lint", "format:check"]) {
        const run = spawnSync("npm", ["run", "--silent", script], {
          cwd: PROJECT_ROOT,
          encoding: "utf8",
        });
        expect(run.status, `${script}: ${run.stdout}${run.stderr}`).toBe(0);
      }
    } finally {
      repo.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
