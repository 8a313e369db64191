import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileMail } from "../../automation/conversation/file-mail.ts";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { checkChange } from "../../automation/domain/check-change.ts";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { CONFIG, createHarness, json, VALID, type Harness } from "../support/intake-harness.ts";
import { runDocket } from "../support/run-docket.ts";
import type { DeadlinesReport } from "../../automation/deadlines.ts";
import { renderDashboard } from "../../automation/github/dashboard.ts";

/**
 * Received mail is filed only in Docket's commits: validate, the audit and
 * the rule "only Docket adds to correspondence/" accept it, and the audit's
 * timeline shows it beside the letters sent.
 */

const FIXTURES = join(import.meta.dirname, "fixtures");
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
  await h.post(...json(VALID));
  const deps = { store: h.store, config: CONFIG, clock: () => new Date("2026-11-25T10:00:00Z") };
  for (const name of ["gmail-reply.eml", "dsn-bounce.eml", "out-of-office.eml"]) {
    await fileMail(deps, "KL-2026-0001", new Uint8Array(readFileSync(join(FIXTURES, name))));
  }
  await dispatch({ ...h.dispatchDeps, now: () => new Date("2026-11-25T10:05:00Z") });
});
afterEach(() => h.dispose());

/** `docket deadlines` on the repository the morning after the bounce, as JSON. */
async function deadlinesReport(): Promise<{ cases: { id: string; undelivered?: number }[] }> {
  const now = ["--now", "2026-11-25T11:00:00+01:00"];
  const result = await runDocket(["deadlines", "--repo", h.repo, "--json", ...now]);
  return JSON.parse(result.stdout) as { cases: { id: string; undelivered?: number }[] };
}

describe("received mail and the checks", () => {
  it("passes docket validate", async () => {
    const result = await runDocket(["validate", "--repo", h.repo]);
    expect(result.stderr).toContain("all rules hold");
    expect(result.code).toBe(0);
  });

  it("gives the audit no findings and shows mail received in the timeline", async () => {
    const out = join(h.root, "audit.html");
    const result = await runDocket(["audit", "--repo", h.repo, "--out", out]);
    expect(result.code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/mail received <code>0003-received-reply-[0-9a-f]{16}\.eml<\/code>/);
    expect(html).toMatch(/letter <code>0006-mail_received-[0-9a-f]{16}\.eml<\/code>/);
  });

  it("shows the bounce on the deadline dashboard", async () => {
    const report = await deadlinesReport();
    expect(report.cases).toEqual([expect.objectContaining({ id: "KL-2026-0001", undelivered: 1 })]);
    const table = await runDocket([
      "deadlines",
      "--repo",
      h.repo,
      "--now",
      "2026-11-25T11:00:00+01:00",
    ]);
    expect(table.stdout).toContain("1 NOT DELIVERED");
    const body = renderDashboard(
      { cases: report.cases as DeadlinesReport["cases"], skipped: [] },
      { owner: "interforce", repo: "klachten", now: new Date("2026-11-25T10:00:00Z") },
    );
    expect(body).toContain("**1 letter not delivered**");
  });

  it("stops counting the letter not delivered once the handler corrects the address", async () => {
    const count = async () => (await deadlinesReport()).cases[0]?.undelivered ?? 0;
    expect(await count()).toBe(1);
    await h.store.commit({
      message: "The complainant's new address, by phone",
      edits: [
        {
          path: "dossiers/2026/KL-2026-0001/dossier.md",
          edit: (text) => text.replace("eva.jansen@example.nl", "eva@jansen-thuis.example"),
        },
      ],
    });
    expect(await count()).toBe(0);
  });

  it("still refuses a received copy a person adds", () => {
    const path =
      "dossiers/2026/KL-2026-0001/correspondence/0009-received-reply-0123456789abcdef.eml";
    const context = { ...ruleContext(CONFIG), policy: CONFIG.policy };
    const now = new Date();
    expect(checkChange({ kind: "added", path }, context, { now, by: "person" })).toEqual([
      expect.objectContaining({ rule: "correspondence" }),
    ]);
    expect(checkChange({ kind: "added", path }, context, { now, by: "docket" })).toEqual([]);
  });
});
