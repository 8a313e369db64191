import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleContext } from "../../automation/config/rule-context.ts";
import { allowedOrigins } from "../../automation/intake/allowed-origins.ts";
import { createIntakeHandler } from "../../automation/intake/intake-handler.ts";
import { createRateLimiter } from "../../automation/intake/rate-limit.ts";
import {
  clientAddress,
  parseTrustProxy,
  requestOrigin,
} from "../../automation/server/forwarded.ts";
import { createNodeServer } from "../../automation/server/node-server.ts";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";
import { CONFIG, NOW, VALID } from "../support/intake-harness.ts";

describe("clientAddress", () => {
  it.each([
    ["no proxy: the peer, whatever the header says", "1.2.3.4", 0, "10.0.0.2"],
    ["one proxy: the address it added", "203.0.113.9", 1, "203.0.113.9"],
    [
      "one proxy, a forged prefix: still the address it added",
      "6.6.6.6, 203.0.113.9",
      1,
      "203.0.113.9",
    ],
    [
      "two proxies: the address the outer one added",
      "6.6.6.6, 203.0.113.9, 10.0.0.1",
      2,
      "203.0.113.9",
    ],
    ["one proxy that adds nothing: the peer's entry", undefined, 1, "10.0.0.2"],
  ])("%s", (_, header, hops, client) => {
    expect(clientAddress(header, "10.0.0.2", hops)).toBe(client);
  });

  it("reads repeated headers as one list", () => {
    expect(clientAddress(["6.6.6.6", "203.0.113.9"], "10.0.0.2", 1)).toBe("203.0.113.9");
  });
});

describe("requestOrigin", () => {
  const headers = {
    host: "127.0.0.1:4321",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "klachten.example.nl",
  };
  it("behind a trusted proxy: the forwarded scheme and host", () => {
    expect(requestOrigin(headers, 1)).toBe("https://klachten.example.nl");
    expect(requestOrigin({ host: "klachten.example.nl", "x-forwarded-proto": "https" }, 1)).toBe(
      "https://klachten.example.nl",
    );
  });
  it("without one: http and the Host header, forwarded headers ignored", () => {
    expect(requestOrigin(headers, 0)).toBe("http://127.0.0.1:4321");
  });
  it("never a host that is not a host name", () => {
    expect(requestOrigin({ host: "evil/x?y" }, 0)).toBe("http://localhost");
  });
});

describe("DOCKET_TRUST_PROXY and SITE_URL", () => {
  it("is a number of proxies", () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy("2")).toBe(2);
    expect(() => parseTrustProxy("yes")).toThrow(/^DOCKET_TRUST_PROXY must be the number/);
  });
  it("allows the site's own origin", () => {
    expect(
      allowedOrigins({
        SITE_URL: "https://klachten.example.nl/",
        DOCKET_ALLOWED_ORIGINS: "https://a.nl",
      }),
    ).toEqual(["https://klachten.example.nl", "https://a.nl"]);
  });
});

describe("the server behind a TLS proxy (DOCKET_TRUST_PROXY=1)", () => {
  const dir = mkdtempSync(join(tmpdir(), "docket-proxy-"));
  const context = ruleContext(CONFIG);
  const handler = createIntakeHandler({
    config: CONFIG,
    calendar: context.calendar,
    store: createLocalGitStore({ dir: join(dir, "repo") }),
    clock: () => NOW,
    rateLimiter: createRateLimiter({ burst: 3, perMinute: 1, now: () => 0 }),
    deliver: async () => undefined,
  });
  const server = createNodeServer({ api: handler, trustProxy: 1 });
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  // What the proxy sends on: the browser's Host, its scheme, and the browser's address appended.
  const post = (client: string, forged = "") =>
    fetch(`${base}/api/complaints`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        origin: "https://klachten.example.nl",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "klachten.example.nl",
        "x-forwarded-for": forged ? `${forged}, ${client}` : client,
      },
      body: JSON.stringify(VALID),
    });

  it("takes the browser's https origin as its own", async () => {
    const response = await post("198.51.100.7");
    expect(response.status).toBe(201);
  });

  it("counts posts with a forged X-Forwarded-For prefix against the real client", async () => {
    const statuses = [];
    for (let n = 0; n < 14; n += 1) {
      statuses.push((await post("203.0.113.9", `10.1.${n}.1`)).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
  });
});
