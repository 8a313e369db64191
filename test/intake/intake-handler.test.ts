import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkDossier } from "../../automation/domain/check-dossier.ts";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";
import { CONTEXT } from "../support/dossiers.ts";
import {
  CONFIG,
  VALID,
  createHarness,
  form,
  json,
  type Harness,
} from "../support/intake-harness.ts";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.dispose());

const context = { ...CONTEXT, categories: CONFIG.categories.map((c) => c.id) };
const ONE = "dossiers/2026/KL-2026-0001/dossier.md";

describe("a complaint that is answered with success is committed and acknowledged", () => {
  it("JSON: 201 with the id and receipt time; dossier, letters and their copies committed", async () => {
    const response = await h.post(...json(VALID));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({
      id: "KL-2026-0001",
      received_at: "2026-11-24T09:13:05+01:00",
    });
    const text = h.show(ONE);
    expect(checkDossier(ONE, text, context).violations).toEqual([]);
    expect(splitDossier(text).data).toMatchObject({
      id: "KL-2026-0001",
      status: "received",
      channel: "web",
      language: "nl",
      category: "invoice",
      complainant: { name: "Eva Jansen", email: "eva.jansen@example.nl", prefers_meeting: false },
      handler: { name: "Sanne de Vries" },
      terms: {
        information_due: "2026-12-01",
        judgement_due: "2026-12-01",
        resolution_due: "2026-12-24",
      },
    });
    expect(h.outboxFiles()).toEqual([
      "KL-2026-0001--acknowledgement.eml",
      "KL-2026-0001--new_case.eml",
    ]);
    expect(h.files("dossiers/2026/KL-2026-0001/correspondence/")).toEqual([
      "dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml",
      "dossiers/2026/KL-2026-0001/correspondence/0002-new_case.eml",
    ]);
    const ack = h.show("dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml");
    expect(ack).toMatch(/^To: Eva Jansen <eva\.jansen@example\.nl>\r$/m);
    expect(ack).toMatch(/^Subject: .*KL-2026-0001/m);
  });

  it("a form post without JavaScript: 303 to the thank-you page of its language", async () => {
    const nl = await h.post(...form(VALID));
    expect(nl.status).toBe(303);
    expect(nl.headers.get("location")).toBe("/bedankt/?id=KL-2026-0001");
    const en = await h.post(...form({ ...VALID, language: "en", summary: "Invoice lists hours" }));
    expect(en.headers.get("location")).toBe("/en/thank-you/?id=KL-2026-0002");
    expect(splitDossier(h.show("dossiers/2026/KL-2026-0002/dossier.md")).data).toMatchObject({
      language: "en",
    });
  });

  it("assigns handlers in turn and names the handler in the acknowledgement (§1.2)", async () => {
    await h.post(...json(VALID));
    await h.post(...json({ ...VALID, summary: "Tweede klacht over de factuur" }));
    const second = splitDossier(h.show("dossiers/2026/KL-2026-0002/dossier.md")).data as {
      handler: { name: string };
    };
    expect(second.handler.name).toBe("Joris Bakker");
    expect(h.show("dossiers/2026/KL-2026-0002/correspondence/0001-acknowledgement.eml")).toContain(
      "Joris Bakker",
    );
  });

  it("a form post sent twice without JavaScript (no submission_id) files once", async () => {
    const first = await h.post(...form(VALID));
    const again = await h.post(...form(VALID));
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(h.files().filter((f) => f.endsWith("/dossier.md"))).toHaveLength(1);
    const other = await h.post(...form({ ...VALID, description: "Een andere klacht." }));
    expect(other.headers.get("location")).toBe("/bedankt/?id=KL-2026-0002");
  });

  it("a replay with the same submission_id answers the same id and files once", async () => {
    const first = await (
      await h.post(...json({ ...VALID, submission_id: "form-7f3a9c21" }))
    ).json();
    const again = await h.post(...json({ ...VALID, submission_id: "form-7f3a9c21" }));
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(first);
    const both = await Promise.all([
      h.post(...json({ ...VALID, submission_id: "double-click-1" })),
      h.post(...json({ ...VALID, submission_id: "double-click-1" })),
    ]);
    const ids = await Promise.all(both.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(ids[0]).toBe(ids[1]);
    expect(h.files().filter((f) => f.endsWith("dossier.md"))).toHaveLength(2);
    expect(h.outboxFiles().filter((f) => f.endsWith("acknowledgement.eml"))).toHaveLength(2);
  });

  it("50 concurrent intakes: 50 dossiers numbered 0001–0050 and 50 acknowledgements", async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.post(...json({ ...VALID, summary: `Klacht nummer ${i + 1}` })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const ids = (
      await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id))
    ).sort();
    expect(ids).toEqual(
      Array.from({ length: 50 }, (_, i) => `KL-2026-${String(i + 1).padStart(4, "0")}`),
    );
    expect(h.files().filter((f) => f.endsWith("/dossier.md"))).toHaveLength(50);
    expect(h.files().filter((f) => f.endsWith("-acknowledgement.eml"))).toHaveLength(50);
    expect(h.outboxFiles().filter((f) => f.endsWith("--acknowledgement.eml"))).toHaveLength(50);
  }, 60_000);
});

describe("bad input gets a clear error naming the field, and nothing is filed", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["a missing name", { ...VALID, name: "" }, "name", /Vul dit veld in/],
    ["a missing e-mail address", { ...VALID, email: undefined }, "email", /Vul dit veld in/],
    ["a malformed e-mail address", { ...VALID, email: "eva@" }, "email", /geldig e-mailadres/],
    ["CRLF in the name", { ...VALID, name: "Eva\r\nBcc: all@example.nl" }, "name", /één regel/],
    [
      "CRLF in the e-mail address",
      { ...VALID, email: "eva@example.nl\r\nBcc: x@example.nl" },
      "email",
      /geldig e-mailadres/,
    ],
    [
      "a summary over 140 characters",
      { ...VALID, summary: "x".repeat(141) },
      "summary",
      /hooguit 140 tekens/,
    ],
    [
      "a description over 20,000 characters",
      { ...VALID, description: "x".repeat(20_001) },
      "description",
      /20000/,
    ],
    ["no consent", { ...VALID, consent: undefined }, "consent", /toestemming/],
    ["an unknown category", { ...VALID, category: "food" }, "category", /Kies een van/],
    ["an unknown language", { ...VALID, language: "de" }, "language", /Kies een van: nl, en/],
    [
      "a malformed submission_id",
      { ...VALID, submission_id: "../../x" },
      "submission_id",
      /opnieuw/,
    ],
    [
      "a filled honeypot",
      { ...VALID, website: "http://spam.example" },
      "website",
      /niet worden verstuurd/,
    ],
    ["a bad phone number", { ...VALID, phone: "call me maybe" }, "phone", /telefoonnummer/],
  ];

  it.each(cases)("%s → 422", async (_name, body, field, message) => {
    const response = await h.post(...json(body));
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: Record<string, string> };
    expect(errors[field]).toMatch(message);
    expect(h.files()).toEqual([]);
  });

  it("words the errors in English for an English form", async () => {
    const response = await h.post(...json({ ...VALID, language: "en", email: "nope" }));
    expect(await response.json()).toEqual({
      errors: { email: "Please enter a valid e-mail address, like name@example.com." },
    });
  });

  it("answers a form post with an accessible page that keeps what was typed", async () => {
    const response = await h.post(
      ...form({ ...VALID, email: "eva@", description: 'Mijn <b>tekst</b> & "quote"' }),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('role="alert"');
    expect(page).toContain('<a href="#field-email">');
    expect(page).toMatch(
      /id="field-email"[^>]*aria-invalid="true"[^>]*aria-describedby="field-email-hint field-email-error"/,
    );
    expect(page).toContain("Mijn &#60;b&#62;tekst&#60;/b&#62; &#38; &#34;quote&#34;</textarea>");
    expect(page).toContain('value="Eva Jansen"');
    expect(page).not.toContain("<b>tekst</b>");
    // The site's frame: its stylesheet, header with the language switch, footer; no "(required)".
    expect(page).toContain('<link rel="stylesheet" href="/site.css">');
    expect(page).toMatch(/<header class="site-header">[\s\S]*class="lang-switch" href="\/en\/"/);
    expect(page).toContain('<footer class="site-footer">');
    expect(page).not.toContain("(verplicht)");
    // No attachments were sent: nobody is asked to add them again.
    expect(page).not.toContain("opnieuw toe");
  });

  it("asks for the attachments again only when the post carried some", async () => {
    const body = new FormData();
    for (const [key, value] of Object.entries({ ...VALID, email: "eva@" }))
      body.set(key, String(value));
    body.set("attachments", new File(["factuur"], "factuur.pdf", { type: "application/pdf" }));
    const response = await h.post(body, {});
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain("Voeg je bijlagen opnieuw toe");
    expect(page).toMatch(/aria-describedby="field-attachments-hint field-attachments-again"/);
  });

  it.each([
    ["text/plain", "name=Eva", 415],
    ["application/xml", "<complaint/>", 415],
  ])("refuses content type %s", async (type, body, status) => {
    const response = await h.post(body, {
      headers: { "content-type": type, accept: "application/json" },
    });
    expect(response.status).toBe(status);
  });

  it.each([
    ["malformed JSON", "{name: Eva"],
    ["a JSON array", "[1,2]"],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ])("refuses %s with 400 naming the body", async (_name, body) => {
    const response = await h.post(body, { headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Record<string, string> }).errors.body).toMatch(
      /JSON/,
    );
  });

  it("refuses an oversize body with 413 before reading it all", async () => {
    const big = JSON.stringify({ ...VALID, description: "x".repeat(300 * 1024) });
    const response = await h.post(big, {
      headers: { "content-type": "application/json", accept: "application/json" },
    });
    expect(response.status).toBe(413);
    expect(h.files()).toEqual([]);
  });

  it("stores YAML, Markdown and HTML injection inertly and keeps letters clean", async () => {
    const attack = {
      ...VALID,
      name: 'Eva "<script>alert(1)</script>" Jansen: yes',
      summary: "status: closed\nid: KL-2026-9999",
      description:
        "---\nstatus: closed\n---\n## Oordeel\nverdict: founded\n~~~\n<img src=x onerror=alert(1)> [x](javascript:alert(1))",
    };
    const refused = await h.post(...json(attack));
    expect(refused.status).toBe(422);
    const accepted = await h.post(
      ...json({ ...attack, summary: "status: closed # {{handler.name}} **vet**" }),
    );
    expect(accepted.status).toBe(201);
    const text = h.show(ONE);
    expect(checkDossier(ONE, text, context).violations).toEqual([]);
    expect(splitDossier(text).data).toMatchObject({
      status: "received",
      summary: "status: closed # {{handler.name}} **vet**",
    });
    const ack = h.show("dossiers/2026/KL-2026-0001/correspondence/0001-acknowledgement.eml");
    const html = ack.slice(ack.indexOf("text/html"));
    expect(html).not.toMatch(/<script>|<img|javascript:alert/i);
    expect(ack).not.toContain("Sanne de Vries **vet**");
  });
});

describe("attachments", () => {
  const pdf = new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), 0, 1, 2, 3]);

  function multipart(
    files: [string, Uint8Array][],
    fields: Record<string, string> = VALID,
  ): FormData {
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) body.set(key, value);
    for (const [name, bytes] of files) body.append("attachments", new Blob([bytes]), name);
    return body;
  }

  it("stores them by content type under safe names", async () => {
    const response = await h.post(
      multipart([
        ["../../../etc/passwd.pdf", pdf],
        ["Factuur oktober (kopie).PDF", pdf],
      ]),
      {
        headers: { accept: "application/json" },
      },
    );
    expect(response.status).toBe(201);
    expect(h.files("dossiers/2026/KL-2026-0001/attachments/")).toEqual([
      "dossiers/2026/KL-2026-0001/attachments/01-passwd.pdf",
      "dossiers/2026/KL-2026-0001/attachments/02-Factuur-oktober-kopie.pdf",
    ]);
    expect(h.show(ONE)).toContain("- [01-passwd.pdf](attachments/01-passwd.pdf)");
  });

  it.each([
    [
      "a program disguised as a PDF",
      [["factuur.pdf", new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0])]],
      /kunnen we niet aannemen/,
    ],
    [
      "a file over 10 MB",
      [["groot.pdf", new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25)]],
      /te groot/,
    ],
    ["six files", Array.from({ length: 6 }, (_, i) => [`f${i}.pdf`, pdf]), /hooguit 5 bijlagen/],
  ] as [string, [string, Uint8Array][], RegExp][])(
    "refuses %s, naming attachments",
    async (_name, files, message) => {
      const response = await h.post(multipart(files), { headers: { accept: "application/json" } });
      expect(response.status).toBe(422);
      expect(
        ((await response.json()) as { errors: Record<string, string> }).errors.attachments,
      ).toMatch(message);
      expect(h.files()).toEqual([]);
    },
  );

  it("refuses a multipart body over the limit with 413", async () => {
    const files = Array.from(
      { length: 3 },
      (_, i) => [`f${i}.pdf`, new Uint8Array(8 * 1024 * 1024).fill(0x25)] as [string, Uint8Array],
    );
    const response = await h.post(multipart(files), { headers: { accept: "application/json" } });
    expect(response.status).toBe(413);
  });
});

describe("abuse and origins", () => {
  it("limits each client's rate with 429 and Retry-After", async () => {
    const limited = await createHarness({ burst: 2 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await limited.post(...json({ ...VALID, name: "" }))).status);
      expect(statuses).toEqual([422, 422, 429]);
      const last = await limited.post(...json(VALID));
      expect(last.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await limited.post(...json(VALID))).status).toBe(429);
      const other = await limited.post(json(VALID)[0], { ...json(VALID)[1], client: "10.0.0.2" });
      expect(other.status).toBe(201);
    } finally {
      limited.dispose();
    }
  });

  it("allows CORS only for the configured site origin", async () => {
    const [body, init] = json(VALID);
    const foreign = await h.post(body, {
      headers: { ...init.headers, origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    const site = await h.post(body, {
      headers: { ...init.headers, origin: "https://klachten.example.nl" },
    });
    expect(site.status).toBe(201);
    expect(site.headers.get("access-control-allow-origin")).toBe("https://klachten.example.nl");
    const same = await h.post(body, {
      headers: { ...init.headers, origin: "http://localhost:4321" },
    });
    expect(same.status).toBe(201);
    expect(same.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("when a store is down", () => {
  it("answers 503 with Retry-After and files nothing", async () => {
    const file = join(h.root, "not-a-directory");
    writeFileSync(file, "x");
    const broken = await createHarness({ store: createLocalGitStore({ dir: file }) });
    try {
      const response = await broken.post(...json(VALID));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      const page = await broken.post(...form(VALID));
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("klachten@interforce.eu");
    } finally {
      broken.dispose();
    }
  });
});
