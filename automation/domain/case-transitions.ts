import { FINAL_STATUSES, OPEN_STATUSES, type RuleFinding } from "./case-rules.ts";
import type { Dossier, Status } from "./dossier-schema.ts";
import { formatPath } from "./yaml-locate.ts";

/**
 * Whether a case may go from one status to another in one change, and if
 * not, what the handler can do instead. A handler never meets a dead end:
 *
 * - between the open statuses (received, in_progress, awaiting_information,
 *   hearing) any way, except back to received;
 * - from an open status to judged; from judged back to in_progress (the
 *   position is reconsidered) or on to closed;
 * - to withdrawn from any status but closed; nothing leaves closed or withdrawn.
 */
export function transitionProblem(from: Status, to: Status): string | undefined {
  if (from === to) return undefined;
  if (FINAL_STATUSES.has(from)) {
    return `the case is ${from}, and nothing changes a ${from} case: a complainant who wants to go on files a new complaint`;
  }
  if (to === "withdrawn") return undefined;
  if (to === "received") {
    return `a case never goes back to received; to carry it on, set status: in_progress`;
  }
  if (OPEN_STATUSES.has(from)) {
    if (OPEN_STATUSES.has(to) || to === "judged") return undefined;
    return `a case is judged before it is closed: set status: judged with the judgement first, then closed`;
  }
  // from judged
  if (to === "in_progress" || to === "closed") return undefined;
  return `from judged a case goes back to in_progress (to reconsider the position) or on to closed, not to ${to}`;
}

/** Whether `transitionProblem` allows the step. */
export function isAllowedTransition(from: Status, to: Status): boolean {
  return transitionProblem(from, to) === undefined;
}

/** Statuses a case may not enter while possible liability waits for the insurer (§1.5). */
const AFTER_INSURER: ReadonlySet<Status> = new Set(["hearing", "judged", "closed"]);

/**
 * The gates of a change (§1.4, §1.5), checked on the step from `before` (the
 * version on main; undefined for a new dossier) to `after`, so that a flag
 * raised mid-case never makes the current status illegal. Pure.
 */
export function changeRules(before: Dossier | undefined, after: Dossier): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (before) {
    const problem = transitionProblem(before.status, after.status);
    if (problem) findings.push({ rule: "transition", path: ["status"], message: problem });
  }

  const waiting = after.liability?.possible === true && !after.liability.insurer_consulted_at;
  if (waiting && AFTER_INSURER.has(after.status) && after.status !== before?.status) {
    findings.push({
      rule: "insurer_gate",
      path: ["status"],
      message:
        `status ${after.status} must wait: liability.possible is true and the insurer has not been consulted yet. ` +
        `Keep the status as it is until you fill in liability.insurer_consulted_at (§1.5)`,
    });
  }
  const was = before?.liability;
  if (was?.possible && !was.insurer_consulted_at) {
    const now = after.liability;
    if (!now) {
      findings.push({
        rule: "insurer_gate",
        path: ["liability"],
        message:
          "the liability block cannot be removed while the insurer has not been consulted: keep it, and fill in liability.insurer_consulted_at after consulting the insurer (§1.5)",
      });
    } else if (!now.possible && !now.insurer_consulted_at) {
      findings.push({
        rule: "insurer_gate",
        path: ["liability", "possible"],
        message:
          "liability.possible cannot go back to false before the insurer is consulted: fill in liability.insurer_consulted_at together with it (§1.5)",
      });
    }
  }
  if (
    was?.insurer_informed_at &&
    after.liability?.insurer_informed_at !== was.insurer_informed_at
  ) {
    findings.push(recordChanged(["liability", "insurer_informed_at"], was.insurer_informed_at));
  }

  const staffNow = new Map(after.staff_involved?.map((s, i) => [s.email.toLowerCase(), i]) ?? []);
  for (const staff of before?.staff_involved ?? []) {
    if (!staff.informed_at) continue;
    const i = staffNow.get(staff.email.toLowerCase());
    if (i === undefined) {
      findings.push({
        rule: "hearing_gate",
        path: ["staff_involved"],
        message: `${staff.name} (${staff.email}) was asked for comment on ${staff.informed_at}: that entry of staff_involved is never removed (§1.4); restore it`,
      });
    } else if (after.staff_involved?.[i]?.informed_at !== staff.informed_at) {
      findings.push(recordChanged(["staff_involved", i, "informed_at"], staff.informed_at));
    }
  }
  // A revoked personal link stays revoked: the generation only goes up.
  const generation = before?.page_link?.generation ?? 1;
  if ((after.page_link?.generation ?? 1) < generation) {
    findings.push({
      rule: "immutable",
      path: ["page_link", "generation"],
      message: `page_link.generation only goes up (it was ${generation}): a lower one would make revoked links work again; set ${generation} or more`,
    });
  }
  const requested = before?.information?.requested_at;
  if (requested && after.information?.requested_at !== requested) {
    findings.push(recordChanged(["information", "requested_at"], requested));
  }
  return findings;
}

function recordChanged(path: (string | number)[], was: string): RuleFinding {
  return {
    rule: "immutable",
    path,
    message: `${formatPath(path)} records when a letter went out (${was}); it never changes: restore that value`,
  };
}
