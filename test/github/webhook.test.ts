import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import {
  createGitHubWebhook,
  dispatchReason,
  GITHUB_WEBHOOK_PATH,
} from "../../automation/github/webhook.ts";
import githubWebhook, { config } from "../../netlify/functions/github-webhook.ts";
import { dossierText, pathOf } from "../support/dossiers.ts";
import { GitHubFake, listen } from "../support/github-fake.ts";
import { createResendFake } from "../support/resend-fake.ts";
import { useFixedClock } from "../support/fixed-clock.ts";

/** GitHub's own example deliveries, per event (the package's main is a JSON file). */
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as {
  name: string;
  examples: Record<string, unknown>[];
}[];

const SECRET = "It's a Secret to Everybody";
const URL_ = `https://klachten.example.nl${GITHUB_WEBHOOK_PATH}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a payload edited by path, as a test does
type Editable = any;

/** A real example payload of GitHub's, copied, with `change` applied. */
function example(
  name: string,
  pick: (e: Record<string, unknown>) => boolean,
  change: (e: Editable) => void = () => {},
): Record<string, unknown> {
  const found = examples.find((d) => d.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no ${name} example`);
  const payload = structuredClone(found);
  change(payload);
  return payload;
}

const closedPr = (merged: boolean, base = "main") =>
  example(
    "pull_request",
    (e) => e.action === "closed",
    (e) => {
      e.pull_request.merged = merged;
      e.pull_request.base.ref = base;
    },
  );
const push = (ref: string) =>
  example(
    "push",
    (e) => String(e.ref).startsWith("refs/heads/"),
    (e) => (e.ref = ref),
  );

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

function delivery(event: string, body: string, signature = sign(body), method = "POST"): Request {
  return new Request(URL_, {
    method,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      ...(signature ? { "x-hub-signature-256": signature } : {}),
    },
    ...(method === "POST" ? { body } : {}),
  });
}

function harness(options: { repository?: string; fail?: boolean } = {}) {
  const calls: number[] = [];
  const deferred: Promise<unknown>[] = [];
  const logged: string[] = [];
  const handle = createGitHubWebhook({
    secret: SECRET,
    ...(options.repository ? { repository: options.repository } : {}),
    run: async () => {
      calls.push(1);
      if (options.fail) throw new Error("GitHub is down");
    },
    log: (m) => logged.push(m),
  });
  return {
    calls,
    logged,
    async post(request: Request) {
      const response = await handle(request, {
        clientAddress: "192.0.2.1",
        defer: (p) => deferred.push(p),
      });
      await Promise.all(deferred);
      return response;
    },
  };
}

describe("the GitHub webhook", () => {
  it("dispatches once, after answering 202, when a pull request is merged into main", async () => {
    const h = harness();
    const response = await h.post(delivery("pull_request", JSON.stringify(closedPr(true))));
    expect(response.status).toBe(202);
    expect(h.calls).toHaveLength(1);
  });

  it.each([
    ["a pull request closed without merging", "pull_request", () => closedPr(false)],
    ["a pull request merged into another branch", "pull_request", () => closedPr(true, "release")],
    ["a push to another branch", "push", () => push("refs/heads/feature/KL-2026-0001")],
    ["a tag", "push", () => push("refs/tags/simple-tag")],
    ["an issue comment", "issue_comment", () => example("issue_comment", () => true)],
  ])("ignores %s with 204", async (_name, event, payload) => {
    const h = harness();
    const response = await h.post(delivery(event, JSON.stringify(payload())));
    expect(response.status).toBe(204);
    expect(h.calls).toHaveLength(0);
  });

  it("dispatches on a push to main", async () => {
    const h = harness();
    expect((await h.post(delivery("push", JSON.stringify(push("refs/heads/main"))))).status).toBe(
      202,
    );
    expect(h.calls).toHaveLength(1);
  });

  it.each([
    ["signed with another secret", (body: string) => sign(body, "guess")],
    ["unsigned", () => ""],
    [
      "signed with SHA-1 only",
      (body: string) => `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`,
    ],
    ["signed over other bytes", (body: string) => sign(`${body} `)],
  ])("answers 401 and dispatches nothing for a delivery %s", async (_name, signature) => {
    const h = harness();
    const body = JSON.stringify(closedPr(true));
    const response = await h.post(delivery("pull_request", body, signature(body)));
    expect(response.status).toBe(401);
    expect(h.calls).toHaveLength(0);
    expect(h.logged.join("\n")).toContain("signature does not match");
  });

  it("checks the signature on the raw body: GitHub's formatting is accepted as sent", async () => {
    const h = harness();
    const raw = JSON.stringify(closedPr(true), null, 2);
    expect((await h.post(delivery("pull_request", raw))).status).toBe(202);
    expect(h.calls).toHaveLength(1);
  });

  it("ignores events of another repository when it is told its own", async () => {
    const h = harness({ repository: "acme/complaints" });
    const response = await h.post(delivery("push", JSON.stringify(push("refs/heads/main"))));
    expect(response.status).toBe(204);
    expect(h.calls).toHaveLength(0);
  });

  it("logs a failed dispatch instead of crashing; docket dispatch finishes it later", async () => {
    const h = harness({ fail: true });
    expect((await h.post(delivery("push", JSON.stringify(push("refs/heads/main"))))).status).toBe(
      202,
    );
    expect(h.logged.join("\n")).toContain("GitHub is down");
  });

  it("answers 405 to anything but POST and 404 elsewhere", async () => {
    const h = harness();
    expect((await h.post(delivery("push", "", "", "GET"))).status).toBe(405);
    const other = new Request("https://klachten.example.nl/api/github/other", {
      method: "POST",
      body: "{}",
    });
    expect((await h.post(other)).status).toBe(404);
  });

  it("names the reason", () => {
    const options = { branch: "main" };
    expect(dispatchReason("push", push("refs/heads/main"), options)).toBe("push to main");
    expect(
      dispatchReason("push", { ...push("refs/heads/main"), deleted: true }, options),
    ).toBeUndefined();
    expect(dispatchReason("pull_request", closedPr(true), options)).toMatch(
      /^pull request #\d+ merged into main$/,
    );
  });
});

describe("the Netlify function", () => {
  const github = new GitHubFake({ files: { [pathOf("KL-2026-0001")]: dossierText() } });
  const resend = createResendFake();
  let server: SetupServer;
  const saved = { ...process.env };
  // The function reads the clock: the merge is the day after intake, before any term or reminder.
  useFixedClock("2026-11-25T10:00:00+01:00");
  beforeAll(() => {
    server = listen(github, ...resend.handlers);
    Object.assign(process.env, {
      GITHUB_REPOSITORY: "acme/complaints",
      GITHUB_TOKEN: "t",
      RESEND_API_KEY: "re_test",
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
  });
  afterAll(() => {
    server.close();
    process.env = saved;
  });

  it("is routed at /api/github/webhook and, on a merge, sends every dossier's letters after answering", async () => {
    expect(config.path).toBe(GITHUB_WEBHOOK_PATH);
    const waited: Promise<unknown>[] = [];
    const payload = closedPr(true);
    (payload.repository as { full_name: string }).full_name = "acme/complaints";
    const response = await githubWebhook(delivery("pull_request", JSON.stringify(payload)), {
      ip: "192.0.2.7",
      waitUntil: (p) => waited.push(p),
    });
    expect(response.status).toBe(202);
    expect(waited).toHaveLength(1);
    await Promise.all(waited);
    // At the fixed time only the two letters of intake are owed, each sent and copied once.
    expect(resend.sent.map((m) => m.subject)).toEqual([
      "We hebben je klacht ontvangen (KL-2026-0001)",
      expect.stringMatching(/^Nieuwe klacht KL-2026-0001: /),
    ]);
    expect([...github.texts().keys()].filter((p) => p.includes("/correspondence/"))).toHaveLength(
      2,
    );
  }, 20_000);
});
