import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDocket } from "../support/run-docket.ts";
import { DASHBOARD_LABEL, DASHBOARD_MARKER } from "../../automation/github/dashboard.ts";
import { dossierData, dossierText, pathOf } from "../support/dossiers.ts";
import { GitHubIssuesFake } from "../support/github-issues-fake.ts";

const fake = new GitHubIssuesFake();
const server = setupServer(...fake.handlers);
const dir = mkdtempSync(join(tmpdir(), "docket-deadlines-"));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
write(pathOf("KL-2026-0001"), dossierText());
write(
  pathOf("KL-2026-0002"),
  dossierText({ ...dossierData(2), handler: { name: "Piet Bakker", email: "piet@example.nl" } }),
);

const docket = (args: string[], env: NodeJS.ProcessEnv = {}) => runDocket(args, { env, cwd: dir });

const GITHUB = { GITHUB_REPOSITORY: "acme/complaints", GITHUB_TOKEN: "test-token" };
const dashboards = () => fake.issues.filter((i) => i.labels.includes(DASHBOARD_LABEL));

describe("docket deadlines on GitHub", () => {
  it("keeps one dashboard issue: created on the first run, its body replaced on the next", async () => {
    const first = await docket(
      ["deadlines", "--repo", ".", "--now", "2026-11-30T08:00:00+01:00"],
      GITHUB,
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(
      "Dashboard issue #1 created: https://github.com/acme/complaints/issues/1",
    );
    expect(dashboards()).toHaveLength(1);
    const body = dashboards()[0]?.body ?? "";
    expect(body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(body).toContain(
      "| [KL-2026-0001](https://github.com/acme/complaints/blob/main/dossiers/2026/KL-2026-0001/dossier.md) | received | information | 2026-12-01 | due soon | Sanne de Vries (@sannedevries) |",
    );
    expect(body).toMatch(/\| Piet Bakker \|$/m);
    expect(body).toContain("**2 open cases**: 0 overdue, 2 due soon, 0 ok.");

    const second = await docket(
      ["deadlines", "--repo", ".", "--json", "--now", "2026-12-02T08:00:00+01:00"],
      GITHUB,
    );
    expect(second.code).toBe(1);
    expect(JSON.parse(second.stdout).cases).toHaveLength(2);
    expect(second.stderr).toContain("Dashboard issue #1 updated");
    expect(dashboards()).toHaveLength(1);
    expect(dashboards()[0]?.body).toContain("**2 open cases**: 2 overdue, 0 due soon, 0 ok.");
  });

  it("leaves the issue alone with --no-dashboard, and off GitHub", async () => {
    fake.requests.length = 0;
    const skipped = await docket(["deadlines", "--repo", ".", "--no-dashboard"], GITHUB);
    expect(skipped.stderr).not.toContain("Dashboard");
    const local = await docket(["deadlines", "--repo", "."]);
    expect(local.stdout).toContain("KL-2026-0001");
    expect(fake.requests).toEqual([]);
  });
});
