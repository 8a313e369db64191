import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHistory } from "../../automation/audit/read-history.ts";
import { localDate } from "../../automation/domain/calendar.ts";
import { formatInstant } from "../../automation/domain/instant.ts";
import { CHANGE_CONTEXT, withFields } from "../support/dossiers.ts";
import { VALID } from "../support/intake-harness.ts";
import { startServe, type ServeHarness } from "../support/serve-harness.ts";

/**
 * One case from intake to closing on what `npm start` runs (docket serve on
 * the embedded default), carried by a handler through real pushes to its
 * repository: every push the procedure allows is accepted by the push check,
 * and every letter the case owes goes out exactly once.
 */

const ZONE = "Europe/Amsterdam";
let serve: ServeHarness;
let repo: string;
let clone: string;
let outbox: string;
let base: string;

beforeAll(async () => {
  serve = await startServe({ prefix: "docket-serve-" });
  ({ repo, outbox, base } = serve);
  clone = join(serve.root, "clone");
}, 30_000);

afterAll(() => serve?.stop());

const git = (...args: string[]) =>
  execFileSync(
    "git",
    ["-c", "user.name=Sanne de Vries", "-c", "user.email=sanne.devries@example.nl", ...args],
    { cwd: clone, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );

/** The copies Docket committed, by letter key, as `main` of the embedded repository has them. */
function copies(folder: string): string[] {
  const out = execFileSync("git", ["ls-tree", "--name-only", "main", `${folder}/correspondence/`], {
    cwd: repo,
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter(Boolean)
    .map((p) => (p.split("/").pop() ?? "").replace(/^\d{4}-/, "").replace(/\.eml$/, ""));
}

async function waitFor(what: string, test: () => boolean): Promise<void> {
  const until = Date.now() + 20_000;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${serve.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A handler's step: pull, edit the frontmatter, commit and push; the push must be accepted. */
function step(path: string, fields: Record<string, unknown>, message: string): void {
  for (let attempt = 0; ; attempt++) {
    git("pull", "--quiet", "--rebase");
    const file = join(clone, path);
    writeFileSync(file, withFields(readFileSync(file, "utf8"), fields));
    git("commit", "--quiet", "-am", `${message}\n\nDossier: ${path.split("/")[2]}`);
    try {
      git("push", "--quiet", "origin", "main");
      return;
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? error);
      // Docket committed letters meanwhile: a handler pulls and pushes again. Anything else is a refusal.
      if (attempt > 3 || stderr.includes("Docket refused"))
        throw new Error(stderr, { cause: error });
      git("reset", "--quiet", "--hard", "origin/main");
    }
  }
}

describe("npm start's embedded default, carried through real pushes", () => {
  it("takes a case from intake to closing, sending every letter once and refusing nothing the procedure allows", async () => {
    const response = await fetch(`${base}/api/complaints`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ ...VALID, submission_id: "3f2a4b5c-1111-4222-8333-944455556666" }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const folder = `dossiers/${id.split("-")[1]}/${id}`;
    const path = `${folder}/dossier.md`;
    await waitFor("the acknowledgement", () => copies(folder).length === 2);
    execFileSync("git", ["clone", "--quiet", repo, clone]);
    expect(readFileSync(join(repo, "hooks", "pre-receive"), "utf8")).toContain("check-push");

    const now = () => formatInstant(new Date(), ZONE);
    const has = (key: string) => () => copies(folder).some((k) => k.startsWith(key));

    step(
      path,
      {
        status: "awaiting_information",
        information: {
          complete: false,
          request: "Stuur ook je bonnetje van bezoek #4411 mee: graag als pdf.",
        },
      },
      "Information asked",
    );
    await waitFor("the information request", has("information_request"));

    // Possible liability comes up while the case awaits information: the status stays legal.
    step(
      path,
      { liability: { possible: true, reason: "De klant noemt schade: een kapotte laptop." } },
      "Liability possible",
    );
    await waitFor("the insurer notice", has("insurer_notice"));

    step(
      path,
      { status: "in_progress", "information.complete": true, "information.received_at": now() },
      "Information received",
    );
    step(path, { "liability.insurer_consulted_at": now() }, "Insurer consulted");
    step(
      path,
      { status: "hearing", staff_involved: [{ name: "Piet Smit", email: "piet.smit@example.nl" }] },
      "Hearing",
    );
    await waitFor("the hearing request", has("hearing_request"));
    step(
      path,
      {
        "staff_involved.0.responded_at": now(),
        "staff_involved.0.summary": "Piet bevestigt: de uren zijn dubbel geboekt.",
      },
      "Summary",
    );
    step(
      path,
      {
        status: "judged",
        judgement: {
          form: "written",
          date: localDate(new Date(), ZONE),
          findings: "De uren zijn dubbel geboekt.",
          verdict: "founded",
          reasoning: "De urenstaat toont 28 uur, de factuur 40.",
          follow_up: "Je ontvangt een creditfactuur.",
          further_contact: "Bel of mail je behandelaar met je dossiernummer.",
        },
      },
      "Judgement",
    );
    await waitFor("the judgement", has("judgement"));
    step(path, { status: "closed", closed_at: now() }, "Closed");
    // One more round after the last push: nothing further is owed.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const sent = copies(folder);
    expect(sent.map((k) => k.replace(/-[0-9a-f]{8}$/, ""))).toEqual([
      "acknowledgement",
      "new_case",
      "information_request",
      "insurer_notice",
      "hearing_request",
      "judgement",
    ]);
    expect(readdirSync(outbox).filter((f) => f.endsWith(".eml"))).toHaveLength(sent.length);
    const letter = readFileSync(
      join(outbox, readdirSync(outbox).find((f) => f.includes("information_request")) ?? ""),
      "utf8",
    );
    expect(letter).toContain("#4411");
    expect(serve.log()).not.toMatch(/skipped|not sent/);

    // Docket's own commits and the handler's pass the same rules: the audit finds nothing.
    const history = await readHistory(repo, "main", {
      ...CHANGE_CONTEXT,
      categories: ["service", "invoice", "conduct", "assignment", "privacy", "other"],
    });
    expect(history.findings).toEqual([]);
  }, 120_000);
});
