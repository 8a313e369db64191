import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeServer, resolveFile } from "../../automation/server/node-server.ts";

const root = mkdtempSync(join(tmpdir(), "docket-site-"));
const site = join(root, "dist");
mkdirSync(join(site, "en"), { recursive: true });
writeFileSync(join(site, "index.html"), "<h1>Klacht</h1>");
writeFileSync(join(site, "en", "index.html"), "<h1>Complaint</h1>");
writeFileSync(join(site, "404.html"), "<h1>Niet gevonden</h1>");
writeFileSync(join(root, "secret.txt"), "secret");

const seen: { method: string; path: string; body: string; client: string }[] = [];
const server = createNodeServer({
  siteDir: site,
  api: async (request, context) => {
    const body = await request.text();
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body,
      client: context.clientAddress,
    });
    context.defer(new Promise((resolve) => setTimeout(resolve, 50)));
    return new Response(null, { status: 303, headers: { location: "/bedankt/?id=KL-2026-0001" } });
  },
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe("the Node adapter", () => {
  it("passes a form post to the web handler and its answer back", async () => {
    const response = await fetch(`${base}/api/complaints`, {
      method: "POST",
      body: new URLSearchParams({ name: "Eva" }),
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/bedankt/?id=KL-2026-0001");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(seen.at(-1)).toMatchObject({
      method: "POST",
      path: "/api/complaints",
      body: "name=Eva",
      client: "127.0.0.1",
    });
    await server.drain();
  });

  it("serves the site with index pages and a 404 page", async () => {
    expect(await (await fetch(`${base}/`)).text()).toBe("<h1>Klacht</h1>");
    expect(await (await fetch(`${base}/en/`)).text()).toBe("<h1>Complaint</h1>");
    const missing = await fetch(`${base}/nope/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("<h1>Niet gevonden</h1>");
  });

  it.each([
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/..%2fsecret.txt",
    "/en/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/%00",
  ])("never serves a file outside the site: %s", (path) => {
    expect(resolveFile(site, path)).toBeUndefined();
  });
});
