import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDeskApi, DESK_API_PATH } from "../../automation/desk/desk-api.ts";
import { applyDeskEdit, deskEntry } from "../../automation/desk/desk-edit.ts";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";
import type { DossierStore } from "../../automation/store/dossier-store.ts";
import { CHANGE_CONTEXT, dossierText } from "../support/dossiers.ts";

const PATH = "dossiers/2026/KL-2026-0001/dossier.md";
const NOW = new Date("2026-11-26T10:00:00+01:00");
let root: string;
let store: DossierStore;
let previews: string[];

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "docket-desk-api-"));
  store = createLocalGitStore({ dir: join(root, "repo") });
  await store.commit({ message: "Intake", files: [{ path: PATH, content: dossierText() }] });
  previews = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function desk() {
  return createDeskApi({
    store,
    context: CHANGE_CONTEXT,
    clock: () => NOW,
    previewLetters: async (path, text) => {
      previews.push(text);
      return { letters: [{ letter: "information_request", to: ["eva"], subject: path, text: "" }] };
    },
  });
}

function call(
  body: unknown,
  options: { client?: string; host?: string; headers?: Record<string, string> } = {},
) {
  const host = options.host ?? "127.0.0.1:4321";
  const request = new Request(`http://${host}${DESK_API_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: JSON.stringify(body),
  });
  return desk()(request, { clientAddress: options.client ?? "127.0.0.1", defer: () => undefined });
}

/** The text the desk's form sends for a dossier with some fields changed. */
async function formText(change: Record<string, unknown>): Promise<string> {
  const text = (await store.read([PATH])).get(PATH) ?? "";
  return applyDeskEdit(text, { ...deskEntry(text), ...change });
}

const log = () =>
  execFileSync("git", ["log", "--format=%B%x00", "main"], {
    cwd: join(root, "repo"),
    encoding: "utf8",
  })
    .split("\0")
    .map((m) => m.trim())
    .filter(Boolean);

describe("the desk's API on docket serve", () => {
  it("answers Decap's info and lists the dossiers", async () => {
    expect(await (await call({ action: "info" })).json()).toMatchObject({
      publish_modes: ["simple"],
    });
    const entries = (await (await call({ action: "entriesByFolder", params: {} })).json()) as {
      file: { path: string };
      data: string;
    }[];
    expect(entries.map((e) => e.file.path)).toEqual([PATH]);
    expect(entries[0]?.data).toBe(dossierText());
  });

  it("commits a step the rules allow, with the Dossier trailer and only the changed line", async () => {
    const raw = await formText({ status: "in_progress" });
    const response = await call({
      action: "persistEntry",
      params: { dataFiles: [{ path: PATH, raw }], assets: [] },
    });
    expect(response.status).toBe(200);
    expect(log()[0]).toBe(
      "KL-2026-0001: status received → in_progress (desk)\n\nDossier: KL-2026-0001",
    );
    expect((await store.read([PATH])).get(PATH)).toBe(
      dossierText().replace("status: received", "status: in_progress"),
    );
  });

  it("refuses a step that breaks a rule, in the handler's words, and commits nothing", async () => {
    const raw = await formText({
      status: "judged",
      judgement: { form: "written", date: "2026-11-26" },
    });
    const before = log().length;
    const check = (await (
      await call({ action: "docketCheck", params: { path: PATH, raw } })
    ).json()) as {
      violations: { field: string; message: string }[];
      preview?: unknown;
    };
    expect(check.violations.map((v) => v.message).join(" ")).toMatch(/findings/);
    expect(check.preview).toBeUndefined();
    const response = await call({
      action: "persistEntry",
      params: { dataFiles: [{ path: PATH, raw }], assets: [] },
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toMatch(/findings/);
    expect(log().length).toBe(before);
  });

  it("previews the letters of a step the rules allow, from the dossier as the save would write it", async () => {
    const raw = await formText({
      status: "awaiting_information",
      information: { complete: "false", request: "De urenstaat van oktober" },
    });
    const check = (await (
      await call({ action: "docketCheck", params: { path: PATH, raw } })
    ).json()) as {
      violations: unknown[];
      preview: unknown;
    };
    expect(check).toEqual({
      violations: [],
      preview: {
        letters: [{ letter: "information_request", to: ["eva"], subject: PATH, text: "" }],
      },
    });
    expect(previews[0]).toContain("request: De urenstaat van oktober");
  });

  it("keeps what never changes whatever the form sends", async () => {
    const text = (await store.read([PATH])).get(PATH) ?? "";
    const raw = text
      .replace("id: KL-2026-0001", "id: KL-2026-0002")
      .replace("status: received", "status: in_progress");
    await call({
      action: "persistEntry",
      params: { dataFiles: [{ path: PATH, raw }], assets: [] },
    });
    expect((await store.read([PATH])).get(PATH)).toContain("id: KL-2026-0001");
  });

  it("refuses a save that changes the complainant's words, and commits nothing", async () => {
    const entry = deskEntry((await store.read([PATH])).get(PATH) ?? "");
    const body = String(entry.body).replace("12 uur", "2 uur");
    expect(body).not.toBe(entry.body);
    const raw = await formText({ status: "in_progress", body });
    const response = await call({
      action: "persistEntry",
      params: { dataFiles: [{ path: PATH, raw }], assets: [] },
    });
    expect(response.status).toBe(422);
    const answer = (await response.json()) as { violations: { rule: string; message: string }[] };
    expect(answer.violations.map((v) => v.rule)).toContain("immutable");
    expect(answer.violations.map((v) => v.message).join(" ")).toMatch(/complainant's words/);
    expect(log().length).toBe(1);
    expect((await store.read([PATH])).get(PATH)).toBe(dossierText());
  });

  it.each([
    ["another machine", { client: "192.168.1.20" }, 403],
    ["a rebound name", { host: "evil.example:4321" }, 403],
    ["another site's page", { headers: { origin: "https://evil.example" } }, 403],
    ["a cross-site request", { headers: { "sec-fetch-site": "cross-site" } }, 403],
    ["a form post", { headers: { "content-type": "text/plain" } }, 403],
    // A reverse proxy on the same machine makes every client look local: what came through one is refused.
    [
      "a request through a proxy (X-Forwarded-For)",
      { headers: { "x-forwarded-for": "203.0.113.7" } },
      403,
    ],
    ["a request through a proxy (Forwarded)", { headers: { forwarded: "for=203.0.113.7" } }, 403],
    ["a request through a proxy (X-Real-IP)", { headers: { "x-real-ip": "203.0.113.7" } }, 403],
    ["a request through a proxy (Via)", { headers: { via: "1.1 proxy" } }, 403],
  ])("refuses %s", async (_what, options, status) => {
    const raw = await formText({ status: "in_progress" });
    const response = await call(
      { action: "persistEntry", params: { dataFiles: [{ path: PATH, raw }], assets: [] } },
      options,
    );
    expect(response.status).toBe(status);
    expect(log().length).toBe(1);
  });

  it("accepts its own page on loopback, by name or address", async () => {
    for (const [client, host] of [
      ["::1", "localhost:4321"],
      ["::ffff:127.0.0.1", "127.0.0.1:4321"],
    ] as const) {
      const response = await call(
        { action: "info" },
        { client, host, headers: { origin: `http://${host}` } },
      );
      expect(response.status).toBe(200);
    }
  });

  it.each([
    [
      "a path outside the dossiers",
      { action: "getEntry", params: { path: "../../etc/passwd" } },
      400,
    ],
    [
      "a dossier that is not there",
      { action: "getEntry", params: { path: "dossiers/2026/KL-2026-0009/dossier.md" } },
      404,
    ],
    ["an action it does not know", { action: "deleteFile", params: {} }, 400],
    ["an action named after Object's own", { action: "constructor", params: {} }, 400],
    [
      "an upload",
      {
        action: "persistEntry",
        params: { dataFiles: [{ path: PATH, raw: "" }], assets: [{ path: "x" }] },
      },
      400,
    ],
  ])("answers %s with a clear error", async (_what, body, status) => {
    const response = await call(body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).not.toBe("");
  });
});
