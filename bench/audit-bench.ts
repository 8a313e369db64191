// The audit benchmark: a dossier repository with a long history, written with ONE `git fast-import`
// (not a `git commit` per step), then `docket audit --json` and `--out` timed in fresh processes.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createCalendar, localDate } from "../automation/domain/calendar.ts";
import { renderDossierBody } from "../automation/domain/complaint-section.ts";
import { computeTerms, DEFAULT_POLICY } from "../automation/domain/terms.ts";
import { measure } from "./measure.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const calendar = createCalendar({});
const DOCKET = "Docket <docket@localhost>";
const HANDLERS = ["Sanne de Vries <sanne@example.nl>", "Joris Bakker <joris@example.nl>"];
const CATEGORIES = ["service", "invoice", "conduct", "assignment", "privacy", "other"];

type File = { path: string; yaml: string; note?: string } | { path: string; letter: string };
type Step = { n: number; time: number; author: string; message: string; files: File[] };

/** Frontmatter as YAML: block mappings, sequences of mappings, JSON-quoted strings. */
function yaml(value: Record<string, unknown>, indent = ""): string {
  let out = "";
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      out += `${indent}${key}:\n`;
      for (const item of v) out += `${indent}  - ${yaml(item, `${indent}    `).trimStart()}`;
    } else if (v !== null && typeof v === "object") {
      out += `${indent}${key}:\n${yaml(v as Record<string, unknown>, `${indent}  `)}`;
    } else out += `${indent}${key}: ${typeof v === "string" ? JSON.stringify(v) : String(v)}\n`;
  }
  return out;
}

/** Ten commits of one case, deterministic in `n`; receipts spread evenly over `years` up to 2027. */
export function caseSteps(n: number, count: number, years: number): Step[] {
  const t0 = Date.UTC(2027 - years, 0, 2, 8) + Math.floor((n * years * 365 * DAY) / count);
  const receivedAt = new Date(t0).toISOString().replace(/\.\d{3}Z$/, "Z");
  const year = localDate(receivedAt, "Europe/Amsterdam").slice(0, 4);
  const id = `KL-${year}-${String(n + 1).padStart(5, "0")}`;
  const folder = `dossiers/${year}/${id}`;
  const handler = HANDLERS[n % 2] ?? DOCKET;
  const v = n % 10;
  const d: Record<string, unknown> = {
    id,
    schema: 1,
    received_at: receivedAt,
    channel: n % 5 === 0 ? "email" : "web",
    language: n % 3 === 0 ? "en" : "nl",
    status: "received",
    summary: `Klacht ${n + 1} over de dienstverlening`,
    category: CATEGORIES[n % CATEGORIES.length],
    complainant: { name: `Klant ${n}`, email: `klant${n}@example.nl`, prefers_meeting: false },
    handler: { name: "Sanne de Vries", email: "sanne.devries@example.nl" },
    terms: computeTerms(receivedAt, DEFAULT_POLICY, calendar, "Europe/Amsterdam"),
  };
  const steps: Step[] = [];
  let letters = 0;
  let note: string | undefined;
  const at = (hours: number) => t0 + hours * HOUR;
  const edit = (hours: number, fields: Record<string, unknown>, who = handler) => {
    Object.assign(d, fields);
    steps.push({
      n,
      time: at(hours),
      author: who,
      message: `${id}: ${Object.keys(fields).join(", ")}\n\nDossier: ${id}\n`,
      files: [{ path: `${folder}/dossier.md`, yaml: yaml(d), ...(note ? { note } : {}) }],
    });
  };
  const send = (hours: number, keys: string[], fields: Record<string, unknown> = {}) => {
    Object.assign(d, fields);
    const files: File[] = keys.map((key) => ({
      path: `${folder}/correspondence/${String(++letters).padStart(4, "0")}-${key}.eml`,
      letter: key,
    }));
    if (Object.keys(fields).length > 0)
      files.push({ path: `${folder}/dossier.md`, yaml: yaml(d), ...(note ? { note } : {}) });
    steps.push({
      n,
      time: at(hours),
      author: DOCKET,
      message: `Letters for ${id}: ${keys.join(", ")}\n\nDossier: ${id}\nCommitted-by: Docket\n`,
      files,
    });
  };
  const stamp = (hours: number) => new Date(at(hours)).toISOString().replace(/\.\d{3}Z$/, "Z");
  edit(0.001, {}, DOCKET);
  const intake = steps[0];
  if (intake)
    intake.message = `Intake ${id}: ${String(d.summary)}\n\nChannel: web\nDossier: ${id}\nCommitted-by: Docket\n`;
  send(0.002, ["acknowledgement", "new_case"]);
  const judgedAfter = v === 9 ? 240 : 100; // every tenth case is judged late
  if (v === 1 || v === 6) {
    edit(20, {
      status: "in_progress",
      information: { complete: false, request: "Het factuurnummer." },
    });
    send(20.1, ["information_request"], {
      information: { ...(d.information as object), requested_at: stamp(20.1) },
    });
    edit(50, {
      information: { ...(d.information as object), complete: true, received_at: stamp(50) },
    });
    const newDate = calendar.addWorkingDays(
      (d.terms as { judgement_due: string }).judgement_due,
      5,
    );
    edit(60, { delay: { reason: "Meer tijd nodig voor het onderzoek.", new_date: newDate } });
    send(60.1, [`delay_notice-${newDate}`]);
  } else {
    edit(24 * (1 + (v % 3)), { status: "in_progress", information: { complete: true } });
    note = `\nOnderzoek: urenstaat van zaak ${n} opgevraagd.\n`;
    edit(75, {});
    const staff = { name: "Piet Smit", email: "piet.smit@example.nl" };
    edit(76, { status: "hearing", staff_involved: [staff] });
    send(76.1, ["hearing_request-5f1c2a7e"], {
      staff_involved: [{ ...staff, informed_at: stamp(76.1) }],
    });
  }
  const staffDone = (d.staff_involved as object[] | undefined)?.map((s) => ({
    ...s,
    summary: "Piet erkent de fout.",
  }));
  if (staffDone) edit(judgedAfter - 10, { staff_involved: staffDone });
  if (v === 7) {
    // Every tenth case is withdrawn after a reminder, in as many commits as the others.
    send(judgedAfter - 5, [`reminder-judgement-${stamp(judgedAfter - 5).slice(0, 10)}`]);
    note = `${note ?? ""}\nDe klant overweegt de klacht in te trekken.\n`;
    edit(judgedAfter - 1, {});
    edit(judgedAfter, { status: "withdrawn", closed_at: stamp(judgedAfter) });
    return steps;
  }
  const judgement = {
    form: "written",
    date: stamp(judgedAfter).slice(0, 10),
    findings: "De uren zijn dubbel geboekt.",
    verdict: ["founded", "partly_founded", "unfounded"][n % 3],
    reasoning: "De urenstaat toont minder uren.",
    follow_up: "Je ontvangt een creditfactuur.",
    further_contact: "Mail je behandelaar.",
  };
  edit(judgedAfter, { status: "judged", judgement });
  send(judgedAfter + 0.1, ["judgement"]);
  const closeAfter = v === 8 ? 40 * 24 : 14 * 24; // every tenth case closes after its month
  edit(closeAfter, { status: "closed", closed_at: stamp(closeAfter) });
  return steps;
}

function eml(key: string, time: number, n: number): string {
  const html = `<p>Beste klant ${n},</p>\n<p>Dit is de brief ${key}.</p>\n`.repeat(12);
  return `Date: ${new Date(time).toUTCString().replace("GMT", "+0000")}\r\nFrom: Interforce Klachten <klachten@interforce.eu>\r\nTo: Klant ${n} <klant${n}@example.nl>\r\nSubject: ${key}\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`;
}

/** Writes `count` cases of about ten commits each to a new bare repository `dir`; returns the commits. */
export async function writeHistory(dir: string, count: number, years: number): Promise<number> {
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", dir]);
  const steps: Step[] = [];
  for (let n = 0; n < count; n++) for (const step of caseSteps(n, count, years)) steps.push(step);
  steps.sort((a, b) => a.time - b.time || a.n - b.n);
  const child = spawn("git", ["fast-import", "--quiet", "--done"], {
    cwd: dir,
    stdio: ["pipe", "ignore", "inherit"],
  });
  const closed = once(child, "close");
  let pending = "";
  const flush = async () => {
    if (!child.stdin.write(pending)) await once(child.stdin, "drain");
    pending = "";
  };
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const commit = async (time: number, author: string, message: string, files: string) => {
    const who = `${author} ${Math.floor(time / 1000)} +0000`;
    pending += `commit refs/heads/main\nauthor ${who}\ncommitter ${who}\n${data(message)}${files}\n`;
    if (pending.length > 1 << 20) await flush();
  };
  await commit(
    Date.UTC(2027 - years, 0, 1),
    DOCKET,
    "Dossier repository created by Docket\n",
    `M 100644 inline dossiers/README.md\n${data("Dossiers.\n")}`,
  );
  for (const step of steps) {
    const body = renderDossierBody(
      `Op mijn factuur staan uren die niet gewerkt zijn.\n\nZaak ${step.n}.`,
    );
    const files = step.files.map((f) => {
      const content =
        "yaml" in f
          ? `---\n${f.yaml}---\n\n${body}${f.note ?? ""}`
          : eml(f.letter, step.time, step.n);
      return `M 100644 inline ${f.path}\n${data(content)}`;
    });
    await commit(step.time, step.author, step.message, files.join(""));
  }
  pending += "done\n";
  await flush();
  child.stdin.end();
  if ((await closed)[0] !== 0) throw new Error("git fast-import failed");
  return steps.length + 1;
}

/** `npm run bench`'s audit suite: the time to write the history, then to audit it (median of `runs`). */
export async function benchAudit(count: number, years: number, runs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "docket-audit-bench-"));
  try {
    const repo = join(dir, "repo.git");
    const start = performance.now();
    const commits = await writeHistory(repo, count, years);
    console.log(
      `audit: ${count} dossiers received over ${years} years, ${commits} commits written with git fast-import in ${(performance.now() - start).toFixed(0)} ms`,
    );
    const suites: [string, string[]][] = [
      [`audit --json, ${count} dossiers, ${commits} commits`, ["--json"]],
      [`audit --out, ${count} dossiers, ${commits} commits`, ["--out", join(dir, "audit.html")]],
    ];
    for (const [name, extra] of suites) {
      const results = Array.from({ length: runs }, () =>
        measure(["audit", "--repo", repo, "--now", "2027-03-01T12:00:00+01:00", ...extra]),
      );
      if (results.some((r) => r.code !== 0))
        throw new Error(`${name}: exit codes ${results.map((r) => r.code).join(", ")}`);
      const median = (values: number[]) =>
        values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
      const cell = (n: number, width: number) => n.toFixed(0).padStart(width);
      console.log(
        `${name.padEnd(44)} ${cell(median(results.map((r) => r.wallMs)), 6)} ms wall` +
          ` ${cell(median(results.map((r) => r.ms)), 6)} ms in command` +
          ` ${cell(Math.max(...results.map((r) => r.maxRssMiB)), 5)} MiB peak RSS`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
