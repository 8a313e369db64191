import { generateKeyPairSync } from "node:crypto";
import { http, HttpResponse } from "msw";
import type { SetupServer } from "msw/node";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../automation/errors.ts";
import { createOctokit } from "../../automation/store/github-octokit.ts";
import { createStoreClient } from "../../automation/store/github-client.ts";
import { createGitHubStore } from "../../automation/store/github-store.ts";
import { GitHubFake, listen } from "../support/github-fake.ts";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const app = {
  GITHUB_APP_ID: "1234",
  GITHUB_APP_PRIVATE_KEY: privateKey,
  GITHUB_APP_INSTALLATION_ID: "5678",
};

let server: SetupServer | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe("createOctokit", () => {
  it("names the variables to set when there are no credentials", () => {
    expect(() => createOctokit({})).toThrow(ConfigError);
    expect(() => createOctokit({})).toThrow(/GITHUB_TOKEN.*GITHUB_APP_ID/);
  });

  it("names the missing variable of incomplete App credentials", () => {
    const partial = { ...app, GITHUB_APP_INSTALLATION_ID: "", GITHUB_TOKEN: "t" };
    expect(() => createOctokit(partial)).toThrow(/set GITHUB_APP_INSTALLATION_ID/);
  });

  it("refuses a private key that is not PEM, naming GITHUB_APP_PRIVATE_KEY", () => {
    expect(() => createOctokit({ ...app, GITHUB_APP_PRIVATE_KEY: "not a key" })).toThrow(
      /^GITHUB_APP_PRIVATE_KEY is not a PEM private key/,
    );
  });

  it("sends GITHUB_TOKEN", async () => {
    const fake = new GitHubFake();
    server = listen(fake);
    await store({ GITHUB_TOKEN: "ghp_test" }, fake).list("dossiers");
    expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(new Set(["token ghp_test"]));
  });

  it("authenticates as the App installation, with a key pasted on one line", async () => {
    const fake = new GitHubFake();
    const exchanges: Array<string | null> = [];
    const tokens = http.post(
      "https://api.github.com/app/installations/5678/access_tokens",
      ({ request }) => {
        exchanges.push(request.headers.get("authorization"));
        const expires = new Date(Date.now() + 3_600_000).toISOString();
        return HttpResponse.json(
          { token: "ghs_installation", expires_at: expires },
          { status: 201 },
        );
      },
    );
    server = listen(fake, tokens);
    const oneLine = { ...app, GITHUB_APP_PRIVATE_KEY: privateKey.replaceAll("\n", "\\n") };
    await store(oneLine, fake).read(["README.md"]);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toMatch(/^bearer ey/i);
    expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(
      new Set(["token ghs_installation"]),
    );
  });
});

function store(env: NodeJS.ProcessEnv, fake: GitHubFake) {
  return createGitHubStore({ client: createStoreClient(env), owner: fake.owner, repo: fake.repo });
}
