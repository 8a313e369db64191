import type { DocketConfig } from "../config/config-schema.ts";
import type { ChangeContext } from "../domain/check-change.ts";
import { dossierPath } from "../domain/dossier-layout.ts";
import type { Dossier } from "../domain/dossier-schema.ts";
import type { IntakeContext } from "../intake/intake-handler.ts";
import type { RateLimiter } from "../intake/rate-limit.ts";
import { readIntakeRequest } from "../intake/read-request.ts";
import type { DossierStore } from "../store/dossier-store.ts";
import { storeRetryAfter } from "../store/store-retry-after.ts";
import { REDACTED_TOKEN, type CaseLinks, type PageLanguage } from "./case-link.ts";
import { createLinkGuard, parseCaseRoute } from "./case-route.ts";
import { PAGE_WORDS } from "./case-page-text.ts";
import { caseView } from "./case-view.ts";
import { checkInformationForm } from "./information-form.ts";
import { informationMessage } from "./information-message.ts";
import { html, methodNotAllowed, newSubmissionId, seeOther } from "./page-responses.ts";
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

export { isCasePagePath } from "./case-route.ts";

/**
 * The complainant's page as a web `Request → Response` function. A link
 * that opens nothing (wrong, altered, truncated, revoked, unknown id) gets one
 * answer, after the same work: one read of the store, one parse, one HMAC.
 * The link is never logged.
 */
export function createCasePageHandler(deps: CasePageDeps) {
  const { config } = deps;
  const log = deps.log ?? (() => undefined);
  const guard = createLinkGuard(deps.wrongLinkLimiter);

  return async function handle(request: Request, context: IntakeContext): Promise<Response> {
    const url = new URL(request.url);
    const { language, id, token, action } = parseCaseRoute(url.pathname);
    const client = context.clientAddress;
    const now = deps.clock();
    const wait = guard.waitFor(client, now.getTime());
    if (wait > 0) return message(429, language, "rate", { "retry-after": String(wait) });

    // The same work for every link: one read, one parse, one HMAC.
    const dossier = await readLinkedDossier(deps.store, deps.context, id, now).catch(
      (error: unknown) => {
        if (storeRetryAfter(error) === undefined) throw error;
        return "unavailable" as const;
      },
    );
    if (dossier === "unavailable")
      return message(503, language, "unavailable", { "retry-after": "30" });
    if (!deps.links.opens(id, token, dossier) || !dossier || !action) {
      guard.failed(client, now.getTime());
      return message(404, language, "notFound");
    }

    const paths = casePaths(language, dossier.id, token);
    const withdrawing = action === "withdraw";
    const adding = action === "add";
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
    if (request.method !== "POST" || action === "page") return methodNotAllowed();
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
    const form = checkInformationForm(await readIntakeRequest(request), language);
    const again = (
      status: number,
      errors: Record<string, string>,
      headers: Record<string, string> = {},
    ) =>
      pageHtml(dossier, {
        submissionId: form.submissionId,
        form: { text: form.typed, errors, attachments: form.attachmentCount },
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
    if (Object.keys(form.errors).length > 0) return again(form.status, form.errors);

    const raw = informationMessage({
      dossier,
      config,
      text: form.text,
      attachments: form.attachments,
      submissionId: form.submissionId,
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
