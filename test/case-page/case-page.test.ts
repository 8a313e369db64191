import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import PostalMime from "postal-mime";
import { dispatch } from "../../automation/dispatch/dispatch.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StoreUnavailableError } from "../../automation/store/dossier-store.ts";
import { createLocalGitStore } from "../../automation/store/local-git-store.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { splitDossier } from "../../automation/domain/dossier-text.ts";
import { editFrontmatter } from "../../automation/domain/dossier-text.ts";
import { DOCKET_TRAILER } from "../../automation/domain/check-change.ts";
import { runDocket } from "../support/run-docket.ts";
import { createPageHarness, fileComplaint, type PageHarness } from "./case-page-support.ts";

let h: PageHarness;
beforeEach(async () => {
  h = await createPageHarness();
});
afterEach(() => h.dispose());

const git = (...args: string[]) => execFileSync("git", args, { cwd: h.repo, encoding: "utf8" });
const pathOf = (link: string) => new URL(link).pathname;
const status = (id: string) =>
  (splitDossier(h.show(`dossiers/2026/${id}/dossier.md`)).data as { status: string }).status;

describe("the complainant's page", () => {
  it("opens from the link in a real acknowledgement, with the status, terms, handler and letters", async () => {
    const id = await fileComplaint(h);
    const link = await h.linkFromAcknowledgement(id);
    expect(link).toMatch(
      /^https:\/\/klachten\.example\.nl\/zaak\/KL-2026-0001\/[A-Za-z0-9_-]{32}$/,
    );
    const response = await h.request(pathOf(link));
    expect(response.status).toBe(200);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-robots-tag")).toContain("noindex");
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain("Je klacht KL-2026-0001");
    expect(html).toContain("Ontvangen");
    expect(html).toContain("Sanne de Vries");
    expect(html).toContain("We hebben je klacht ontvangen (KL-2026-0001)");
    expect(html).toContain("dinsdag 1 december 2026");
    expect(html).toContain("Loopt nog");
    // The letter reads as it was received: with the working link, not the copy's mask.
    expect(html).toContain(link);
    expect(html).not.toMatch(/(?:src|href)="https?:\/\/(?!klachten\.example\.nl)/);
  });

  it("is in English under /en/case/ for an English complaint", async () => {
    const id = await fileComplaint(h, "en");
    const link = await h.linkFromAcknowledgement(id);
    expect(pathOf(link)).toMatch(/^\/en\/case\/KL-2026-0001\//);
    const html = await (await h.request(pathOf(link))).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Your complaint KL-2026-0001");
    expect(html).toContain("We have received your complaint");
  });

  it("keeps the link out of the repository and out of every log line", async () => {
    const id = await fileComplaint(h);
    const link = await h.linkFromAcknowledgement(id);
    const token = link.slice(link.lastIndexOf("/") + 1);
    await h.request(pathOf(link));
    // The complainant pastes their link into what they add, and into a text file they attach.
    const data = new FormData();
    data.append("text", `Mijn link, voor de zekerheid: ${link}`);
    data.append("submission_id", "page-test-link");
    data.append("attachments", new File([`Bewaard: ${link}\n`], "notitie.txt"));
    expect(
      (await h.request(`${pathOf(link)}/aanvullen`, { method: "POST", body: data })).status,
    ).toBe(303);
    await h.request(`${pathOf(link)}/intrekken`, {
      method: "POST",
      body: new URLSearchParams({ confirm: "yes" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(h.outboxFiles()).toContain(`${id}--withdrawal_confirmation.eml`);
    const everything = git("log", "--all", "-p", "--format=%B");
    expect(everything).toContain("acknowledgement");
    expect(everything).toContain("REMOVED-personal-link-not-in-git");
    expect(everything).toContain("Bewaard: ");
    expect(everything).not.toContain(token);
    // Every object in the repository's git directory, reachable or not, binary or not.
    const objects = execFileSync("git", ["cat-file", "--batch-all-objects", "--batch"], {
      cwd: h.repo,
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(objects.includes("REMOVED-personal-link-not-in-git")).toBe(true);
    expect(objects.includes(token)).toBe(false);
    expect(h.logs.join("\n")).not.toContain(token);
  });

  it("keeps the link out of a preview of the letters (a pull request's comment, the desk)", async () => {
    const id = await fileComplaint(h);
    const link = await h.linkFromAcknowledgement(id);
    const token = link.slice(link.lastIndexOf("/") + 1);
    const path = `dossiers/2026/${id}/dossier.md`;
    await h.store.commit({
      message: "Information is missing",
      edits: [
        {
          path,
          edit: (t) =>
            editFrontmatter(t, (doc) =>
              doc.set("information", { complete: false, request: "De urenstaat van oktober." }),
            ),
        },
      ],
    });
    const preview = await dispatch(h.dispatchDeps, { dryRun: true, only: [path] });
    const letter = preview.sent.find((s) => s.letter === "information_request");
    expect(letter?.text).toContain("De urenstaat van oktober.");
    expect(letter?.text).toContain("REMOVED-personal-link-not-in-git");
    expect(letter?.text).not.toContain(token);
    // The letter itself carries the working link.
    await dispatch(h.dispatchDeps, { only: [path] });
    const sent = h.outboxFiles().find((f) => f.startsWith(`${id}--information_request`)) ?? "";
    const mail = await PostalMime.parse(readFileSync(join(h.outbox, sent)));
    expect(mail.text).toContain(link);
  });
});

describe("a link that opens nothing", () => {
  /** Everything a client sees of an answer: status, every header and the body. */
  const answer = async (path: string) => {
    const r = await h.request(path);
    return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.text() };
  };
  const revoke = (id: string, pageLink: Record<string, unknown>) => {
    const path = `dossiers/2026/${id}/dossier.md`;
    return h.store.commit({
      message: "Revoke the page link",
      edits: [{ path, edit: (t) => editFrontmatter(t, (doc) => doc.set("page_link", pageLink)) }],
    });
  };

  it("gets one answer for a guessed, altered, truncated or revoked link and an unknown id", async () => {
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const token = link.slice(link.lastIndexOf("/") + 1);
    const flipped = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    const good = await h.request(link);
    expect(good.status).toBe(200);
    const wrong = [
      `/zaak/${id}/${"A".repeat(32)}`,
      `/zaak/${id}/${flipped}`,
      `/zaak/${id}/${token.slice(0, 31)}`,
      `/zaak/${id}/${token.slice(0, 16)}`,
      `/zaak/${id}/${token}x`,
      `/zaak/${id}/`,
      `/zaak/KL-2026-0999/${token}`,
      `/zaak/KL-2025-0001/${token}`,
      `/zaak/kl-2026-0001/${token}`,
      `/zaak/${id}`,
      `/zaak/../../etc/passwd`,
      `/zaak/${id}/${token}/iets`,
      `/zaak/${id}/${token}/withdraw`,
    ];
    const nl = await Promise.all(wrong.map(answer));
    for (const [i, a] of nl.entries()) expect(a, wrong[i]).toEqual(nl[0]);
    expect(nl[0]?.status).toBe(404);
    expect(nl[0]?.body).toContain("Deze link werkt niet");
    expect(nl[0]?.headers["referrer-policy"]).toBe("no-referrer");
    expect(nl[0]?.headers["cache-control"]).toBe("no-store");
    expect(nl[0]?.headers["x-robots-tag"]).toContain("noindex");
    expect(nl[0]?.body).toContain('<meta name="robots" content="noindex">');
    expect(nl[0]?.body).not.toContain(id);
    // In English the same, in English words.
    const english = [
      `/en/case/${id}/${flipped}`,
      `/en/case/KL-2026-0999/${token}`,
      `/en/case/${id}/${token}/intrekken`,
    ];
    const en = await Promise.all(english.map(answer));
    for (const [i, a] of en.entries()) expect(a, english[i]).toEqual(en[0]);
    expect(en[0]?.status).toBe(404);
    expect(en[0]?.body).toContain('<html lang="en">');

    // Revoked: the handler raises the generation; the old link now answers as an unknown one.
    await revoke(id, { generation: 2 });
    expect(await answer(link), "a link of an earlier generation").toEqual(nl[0]);
    const current = pathOf(h.links.url({ id, language: "nl", page_link: { generation: 2 } }) ?? "");
    expect((await h.request(current)).status).toBe(200);
    // Or turns the page off: the link that worked a moment ago answers as an unknown one too.
    await revoke(id, { generation: 2, revoked: true });
    expect(await answer(current), "a revoked link").toEqual(nl[0]);
  });

  it("takes about as long as one that opens nothing for another reason", async () => {
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const token = link.slice(link.lastIndexOf("/") + 1);
    const second = await fileComplaint(h);
    const revokedLink = pathOf(await h.linkFromAcknowledgement(second));
    await revoke(second, { revoked: true });
    const time = async (path: string) => {
      const start = performance.now();
      await h.request(path);
      return performance.now() - start;
    };
    const kinds = {
      guessed: `/zaak/${id}/${"B".repeat(32)}`,
      altered: `/zaak/${id}/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
      truncated: `/zaak/${id}/${token.slice(0, 20)}`,
      revoked: revokedLink,
      "unknown id": `/zaak/KL-2026-0999/${token}`,
      "not an id": `/zaak/KL-20x6-0001/${token}`,
    };
    for (const path of Object.values(kinds)) await time(path); // warm up
    // Taken in turns, so that a busy moment of the machine falls on every kind alike.
    const times = new Map<string, number[]>(Object.keys(kinds).map((k) => [k, []]));
    for (let i = 0; i < 15; i++) {
      for (const [kind, path] of Object.entries(kinds)) times.get(kind)?.push(await time(path));
    }
    const medians = [...times].map(([kind, t]) => [kind, t.sort((a, b) => a - b)[7] ?? 0] as const);
    const fastest = Math.min(...medians.map(([, m]) => m));
    // The same work on every path: one store read, one parse, one HMAC. Generous bounds for a shared machine.
    for (const [kind, median] of medians) {
      expect(
        median / fastest,
        `${kind}: ${medians.map((m) => m.join(" ")).join(", ")}`,
      ).toBeLessThan(3);
    }
  });

  it("is rate-limited per client when repeated", async () => {
    h.dispose();
    h = await createPageHarness({ wrongBurst: 3 });
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const guesses = [];
    for (let i = 0; i < 5; i++) {
      guesses.push(
        (await h.request(`/zaak/${id}/${String(i).repeat(32)}`, { client: "198.51.100.9" })).status,
      );
    }
    expect(guesses).toEqual([404, 404, 404, 404, 429]);
    // Even the right link waits, from that client; another client is not affected.
    const blocked = await h.request(link, { client: "198.51.100.9" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await h.request(link, { client: "192.0.2.50" })).status).toBe(200);
  });
});

describe("withdrawing", () => {
  it("asks to confirm, then commits withdrawn as Docket and sends the confirmation and the handler's notice, once", async () => {
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const unconfirmed = await h.request(`${link}/intrekken`, { method: "POST" });
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get("location")).toBe(`${link}/intrekken`);
    expect(status(id)).toBe("received");
    const confirm = await h.request(`${link}/intrekken`);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain("Wil je je klacht KL-2026-0001 intrekken?");
    expect(status(id)).toBe("received");

    const post = () =>
      h.request(`${link}/intrekken`, {
        method: "POST",
        body: new URLSearchParams({ confirm: "yes" }),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "https://klachten.example.nl",
        },
      });
    const first = await post();
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`${link}?done=withdrawn`);
    expect(status(id)).toBe("withdrawn");
    const message = git("log", "-1", "--format=%B", "--", `dossiers/2026/${id}/dossier.md`);
    expect(message).toContain(DOCKET_TRAILER);
    expect(message).toContain(`Dossier: ${id}`);
    expect(h.outboxFiles()).toEqual(
      expect.arrayContaining([
        `${id}--withdrawal_confirmation.eml`,
        `${id}--withdrawal_notice.eml`,
      ]),
    );
    const commits = git("rev-list", "--count", "main");
    const outbox = h.outboxFiles().length;

    const again = await post();
    expect(again.status).toBe(303);
    expect(git("rev-list", "--count", "main")).toBe(commits);
    expect(h.outboxFiles()).toHaveLength(outbox);

    // The audit judges every commit with the same rules: the page's commits break none.
    const audit = await runDocket([
      "audit",
      "--repo",
      h.repo,
      "--json",
      "--now",
      "2026-12-01T12:00:00+01:00",
    ]);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);

    const after = await (await h.request(`${link}?done=withdrawn`)).text();
    expect(after).toContain("Je klacht is ingetrokken");
    expect(after).toContain("Je klacht is ingetrokken (KL-2026-0001)");
    expect(after).not.toContain("Informatie toevoegen");
  });

  it("refuses a post from another site", async () => {
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const response = await h.request(`${link}/intrekken`, {
      method: "POST",
      body: new URLSearchParams({ confirm: "yes" }),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
      },
    });
    expect(response.status).toBe(403);
    expect(status(id)).toBe("received");
  });
});

describe("adding information", () => {
  const attachment = () =>
    new File([Buffer.from("%PDF-1.4\n% urenstaat\n")], "urenstaat oktober.pdf", {
      type: "application/pdf",
    });
  const addForm = (fields: Record<string, string>, file = true) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    if (file) data.append("attachments", attachment());
    return data;
  };

  it("files the text and the attachment on the dossier as the complainant's reply, once", async () => {
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const post = () =>
      h.request(`${link}/aanvullen`, {
        method: "POST",
        body: addForm({
          text: "De urenstaat van oktober zit erbij.",
          submission_id: "page-test-0001",
        }),
      });
    const first = await post();
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`${link}?done=added`);
    const files = h.files(`dossiers/2026/${id}/`);
    const received = files.filter(
      (f) => f.includes("/correspondence/") && f.includes("-received-reply-"),
    );
    expect(received).toHaveLength(1);
    expect(files).toContain(`dossiers/2026/${id}/attachments/01-urenstaat-oktober.pdf`);
    const eml = h.show(received[0] ?? "");
    expect(eml).toMatch(/^From: Eva Jansen <eva\.jansen@example\.nl>$/m);
    expect(eml).toMatch(/^To: klachten\+KL-2026-0001@interforce\.eu$/m);
    expect(eml).toMatch(/^In-Reply-To: <KL-2026-0001@interforce\.eu>$/m);
    expect(eml).toContain("De urenstaat van oktober zit erbij.");
    // The handler hears of it as of any mail received.
    expect(h.outboxFiles().some((f) => f.startsWith(`${id}--mail_received`))).toBe(true);

    const commits = git("rev-list", "--count", "main");
    const outbox = h.outboxFiles();
    expect(outbox.filter((f) => f.startsWith(`${id}--mail_received`))).toHaveLength(1);
    // A double click or a reload posts the same form again: nothing filed, nothing sent twice.
    const again = await post();
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`${link}?done=added`);
    expect(git("rev-list", "--count", "main")).toBe(commits);
    expect(h.outboxFiles()).toEqual(outbox);
    const page = await (await h.request(`${link}?done=added`)).text();
    expect(page).toContain("Dank je wel. Je aanvulling staat in je dossier");
  });

  it("keeps what was typed and names the field when something is wrong", async () => {
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const data = new FormData();
    data.append("text", "Hier de foto <script>alert(1)</script>");
    data.append("submission_id", "page-test-0002");
    data.append("attachments", new File([Buffer.from("MZ\x90\x00 not a document")], "virus.exe"));
    const response = await h.request(`${link}/aanvullen`, { method: "POST", body: data });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain("Hier de foto &#60;script&#62;alert(1)&#60;/script&#62;");
    expect(html).toContain("virus.exe kunnen we niet aannemen");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="page-test-0002"');
    expect(h.files(`dossiers/2026/${id}/correspondence/`).some((f) => f.includes("received"))).toBe(
      false,
    );

    const empty = await h.request(`${link}/aanvullen`, {
      method: "POST",
      body: addForm({ text: "  ", submission_id: "page-test-0003" }, false),
    });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Vul dit veld in.");

    // More than the body may hold is refused with its files unread: the error named, the text kept.
    const large = addForm(
      { text: "Te groot, maar «bewaard».\r\nTweede regel.", submission_id: "page-test-0004" },
      false,
    );
    large.append("attachments", new File([Buffer.alloc(22 * 1024 * 1024, 1)], "groot.pdf"));
    for (const declared of [false, true]) {
      const encoded = new Response(large);
      const type = encoded.headers.get("content-type") ?? "";
      const body = new Uint8Array(await encoded.arrayBuffer());
      const refused = await h.request(`${link}/aanvullen`, {
        method: "POST",
        body,
        headers: {
          "content-type": type,
          ...(declared ? { "content-length": String(body.length) } : {}),
        },
      });
      expect(refused.status).toBe(413);
      const page = await refused.text();
      expect(page).toContain('href="#field-attachments"');
      expect(page).toContain("20 MB");
      expect(page).toContain("Te groot, maar «bewaard».\r\nTweede regel.</textarea>");
      expect(page).toContain('value="page-test-0004"');
    }
  });

  it("keeps what was typed and asks to try again when the repository cannot be reached", async () => {
    h.dispose();
    const root = mkdtempSync(join(tmpdir(), "docket-flaky-"));
    const real = createLocalGitStore({ dir: join(root, "repo") });
    let down = false;
    const unavailable = () => {
      throw new StoreUnavailableError("the repository is down", { retryAfterSeconds: 42 });
    };
    const flaky = {
      ...real,
      kind: real.kind,
      location: real.location,
      fileDossier: (intake: Parameters<typeof real.fileDossier>[0]) => real.fileDossier(intake),
      commit: (change: Parameters<typeof real.commit>[0]) =>
        down ? Promise.reject(unavailable()) : real.commit(change),
    };
    h = await createPageHarness({ store: flaky });
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    down = true;
    const data = new FormData();
    data.append("text", "Mijn aanvulling, niet kwijtraken.");
    data.append("submission_id", "page-test-0009");
    const added = await h.request(`${link}/aanvullen`, { method: "POST", body: data });
    expect(added.status).toBe(503);
    expect(added.headers.get("retry-after")).toBe("42");
    const page = await added.text();
    expect(page).toContain("Mijn aanvulling, niet kwijtraken.");
    expect(page).toContain("wat je hebt ingevuld staat er nog");
    const withdrawn = await h.request(`${link}/intrekken`, {
      method: "POST",
      body: new URLSearchParams({ confirm: "yes" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(withdrawn.status).toBe(503);
    const path = `dossiers/2026/${id}/dossier.md`;
    expect((await real.read([path])).get(path)).toMatch(/^status: received$/m);
    expect(h.logs.join("\n")).toContain(`withdrawal of ${id} not saved`);
    rmSync(root, { recursive: true, force: true });
  });

  it("is rate-limited per client, keeping what was typed", async () => {
    h.dispose();
    h = await createPageHarness({ actionBurst: 1 });
    const id = await fileComplaint(h);
    const link = pathOf(await h.linkFromAcknowledgement(id));
    const post = (text: string) => {
      const data = new FormData();
      data.append("text", text);
      data.append("submission_id", `page-rate-${text.length}0000`);
      return h.request(`${link}/aanvullen`, { method: "POST", body: data });
    };
    expect((await post("Eerste aanvulling.")).status).toBe(303);
    const second = await post("Tweede aanvulling, te snel.");
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    const page = await second.text();
    expect(page).toContain("Tweede aanvulling, te snel.");
    expect(page).toContain("Probeer het over een paar minuten opnieuw.");
    const withdraw = await h.request(`${link}/intrekken`, {
      method: "POST",
      body: new URLSearchParams({ confirm: "yes" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(withdraw.status).toBe(429);
    expect(status(id)).toBe("received");
  });
});
