import { execFileSync } from "node:child_process";
import { dossierData, dossierText, WRITTEN_JUDGEMENT } from "../support/dossiers.ts";
import type { TestRepo } from "../support/git-repo.ts";
import { CaseHistory, eml } from "../audit/case-history.ts";

export interface Person {
  name: string;
  email: string;
  summary: string;
  words: string;
}

/** A case from intake to closed, with a staff member heard and an attachment, at fixed dates. */
export function closedCase(
  repo: TestRepo,
  n: number,
  person: Person,
  staff: { name: string; email: string },
  closedOn: string,
): CaseHistory {
  const c = new CaseHistory(repo, n, undefined, {
    summary: person.summary,
    complainant: { name: person.name, email: person.email, phone: "+31 6 1234 567" + n },
  });
  c.text = dossierText(
    {
      ...dossierData(n),
      summary: person.summary,
      complainant: { name: person.name, email: person.email, phone: "+31 6 1234 567" + n },
    },
    person.words,
  );
  repo.write(
    `${c.folder}/attachments/01-${person.name.split(" ")[0]?.toLowerCase()}-loonstrook.pdf`,
    `%PDF-1.4 payslip of ${person.name}\n`,
  );
  c.intake("2026-11-24T09:13:06+01:00");
  // The acknowledgement as the complainant got it: their name, their address, their words.
  c.send(["acknowledgement", "new_case"], "2026-11-24T09:13:08+01:00", {}, (key, date) =>
    key === "acknowledgement" ? acknowledgement(person, c.id) : eml(key, date),
  );
  c.change(
    { status: "hearing", information: { complete: true }, staff_involved: [staff] },
    "2026-11-25T10:00:00+01:00",
    `${c.id}: ${person.name} belde, ${staff.name} horen\n\nDossier: ${c.id}\n`,
  );
  // The hearing request as dispatch commits it: addressed to the staff member.
  (c as unknown as { letters: number }).letters++;
  repo.write(c.copy(3, "hearing_request-5f1c2a7e"), hearingRequest(staff, c.id));
  c.change(
    { "staff_involved.0.informed_at": "2026-11-25T10:01:00+01:00" },
    "2026-11-25T10:01:00+01:00",
    `Letters for ${c.id}: hearing_request-5f1c2a7e\n\nDossier: ${c.id}\nCommitted-by: Docket\n`,
  );
  c.change(
    { "staff_involved.0.summary": `${staff.name} erkent de fout.` },
    "2026-11-26T10:00:00+01:00",
  );
  c.change({ status: "judged", judgement: WRITTEN_JUDGEMENT }, "2026-11-30T10:00:00+01:00");
  c.send(["judgement"], "2026-11-30T10:01:00+01:00");
  c.change(
    { status: "closed", closed_at: `${closedOn}T12:00:00+01:00` },
    `${closedOn}T12:00:00+01:00`,
  );
  return c;
}

/** Every blob's text in a repository, with the objects reachable from `ref` (or all objects). */
export function objectTexts(dir: string, ref?: string): string {
  const list = ref
    ? execFileSync("git", ["rev-list", "--objects", ref], { cwd: dir, encoding: "utf8" })
        .split("\n")
        .map((l) => l.split(" ")[0])
        .filter(Boolean)
        .join("\n")
    : execFileSync("git", ["cat-file", "--batch-all-objects", "--batch-check=%(objectname)"], {
        cwd: dir,
        encoding: "utf8",
      }).trim();
  // Trees hold file names, commits their messages: every object is read, not only blobs.
  return execFileSync("git", ["cat-file", "--batch"], {
    cwd: dir,
    input: `${list}\n`,
    encoding: "latin1",
    maxBuffer: 1 << 28,
  });
}

/** What only the letter to the complainant holds: a reference of their own, quoted back. */
export function letterOnly(person: Person): string {
  return `Referentie ${person.email.split("@")[0]}-brief`;
}

function acknowledgement(person: Person, id: string): string {
  const name = /^[\x20-\x7e]*$/.test(person.name)
    ? person.name
    : `=?UTF-8?B?${Buffer.from(person.name).toString("base64")}?=`;
  return [
    "Date: Tue, 24 Nov 2026 08:13:08 +0000",
    "From: Interforce Klachten <klachten@interforce.eu>",
    `To: ${name} <${person.email}>`,
    `Subject: Ontvangstbevestiging ${id}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    `Beste ${person.name},`,
    "",
    `Je schreef: ${person.words}`,
    `${letterOnly(person)}.`,
    "",
  ].join("\r\n");
}

function hearingRequest(staff: { name: string; email: string }, id: string): string {
  return [
    "Date: Wed, 25 Nov 2026 09:01:00 +0000",
    "From: Interforce Klachten <klachten@interforce.eu>",
    `To: ${staff.name} <${staff.email}>`,
    `Subject: Verzoek om reactie ${id}`,
    "MIME-Version: 1.0",
    "",
    `Beste ${staff.name}, graag je reactie.`,
    "",
  ].join("\r\n");
}
