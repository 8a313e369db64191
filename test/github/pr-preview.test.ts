import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { marked } from "marked";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runDocket } from "../support/run-docket.ts";
import { DECAP_PULL_REQUEST_BODY } from "../../automation/desk/desk-pull-request.ts";
import {
  PREVIEW_MARKER,
  publishPreview,
  pullRequestNumber,
  renderPreview,
  type PreviewLetter,
} from "../../automation/github/pr-preview.ts";
import { dossierText, pathOf } from "../support/dossiers.ts";
import { GitHubIssuesFake, issuesOctokit } from "../support/github-issues-fake.ts";

const LETTER: PreviewLetter = {
  id: "KL-2026-0001",
  letter: "acknowledgement",
  to: ["Eva Jansen <eva.jansen@example.nl>"],
  subject: "We hebben je klacht ontvangen (KL-2026-0001) <b>@octocat</b>",
  text: "Beste Eva,\n\n```\n</details>\n<script>alert(1)</script>\n# Kop\nGroet, @sannedevries\n",
};

describe("renderPreview", () => {
  const body = renderPreview({
    sent: [LETTER, { ...LETTER, letter: "new_case", to: ["s@example.nl"] }],
    skipped: [],
  });
  const html = marked.parse(body, { async: false });

  it("starts with the marker and shows each letter: masked recipient, subject, text in a collapsed block", () => {
    expect(body.startsWith(`${PREVIEW_MARKER}\n`)).toBe(true);
    expect(body).toContain("**2 letters**");
    expect(body).toContain("- To: ` E*** J*** <e***@example.nl> `");
    expect(body).not.toContain("eva.jansen@example.nl");
    expect(body).toContain("- To: ` s***@example.nl `");
    expect(body.match(/<details>/g)).toHaveLength(2);
    expect(body).toContain("<summary>Text of the letter (KL-2026-0001, acknowledgement)</summary>");
  });

  it("fences the text so nothing in it renders, closes the block or mentions anyone", () => {
    expect(body).toContain("````text\nBeste Eva,\n\n```\n</details>");
    expect(html).not.toMatch(/<(script|h1|b)\b/);
    expect(html.match(/<details>/g)).toHaveLength(2);
    expect(html.match(/<\/details>/g)).toHaveLength(2);
    expect(html).toContain("&lt;/details&gt;");
    expect(body).not.toMatch(/@(sannedevries|octocat)/);
    expect(body).toContain("@\u200bsannedevries");
  });

  it("says so when the merge sends nothing, and lists dossiers it could not preview", () => {
    const none = renderPreview({
      sent: [],
      skipped: [{ file: "dossiers/2026/KL-2026-0002/dossier.md", violations: [] }],
    });
    expect(none).toContain("sends **no letters**");
    expect(none).toContain("- ` dossiers/2026/KL-2026-0002/dossier.md `");
    expect(none).not.toContain("<details>");
  });

  it("stays under GitHub's 65,536 characters, listing letters whose text did not fit", () => {
    const long = { ...LETTER, text: "x".repeat(5000) };
    const big = renderPreview({ sent: Array.from({ length: 40 }, () => long), skipped: [] });
    expect(big.length).toBeLessThan(65_536);
    expect(big.match(/^#### /gm)).toHaveLength(40);
    expect(big).toMatch(/\n\d+ letter\(s\) did not fit in this comment: run/);
    const huge = renderPreview({ sent: Array.from({ length: 3000 }, () => long), skipped: [] });
    expect(huge.length).toBeLessThan(65_536);
    expect(huge).toMatch(/did not fit in this comment \(\d+ not even listed\)/);
  });
});

describe("pullRequestNumber", () => {
  it.each([
    ['{"pull_request":{"number":42},"number":42}', 42],
    ['{"ref":"refs/heads/main"}', undefined],
    ['{"pull_request":{"number":"42"}}', undefined],
    ["not json", undefined],
  ])("%s → %s", (payload, number) => {
    expect(pullRequestNumber(payload)).toBe(number);
  });
});

const fake = new GitHubIssuesFake();
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
let pr = 0;
beforeEach(() => {
  fake.issues.length = 0;
  fake.comments.length = 0;
  fake.requests.length = 0;
  fake.open({ title: "Dashboard" });
  pr = fake.open({ title: "KL-2026-0001: in behandeling", pullRequest: true });
});
const previews = () =>
  fake.comments.filter((c) => c.issue === pr && c.body.startsWith(PREVIEW_MARKER));

describe("publishPreview on a fake GitHub", () => {
  const publish = (body: string) =>
    publishPreview({
      octokit: issuesOctokit(),
      owner: "acme",
      repo: "complaints",
      pullRequest: pr,
      body,
    });

  it("comments once, then edits that comment; a handler's comment quoting the marker is left alone", async () => {
    fake.comment(pr, `> ${PREVIEW_MARKER}\n> quoted`);
    const first = await publish(`${PREVIEW_MARKER}\none`);
    expect(first.outcome).toBe("created");
    const second = await publish(`${PREVIEW_MARKER}\ntwo`);
    expect(second).toMatchObject({ id: first.id, outcome: "updated" });
    expect(await publish(`${PREVIEW_MARKER}\ntwo`)).toMatchObject({
      id: first.id,
      outcome: "unchanged",
    });
    expect(previews()).toHaveLength(1);
    expect(previews()[0]?.body).toBe(`${PREVIEW_MARKER}\ntwo`);
    expect(fake.comments[0]?.body).toBe(`> ${PREVIEW_MARKER}\n> quoted`);
    expect(fake.requests.filter((r) => !r.startsWith("GET"))).toEqual([
      "POST /issues/2/comments",
      "PATCH /issues/comments/1002",
    ]);
  });
});

describe("docket preview", () => {
  const dir = mkdtempSync(join(tmpdir(), "docket-preview-"));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write(pathOf("KL-2026-0001"), dossierText());
  write(
    "event.json",
    JSON.stringify({ action: "synchronize", number: 2, pull_request: { number: 2 } }),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const docket = (args: string[], env: NodeJS.ProcessEnv) => runDocket(args, { env, cwd: dir });
  const GITHUB = {
    GITHUB_REPOSITORY: "acme/complaints",
    GITHUB_TOKEN: "test-token",
    GITHUB_EVENT_PATH: join(dir, "event.json"),
  };
  const NOW = ["--now", "2026-11-24T09:14:00+01:00"];

  it("on a pull request's checkout, comments the letters its merge sends, once, edited on the next push", async () => {
    const first = await docket(["preview", "--repo", ".", ...NOW], GITHUB);
    expect(first).toMatchObject({ code: 0, stdout: "" });
    expect(first.stderr).toContain("2 letter(s) would be sent");
    expect(previews()).toHaveLength(1);
    const body = previews()[0]?.body ?? "";
    expect(body).toContain("#### 1. KL-2026-0001: acknowledgement");
    expect(body).toContain("- To: ` E*** J*** <e***@example.nl> `");
    expect(body).toContain("- Subject: ` We hebben je klacht ontvangen (KL-2026-0001) `");
    expect(body).toContain("#### 2. KL-2026-0001: new\\_case");
    // Recipients are masked; a letter's text is shown as the merge sends it (the handler's new_case names the complainant).
    const recipients = body.split("\n").filter((l) => l.startsWith("- To:"));
    expect(recipients).toEqual([
      "- To: ` E*** J*** <e***@example.nl> `",
      "- To: ` S*** d*** V*** <s***@example.nl> `",
    ]);

    write(
      pathOf("KL-2026-0001").replace("dossier.md", "correspondence/0001-acknowledgement.eml"),
      "From: x\r\n\r\n",
    );
    const second = await docket(["preview", "--repo", ".", "--pr", String(pr), ...NOW], GITHUB);
    expect(second.code).toBe(0);
    expect(previews()).toHaveLength(1);
    expect(previews()[0]?.body).toContain("**1 letter**");
    expect(previews()[0]?.body).not.toContain("acknowledgement");
  });

  it("fills in the template of a pull request the desk opened, once, and leaves a handler's own alone", async () => {
    write(
      ".github/pull_request_template.md",
      readFileSync(".github/pull_request_template.md", "utf8"),
    );
    const desk = fake.open({
      title: "Update Case",
      body: DECAP_PULL_REQUEST_BODY,
      pullRequest: true,
    });
    const head = { ref: "cms/dossiers/2026/KL-2026-0001/dossier" };
    write(
      "desk.json",
      JSON.stringify({ pull_request: { number: desk, body: DECAP_PULL_REQUEST_BODY, head } }),
    );
    const env = { ...GITHUB, GITHUB_EVENT_PATH: join(dir, "desk.json") };
    const run = await docket(["preview", "--repo", ".", "--pr", String(desk), ...NOW], env);
    expect(run.code).toBe(0);
    const body = fake.issue(desk)?.body ?? "";
    expect(body).toContain("**Dossier:** KL-2026-0001");
    expect(body).toContain("Saved on the handler's desk");
    expect(body).toContain("§1.4 Wederhoor");
    expect(body).not.toContain(DECAP_PULL_REQUEST_BODY);

    // A handler's own pull request, or one whose body was written since, keeps its body.
    const own = fake.open({ title: "Wederhoor", body: "Mijn tekst", pullRequest: true });
    write(
      "own.json",
      JSON.stringify({
        pull_request: { number: own, body: "Mijn tekst", head: { ref: "wederhoor" } },
      }),
    );
    await docket(["preview", "--repo", ".", "--pr", String(own), ...NOW], {
      ...GITHUB,
      GITHUB_EVENT_PATH: join(dir, "own.json"),
    });
    expect(fake.issue(own)?.body).toBe("Mijn tekst");
    expect(
      fake.requests.filter((r) => r.startsWith("PATCH /issues/") && !r.includes("comments")),
    ).toEqual([`PATCH /issues/${desk}`]);
  });

  it("prints the comment when not on GitHub, and refuses a bad --pr", async () => {
    const local = await docket(["preview", "--repo", ".", ...NOW], {});
    expect(local.code).toBe(0);
    expect(local.stdout.startsWith(PREVIEW_MARKER)).toBe(true);
    expect(fake.requests).toEqual([]);
    expect((await docket(["preview", "--repo", ".", "--pr", "two"], GITHUB)).code).toBe(2);
    expect((await docket(["preview"], GITHUB)).code).toBe(2);
  });
});
