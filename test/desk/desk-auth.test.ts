import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDeskAuth, DESK_AUTH_PATH } from "../../automation/desk/desk-auth.ts";
import { createDeskAuthFunction } from "../../automation/platform/desk-auth-function.ts";

/** GitHub's OAuth token endpoint, as its documentation describes it; anything else fails the test. */
const exchanged: Record<string, unknown>[] = [];
let answer: Record<string, unknown> = {
  access_token: "gho_handler_token",
  token_type: "bearer",
  scope: "repo",
};
const github = setupServer(
  http.post("https://github.com/login/oauth/access_token", async ({ request }) => {
    exchanged.push((await request.json()) as Record<string, unknown>);
    return HttpResponse.json(answer);
  }),
);
beforeAll(() => github.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  github.resetHandlers();
  exchanged.length = 0;
  answer = { access_token: "gho_handler_token", token_type: "bearer", scope: "repo" };
});
afterAll(() => github.close());

const SITE = "https://klachten.example.nl";
const auth = createDeskAuth({ clientId: "Iv1.desk", clientSecret: "s3cret", siteOrigin: SITE });

async function start(): Promise<{ state: string; cookie: string; location: URL }> {
  const response = await auth(new Request(`${SITE}${DESK_AUTH_PATH}?provider=github&scope=repo`));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location") ?? "");
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { state: location.searchParams.get("state") ?? "", cookie, location };
}

describe("the desk's sign-in with GitHub", () => {
  it("sends the handler to GitHub with an unguessable state, kept in a cookie only the sign-in reads", async () => {
    const { location, state } = await start();
    expect(location.origin + location.pathname).toBe("https://github.com/login/oauth/authorize");
    expect(location.searchParams.get("client_id")).toBe("Iv1.desk");
    expect(location.searchParams.get("redirect_uri")).toBe(`${SITE}${DESK_AUTH_PATH}/callback`);
    expect(location.searchParams.get("scope")).toBe("repo");
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect((await start()).state).not.toBe(state);
    const response = await auth(new Request(`${SITE}${DESK_AUTH_PATH}`));
    expect(response.headers.get("set-cookie")).toMatch(
      /Path=\/api\/desk\/auth; HttpOnly; Secure; SameSite=Lax/,
    );
    expect(location.href).not.toContain("s3cret");
  });

  it("trades the code for the handler's token and hands it to the desk's origin only", async () => {
    const { state, cookie } = await start();
    const response = await auth(
      new Request(`${SITE}${DESK_AUTH_PATH}/callback?code=abc&state=${state}`, {
        headers: { cookie },
      }),
    );
    expect(response.status).toBe(200);
    expect(exchanged).toEqual([
      {
        client_id: "Iv1.desk",
        client_secret: "s3cret",
        code: "abc",
        redirect_uri: `${SITE}${DESK_AUTH_PATH}/callback`,
      },
    ]);
    const html = await response.text();
    expect(html).toContain(
      'authorization:github:success:{\\"token\\":\\"gho_handler_token\\",\\"provider\\":\\"github\\"}',
    );
    expect(html).toContain(`var origin = "${SITE}"`);
    expect(html).toContain("if (event.origin !== origin) return;");
    expect(html).not.toContain('"*"');
    const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
    expect(response.headers.get("content-security-policy")).toBe(
      `default-src 'none'; script-src 'nonce-${nonce}'; frame-ancestors 'none'`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    [
      "without the cookie",
      (state: string) => new Request(`${SITE}${DESK_AUTH_PATH}/callback?code=abc&state=${state}`),
    ],
    [
      "with another sign-in's state",
      (_state: string, cookie = "") =>
        new Request(`${SITE}${DESK_AUTH_PATH}/callback?code=abc&state=forged`, {
          headers: { cookie },
        }),
    ],
  ])("refuses a callback %s, and asks GitHub for nothing", async (_what, make) => {
    const { state, cookie } = await start();
    const response = await auth(make(state, cookie));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("sign in again");
    expect(exchanged).toEqual([]);
  });

  it("says what GitHub refused, without a token", async () => {
    answer = {
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
    };
    const { state, cookie } = await start();
    const response = await auth(
      new Request(`${SITE}${DESK_AUTH_PATH}/callback?code=old&state=${state}`, {
        headers: { cookie },
      }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("The code passed is incorrect or expired.");
    expect(html).toContain("authorization:github:error:");
  });

  it("answers only GET on its two paths", async () => {
    expect((await auth(new Request(`${SITE}${DESK_AUTH_PATH}`, { method: "POST" }))).status).toBe(
      405,
    );
    expect((await auth(new Request(`${SITE}${DESK_AUTH_PATH}/other`))).status).toBe(404);
  });

  it("as a function, names what is missing from the environment", async () => {
    await expect(createDeskAuthFunction({})).rejects.toThrow(/DOCKET_DESK_GITHUB_CLIENT_ID/);
    await expect(
      createDeskAuthFunction({
        DOCKET_DESK_GITHUB_CLIENT_ID: "a",
        DOCKET_DESK_GITHUB_CLIENT_SECRET: "b",
      }),
    ).rejects.toThrow(/SITE_URL/);
  });
});
