import { randomBytes } from "node:crypto";
import type { DocketConfig } from "../config/config-schema.ts";
import type { ChangeContext } from "../domain/check-change.ts";
import { dossierPath, type Dossier } from "../domain/dossier-schema.ts";
import { checkAttachments } from "../intake/attachments.ts";
import type { IntakeContext } from "../intake/intake-handler.ts";
import { describeProblem } from "../intake/intake-messages.ts";
import type { RateLimiter } from "../intake/rate-limit.ts";
import { readIntakeRequest } from "../intake/read-request.ts";
import type { DossierStore } from "../store/dossier-store.ts";
import { storeRetryAfter } from "../store/store-retry-after.ts";
import {
  CASE_PAGE_PREFIX,
  REDACTED_TOKEN,
  type CaseLinks,
  type PageLanguage,
} from "./case-link.ts";
import { PAGE_WORDS } from "./case-page-text.ts";
import { caseView } from "./case-view.ts";
import { informationMessage } from "./information-message.ts";
import { readLinkedDossier, readSentLetters } from "./read-case.ts";
import {
  casePaths,
  renderCasePage,
  renderConfirmPage,
  renderMessagePage,
  type CasePageInput,
} from "./render-case-page.ts";
import { WithdrawalRefusedError, withdrawCase } from "./withdraw-case.ts";

export interface CasePageDeps {
  config: DocketConfig;
  context: ChangeContext;
  store: Pick<DossierStore, "read" | "list" | "commit">;
  links: CaseLinks;
  clock: () => Date;
  /** Per client: the two actions (add information, withdraw). */
  actionLimiter: RateLimiter;
  /** Per client: links that open nothing. A client out of tokens gets 429 for a while. */
  wrongLinkLimiter: RateLimiter;
  /** Files a message from the complainant on the dossier exactly as a mailed reply; resolves when committed. */
  fileMessage: (dossierId: string, raw: Uint8Array) => Promise<void>;
  /** Sends what the dossier is owed now (the handler's notices, the withdrawal confirmation). */
  deliver: (dossierPath: string) => Promise<void>;
  log?: (message: string) => void;
}

/** `/zaak/<ID>/<token>[/aanvullen|/intrekken]` and `/en/case/<ID>/<token>[/add|/withdraw]`. */
const ROUTE =
  /^\/(zaak|en\/case)\/([^/]{0,40})\/([^/]{0,64})(?:\/(aanvullen|intrekken|add|withdraw))?\/?$/;

/** Whether a path is the complainant's page (so a server sends it here). */
export function isCasePagePath(pathname: string): boolean {
  return pathname.startsWith(CASE_PAGE_PREFIX.nl) || pathname.startsWith(CASE_PAGE_PREFIX.en);
}

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "x-content-type-options": "nosniff",
  "content-security-policy":
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/**
 * The complainant's page as a web `Request → Response` function. A link
 * that opens nothing (wrong, altered, truncated, revoked, unknown id) gets one
 * answer, after the same work: one read of the store, one parse, one HMAC.
 * The link is never logged.
 */
export function createCasePageHandler(deps: CasePageDeps) {
  const { config } = deps;
  const log = deps.log ?? (() => undefined);
  const blocked = new Map<string, number>();

  return async function handle(request: Request, context: IntakeContext): Promise<Response> {
    const url = new URL(request.url);
    const language: PageLanguage = url.pathname.startsWith(CASE_PAGE_PREFIX.en) ? "en" : "nl";
    const client = context.clientAddress;
    const now = deps.clock();
    const until = blocked.get(client);
    if (until !== undefined && until > now.getTime()) {
      return message(429, language, "rate", {
        "retry-after": String(Math.ceil((until - now.getTime()) / 1000)),
      });
    }
    if (until !== undefined) blocked.delete(client);

    const route = ROUTE.exec(url.pathname);
    const action = route?.[4];
    const actionFits =
      action === undefined ||
      (language === "nl" ? ["aanvullen", "intrekken"] : ["add", "withdraw"]).includes(action);
    const id = route?.[2] ?? "";
    const token = route?.[3] ?? "";
    const dossier = await readLinkedDossier(deps.store, deps.context, id, now).catch(
      (error: unknown) => {
        if (storeRetryAfter(error) === undefined) throw error;
        return "unavailable" as const;
      },
    );
    if (dossier === "unavailable")
      return message(503, language, "unavailable", { "retry-after": "30" });
    const opens = deps.links.opens(id, token, dossier);
    if (
      !opens ||
      !dossier ||
      !route ||
      !actionFits ||
      (route[1] === "zaak") !== (language === "nl")
    ) {
      const taken = deps.wrongLinkLimiter.take(client);
      if (!taken.ok) blocked.set(client, now.getTime() + taken.retryAfterSeconds * 1000);
      return message(404, language, "notFound");
    }

    const paths = casePaths(language, dossier.id, token);
    const withdrawing = action === "intrekken" || action === "withdraw";
    const adding = action === "aanvullen" || action === "add";
    if (request.method === "GET" || request.method === "HEAD") {
      if (withdrawing) {
        if (dossier.status === "closed" || dossier.status === "withdrawn")
          return seeOther(paths.page);
        return html(200, renderConfirmPage(config, language, dossier.id, token));
      }
      if (adding) return seeOther(`${paths.page}#add`);
      const done = url.searchParams.get("done");
      return html(
        200,
        await pageHtml(dossier, {
          ...(done === "added" || done === "withdrawn" ? { notice: done } : {}),
        }),
      );
    }
    if (request.method !== "POST" || !action) {
      return new Response("Method not allowed", {
        status: 405,
        headers: {
          ...HEADERS,
          "content-type": "text/plain; charset=utf-8",
          allow: "GET, HEAD, POST",
        },
      });
    }
    const origin = request.headers.get("origin");
    if (origin && origin !== url.origin && origin !== "null")
      return message(403, language, "notFound");

    if (withdrawing) {
      // Only the confirmation step's button withdraws: anything else is shown that step.
      const form = await readIntakeRequest(request);
      if (!form.ok || form.fields.confirm !== "yes") return seeOther(paths.withdraw);
      const limited = deps.actionLimiter.take(client);
      if (!limited.ok) {
        return message(429, language, "rate", { "retry-after": String(limited.retryAfterSeconds) });
      }
      try {
        await withdrawCase(deps.store as DossierStore, deps.context, dossier.id, now);
      } catch (error) {
        if (error instanceof WithdrawalRefusedError) return seeOther(paths.page);
        const retryAfter = storeRetryAfter(error);
        if (retryAfter === undefined) throw error;
        log(
          `case page: withdrawal of ${dossier.id} not saved, answered 503: ${(error as Error).message}`,
        );
        return message(503, language, "unavailable", { "retry-after": String(retryAfter) });
      }
      context.defer(deliverNow(dossier.id));
      return seeOther(`${paths.page}?done=withdrawn`);
    }

    // Add information: the checks of intake, then filed as the complainant's reply.
    const body = await readIntakeRequest(request);
    const typed = body.ok && typeof body.fields.text === "string" ? body.fields.text : "";
    const submissionId =
      body.ok &&
      typeof body.fields.submission_id === "string" &&
      /^[A-Za-z0-9_-]{8,100}$/.test(body.fields.submission_id)
        ? body.fields.submission_id
        : newSubmissionId();
    const again = (
      status: number,
      errors: Record<string, string>,
      headers: Record<string, string> = {},
    ) =>
      pageHtml(dossier, {
        submissionId,
        form: {
          text: typed,
          errors,
          attachments: body.ok
            ? body.files.filter((f) => f.name !== "" || f.bytes.length > 0).length
            : 0,
        },
      }).then((page) => html(status, page, headers));
    const limited = deps.actionLimiter.take(client);
    if (!limited.ok) {
      return again(
        429,
        { text: PAGE_WORDS[language].rateText },
        { "retry-after": String(limited.retryAfterSeconds) },
      );
    }
    if (!dossierIsOpen(dossier)) return seeOther(paths.page);
    if (!body.ok) {
      const problem =
        body.status === 413
          ? describeProblem({ kind: "attachments_total", maxMiB: 20 }, language)
          : PAGE_WORDS[language].unavailableText;
      return again(body.status, { attachments: problem });
    }
    const errors: Record<string, string> = {};
    const text = typed.replace(/\r\n?/g, "\n").trim();
    if (text === "") errors.text = describeProblem({ kind: "required" }, language);
    else if (text.length > 20_000)
      errors.text = describeProblem({ kind: "too_long", max: 20_000 }, language);
    const files = checkAttachments(body.files);
    if ("problem" in files) errors.attachments = describeProblem(files.problem, language);
    if (Object.keys(errors).length > 0 || "problem" in files) return again(422, errors);

    const raw = informationMessage({
      dossier,
      config,
      text,
      attachments: files.attachments,
      submissionId,
      now,
    });
    try {
      await deps.fileMessage(dossier.id, raw);
    } catch (error) {
      const retryAfter = storeRetryAfter(error);
      if (retryAfter === undefined) throw error;
      log(
        `case page: information for ${dossier.id} not saved, answered 503: ${(error as Error).message}`,
      );
      return again(
        503,
        { text: PAGE_WORDS[language].unavailableText },
        { "retry-after": String(retryAfter) },
      );
    }
    context.defer(deliverNow(dossier.id));
    return seeOther(`${paths.page}?done=added`);

    async function pageHtml(
      d: Dossier,
      extra: Partial<Pick<CasePageInput, "notice" | "form" | "submissionId">>,
    ): Promise<string> {
      const letters = (await readSentLetters(deps.store, d.id)).map((l) => ({
        ...l,
        text: l.text.replaceAll(REDACTED_TOKEN, token),
      }));
      return renderCasePage({
        config,
        language,
        view: caseView(d, letters, now, config.timezone),
        token,
        submissionId: extra.submissionId ?? newSubmissionId(),
        ...(extra.notice ? { notice: extra.notice } : {}),
        ...(extra.form ? { form: extra.form } : {}),
      });
    }
  };

  function deliverNow(id: string): Promise<void> {
    return deps.deliver(dossierPath(id)).catch((error: unknown) => {
      deps.log?.(`case page: letters for ${id} left to dispatch: ${String(error)}`);
    });
  }

  function message(
    status: number,
    language: PageLanguage,
    kind: "notFound" | "rate" | "unavailable",
    headers: Record<string, string> = {},
  ): Response {
    return html(status, renderMessagePage(config, language, kind), headers);
  }
}

function dossierIsOpen(d: Dossier): boolean {
  return d.status !== "closed" && d.status !== "withdrawn";
}

function newSubmissionId(): string {
  return randomBytes(18).toString("base64url");
}

function html(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...HEADERS, ...headers } });
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { ...HEADERS, location } });
}
