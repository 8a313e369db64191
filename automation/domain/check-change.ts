import type { WorkingCalendar } from "./calendar.ts";
import { changeRules } from "./case-transitions.ts";
import { checkDossier, type CheckedDossier, type RuleContext } from "./check-dossier.ts";
import { computeTerms, type TermPolicy } from "./terms.ts";
import type { Violation } from "./violation.ts";
import { formatPath } from "./yaml-locate.ts";
import { dossierPart } from "./dossier-layout.ts";

/** One file changed between a base ref and the dossiers being checked. */
export interface FileChange {
  kind: "added" | "modified" | "deleted";
  path: string;
  /** Text at the base (modified, deleted dossiers). */
  before?: string;
  /** Text now (added, modified dossiers). */
  after?: string;
}

export interface ChangeContext extends RuleContext {
  policy: TermPolicy;
  calendar: WorkingCalendar;
}

/** Who made a change, and when: the rules of a change depend on both. */
export interface ChangeMoment {
  /** The time of the change: a judgement is not dated after it. */
  now: Date;
  /** Only Docket's own commits add to `correspondence/`. */
  by: "person" | "docket";
}

/**
 * The trailer every commit Docket makes itself carries (intake, letters sent):
 * the audit counts a copy in `correspondence/` only when such a commit, not a
 * merge, added it.
 */
export const DOCKET_TRAILER = "Committed-by: Docket";

/**
 * The one judgement of a change to a file under `dossiers/`, shared by
 * `docket validate --base` (pull requests), the embedded repository's push
 * check and `docket audit`: for a dossier, every rule its new version must
 * meet on its own and as a step from the version before; for letters and
 * attachments, that nothing is changed or deleted, and that only Docket adds
 * letters. Pure.
 */
export function checkChange(
  change: FileChange,
  context: ChangeContext,
  moment: ChangeMoment,
): Violation[] {
  const { kind, path: file } = change;
  const part = dossierPart(file);
  if (part?.kind === "correspondence") {
    if (kind !== "added") {
      return [
        fileViolation(
          file,
          "correspondence",
          `a copy of a letter in correspondence/ was ${kind}; copies never change: restore it from main`,
        ),
      ];
    }
    if (moment.by === "person") {
      return [
        fileViolation(
          file,
          "correspondence",
          "only Docket adds files to correspondence/ (it does so for every letter it sends and every mail it receives); remove this file. To note a letter or call of your own, write it under ## Onderzoek",
        ),
      ];
    }
    return [];
  }
  if (part?.kind === "attachment") {
    return kind === "added"
      ? []
      : [
          fileViolation(
            file,
            "attachments",
            `an attachment was ${kind}; attachments never change: restore it from main`,
          ),
        ];
  }
  if (part?.kind !== "dossier") return [];
  if (kind === "deleted") {
    return [
      fileViolation(
        file,
        "deleted",
        "dossiers are never deleted or moved; restore this file (to end a case, set status: closed or withdrawn)",
      ),
    ];
  }
  const after = checkDossier(file, change.after ?? "", context, moment.now);
  const before =
    kind === "modified" ? checkDossier(file, change.before ?? "", context, moment.now) : undefined;
  return [...after.violations, ...stepViolations(before, after, context)];
}

/**
 * The rules of the step from one version of a dossier to the next, both
 * already checked on their own (`checkDossier`); `before` is undefined for a
 * new dossier. What the versions break on their own is not repeated here.
 */
function stepViolations(
  before: CheckedDossier | undefined,
  after: CheckedDossier,
  context: ChangeContext,
): Violation[] {
  const now = after.dossier;
  if (!now) return [];
  const file = after.file;
  const violations: Violation[] = [];
  const at = (path: PropertyKey[], rule: Violation["rule"], message: string) =>
    violations.push({ file, line: after.lineOf(path), field: formatPath(path), rule, message });

  if (!before) {
    const expected = computeTerms(
      now.received_at,
      context.policy,
      context.calendar,
      context.timeZone,
    );
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      if (now.terms[key] !== expected[key]) {
        at(
          ["terms", key],
          "terms",
          `for received_at ${now.received_at} the policy gives ${expected[key]}, not ${now.terms[key]}`,
        );
      }
    }
  }
  const was = before?.dossier;
  for (const finding of changeRules(was, now))
    at(finding.path as PropertyKey[], finding.rule, finding.message);
  if (!was) return violations;

  const unchanged: [PropertyKey[], unknown, unknown][] = [
    [["id"], was.id, now.id],
    [["received_at"], was.received_at, now.received_at],
    [["channel"], was.channel, now.channel],
    [["terms", "information_due"], was.terms.information_due, now.terms.information_due],
    [["terms", "judgement_due"], was.terms.judgement_due, now.terms.judgement_due],
    [["terms", "resolution_due"], was.terms.resolution_due, now.terms.resolution_due],
    // Only Docket's erasure writes it, into every version at once: a change never adds or alters it.
    [["erasure"], JSON.stringify(was.erasure ?? null), JSON.stringify(now.erasure ?? null)],
  ];
  for (const [path, old, value] of unchanged) {
    if (old !== value) {
      at(
        path,
        "immutable",
        path[0] === "erasure"
          ? "erasure is written only by docket retention and docket erase, never in a change; restore it as it is on main"
          : `${formatPath(path)} never changes; it was ${String(old)}, restore that value`,
      );
    }
  }
  if (before.complaint && after.complaint?.text !== before.complaint.text) {
    violations.push({
      file,
      line: after.complaint?.line ?? 1,
      rule: "immutable",
      message:
        "the complainant's words under ## Klacht never change; restore them from main (add notes under ## Onderzoek)",
    });
  }
  return violations;
}

function fileViolation(file: string, rule: Violation["rule"], message: string): Violation {
  return { file, line: 1, rule, message };
}
