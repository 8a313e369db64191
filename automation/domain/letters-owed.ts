import { createHash } from "node:crypto";
import { localDate, type IsoDate } from "./calendar.ts";
import {
  caseDeadlines,
  judgementTermPassed,
  type DeadlineContext,
  type TermKind,
} from "./deadlines.ts";
import type { Dossier } from "./dossier-schema.ts";
import { parseReceivedName } from "./received-copy.ts";

/** A letter a dossier should have had, named as its copy in `correspondence/` is. */
export interface OwedLetter {
  /** The template: `acknowledgement`, `hearing_request`, … */
  letter: string;
  /** Unique within the dossier: the letter, with a suffix where it goes to several people or dates. */
  key: string;
  /** For a hearing request: the index in `staff_involved`. */
  staff?: number;
  /** For a hearing request: the date comments are asked by. */
  respondBy?: IsoDate;
  /** For a reminder: the term it is about. */
  term?: TermKind;
  /** A frontmatter field Docket sets to the time it sent this letter, in the same commit. */
  records?: (string | number)[];
  /** For the automatic delay notice: the `delay` block the dossier gets in the same commit. */
  delay?: { reason: string; new_date: IsoDate };
  /** For mail_received and not_delivered: the received copy in `correspondence/` it tells of. */
  received?: string;
}

export interface OwedContext extends DeadlineContext {
  /** policy.delay_notice: send the delay notice by itself when the judgement term passes. */
  automaticDelayNotice: boolean;
  /** The files in the dossier's `correspondence/`: mail received there owes the handler a letter. */
  correspondence?: readonly string[];
}

const AUTOMATIC_DELAY_REASON = {
  nl: "Het zorgvuldig onderzoeken van je klacht kost meer tijd dan de week die we ervoor nemen.",
  en: "Looking into your complaint carefully takes more time than the week we set for it.",
} as const;

/**
 * From a dossier's state, the letters it should have had. Sending
 * is reconciled against this list, so nothing is fired twice. Pure: `now`
 * comes in with the context.
 */
export function lettersOwed(d: Dossier, context: OwedContext): OwedLetter[] {
  // An erased dossier (docs/privacy.md) has nobody left to write to.
  if (d.erasure?.some((e) => e.rule !== "staff_request")) return [];
  const owed: OwedLetter[] = [
    { letter: "acknowledgement", key: "acknowledgement" },
    { letter: "new_case", key: "new_case" },
    ...conversationLetters(context.correspondence ?? []),
  ];
  // A step the handler recorded as done by other means (a phone call) is not repeated by letter.
  if (d.liability?.possible && !d.liability.insurer_informed_at) {
    owed.push({
      letter: "insurer_notice",
      key: "insurer_notice",
      records: ["liability", "insurer_informed_at"],
    });
  }
  if (d.status === "withdrawn") {
    if (recentlyWithdrawn(d, context)) {
      owed.push(
        { letter: "withdrawal_confirmation", key: "withdrawal_confirmation" },
        { letter: "withdrawal_notice", key: "withdrawal_notice" },
      );
    }
    return owed;
  }
  // §1.5: every further step of the treatment waits for the insurer.
  const waitForInsurer = d.liability?.possible === true && !d.liability.insurer_consulted_at;
  const today = localDate(context.now, context.timeZone);

  if (
    !waitForInsurer &&
    d.information?.complete === false &&
    d.information.request &&
    !d.information.requested_at
  ) {
    owed.push({
      letter: "information_request",
      key: "information_request",
      records: ["information", "requested_at"],
    });
  }
  if (!waitForInsurer) {
    const target = d.delay?.new_date ?? d.terms.judgement_due;
    const soonest = context.calendar.addWorkingDays(today, 3);
    const beforeTerm = context.calendar.addWorkingDays(target, -1);
    d.staff_involved?.forEach((staff, i) => {
      if (staff.informed_at) return;
      owed.push({
        letter: "hearing_request",
        key: hearingRequestKey(staff.email),
        staff: i,
        respondBy: beforeTerm > soonest ? beforeTerm : soonest,
        records: ["staff_involved", i, "informed_at"],
      });
    });
  }
  if (d.delay) {
    owed.push({ letter: "delay_notice", key: `delay_notice-${d.delay.new_date}` });
  } else if (
    context.automaticDelayNotice &&
    judgementTermPassed(d, context.now, context.timeZone)
  ) {
    const newDate =
      d.terms.resolution_due > today
        ? d.terms.resolution_due
        : context.calendar.addWorkingDays(today, 5);
    owed.push({
      letter: "delay_notice",
      key: `delay_notice-${newDate}`,
      delay: { reason: AUTOMATIC_DELAY_REASON[d.language], new_date: newDate },
    });
  }
  if ((d.status === "judged" || d.status === "closed") && d.judgement) {
    owed.push(
      d.judgement.form === "written"
        ? { letter: "judgement", key: "judgement" }
        : { letter: "meeting_proposal", key: "meeting_proposal" },
    );
  }
  const deadlines = caseDeadlines(d, context);
  for (const term of deadlines?.terms ?? []) {
    if (!term.met && term.state !== "ok") {
      owed.push({ letter: "reminder", key: `reminder-${term.kind}-${term.due}`, term: term.kind });
    }
  }
  return owed;
}

/** How many working days after `closed_at` the withdrawal letters are still owed. */
export const WITHDRAWAL_LETTERS_WORKING_DAYS = 5;

/**
 * The withdrawal letters are owed for a withdrawal of the last
 * `WITHDRAWAL_LETTERS_WORKING_DAYS` working days (`closed_at`, local date),
 * long enough to outlast a weekend and a mail outage: a case withdrawn
 * before Docket wrote these letters (or before it ran) gets none years
 * later. Without `closed_at` a withdrawal cannot be dated, and owes none.
 */
export function recentlyWithdrawn(d: Dossier, context: OwedContext): boolean {
  if (d.status !== "withdrawn" || !d.closed_at) return false;
  const withdrawn = localDate(d.closed_at, context.timeZone);
  const until = context.calendar.addWorkingDays(withdrawn, WITHDRAWAL_LETTERS_WORKING_DAYS);
  return localDate(context.now, context.timeZone) <= until;
}

/** Mail received owes the handler "mail received", a bounce "not delivered"; automatic replies nothing. */
function conversationLetters(correspondence: readonly string[]): OwedLetter[] {
  return correspondence.flatMap((path): OwedLetter[] => {
    const copy = parseReceivedName(path);
    const received = path.slice(path.lastIndexOf("/") + 1);
    if (copy?.kind === "reply" || copy?.kind === "untrusted")
      return [{ letter: "mail_received", key: `mail_received-${copy.fingerprint}`, received }];
    if (copy?.kind === "bounce")
      return [{ letter: "not_delivered", key: `not_delivered-${copy.fingerprint}`, received }];
    return [];
  });
}

/** The key of a staff member's hearing request: its copy's name, and its Message-ID's. */
export function hearingRequestKey(email: string): string {
  return `hearing_request-${shortHash(email.toLowerCase())}`;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

const COPY = /(?:^|\/)(\d{4})-([a-z0-9_-]+)\.eml$/;

/** The keys of the letters whose copies are in `correspondence/`, and the next copy's number. */
export function lettersSent(correspondence: readonly string[]): {
  keys: Set<string>;
  next: number;
} {
  const keys = new Set<string>();
  let max = 0;
  for (const file of correspondence) {
    const match = COPY.exec(file);
    if (!match) continue;
    keys.add(match[2] ?? "");
    max = Math.max(max, Number(match[1]));
  }
  return { keys, next: max + 1 };
}

/** `0001-acknowledgement.eml` */
export function copyName(number: number, key: string): string {
  return `${String(number).padStart(4, "0")}-${key}.eml`;
}
