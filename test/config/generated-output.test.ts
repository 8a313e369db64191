import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../automation/runtime.ts";
import { CaseHistory } from "../audit/case-history.ts";
import { TestRepo } from "../support/git-repo.ts";
import { runDocket } from "../support/run-docket.ts";

/**
 * `docket audit --out report.html` in the checkout, as docs/auditing.md
 * shows, must not make the next `npm test` fail on its prettier check.
 */
describe("generated output in the checkout", () => {
  it("is left alone by npm test's prettier check: an audit report written there", async () => {
    const out = join(PROJECT_ROOT, `report-${process.pid}.html`);
    const repo = new TestRepo();
    try {
      new CaseHistory(repo, 1).intake("2026-11-24T09:13:06+01:00");
      const { code } = await runDocket(["audit", "--repo", repo.dir, "--out", out]);
      expect(code).toBe(0);
      expect(existsSync(out)).toBe(true);
      const info = await prettier.getFileInfo(out, {
        ignorePath: [join(PROJECT_ROOT, ".gitignore"), join(PROJECT_ROOT, ".prettierignore")],
      });
      expect(info.ignored).toBe(true);
    } finally {
      repo.dispose();
      rmSync(out, { force: true });
    }
  });
});
