import type { DocketConfig } from "../config/config-schema.ts";
import type { WorkingCalendar } from "../domain/calendar.ts";
import { localDate } from "../domain/calendar.ts";
import { formatInstant } from "../domain/instant.ts";
import type { DossierStore, FiledDossier } from "../store/dossier-store.ts";
import { storeRetryAfter } from "../store/store-retry-after.ts";
import { checkAttachments } from "./attachments.ts";
import { renderFormErrorPage, renderMessagePage } from "./error-page.ts";
import { parseIntake } from "./intake-input.ts";
import { describeProblem, type FieldProblem, type Language } from "./intake-messages.ts";
import { fileComplaint } from "./file-complaint.ts";
import type { Complaint } from "./new-dossier.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { readIntakeRequest } from "./read-request.ts";
import { json } from "./responses.ts";
import { submissionFingerprint } from "./submission-fingerprint.ts";

export const INTAKE_PATH = "/api/complaints";

export interface IntakeDeps {
  config: DocketConfig;
  calendar: WorkingCalendar;
  store: DossierStore;
  clock: () => Date;
  rateLimiter: RateLimiter;
  /** Sends the letters a new dossier is owed and commits their copies; failures are left to `docket dispatch`. */
  deliver: (filed: FiledDossier) => Promise<void>;
  /** Origins besides the request's own that may post (the site's, when it is served elsewhere). */
  allowedOrigins?: readonly string[];
  log?: (message: string) => void;
}

export interface IntakeContext {
  /** The client's address, for the rate limit. */
  clientAddress: string;
  /** Keeps work going after the response (the platform's waitUntil). */
  defer: (work: Promise<unknown>) => void;
}

/**
 * `POST /api/complaints` as a web `Request → Response` function. The order
 * loses nothing: the dossier is committed before the answer; the letters go
 * after it, and what fails there is finished by `docket dispatch`.
 */
export function createIntakeHandler(deps: IntakeDeps) {
  const { config } = deps;
  const log = deps.log ?? (() => undefined);
  const defaultLanguage = config.languages[0] ?? "nl";

  return async function handle(request: Request, context: IntakeContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== INTAKE_PATH && url.pathname !== `${INTAKE_PATH}/`)
      return text(404, "Not found");
    const origin = request.headers.get("origin");
    const allowed =
      !origin || origin === url.origin || (deps.allowedOrigins ?? []).includes(origin);
    const cors: Record<string, string> =
      origin && allowed && origin !== url.origin
        ? { "access-control-allow-origin": origin, vary: "Origin" }
        : {};
    if (request.method === "OPTIONS") {
      if (!allowed) return text(403, "Origin not allowed");
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          "access-control-allow-methods": "POST",
          "access-control-allow-headers": "content-type, accept",
          "access-control-max-age": "600",
        },
      });
    }
    if (request.method !== "POST")
      return text(405, "Method not allowed", { allow: "POST, OPTIONS" });
    if (!allowed) return text(403, "Origin not allowed");

    const wantsJson =
      (request.headers.get("accept") ?? "").includes("application/json") ||
      (request.headers.get("content-type") ?? "").startsWith("application/json");
    const pageLanguage: Language = url.searchParams.get("lang") === "en" ? "en" : defaultLanguage;

    const limited = deps.rateLimiter.take(context.clientAddress);
    if (!limited.ok) {
      return refuse(429, pageLanguage, "rate", {
        ...cors,
        "retry-after": String(limited.retryAfterSeconds),
      });
    }

    const body = await readIntakeRequest(request);
    if (!body.ok) {
      if (wantsJson) return json(body.status, { errors: { body: body.reason } }, cors);
      return refuse(
        body.status,
        pageLanguage,
        body.status === 413 ? "size" : body.status === 415 ? "type" : "body",
      );
    }
    const parsed = parseIntake(body.fields, {
      categories: config.categories.map((c) => c.id),
      defaultLanguage,
    });
    const language = parsed.ok ? parsed.input.language : parsed.language;
    const problems: Record<string, FieldProblem> = parsed.ok ? {} : { ...parsed.problems };
    const files = checkAttachments(body.files);
    if ("problem" in files) problems.attachments = files.problem;
    if (!parsed.ok || "problem" in files) {
      const errors = Object.fromEntries(
        Object.entries(problems).map(([k, p]) => [k, describeProblem(p, language)]),
      );
      if (wantsJson) return json(422, { errors }, cors);
      const html = renderFormErrorPage({
        config,
        language,
        values: body.fields,
        errors,
        action: language === "en" ? `${INTAKE_PATH}?lang=en` : INTAKE_PATH,
        // An empty file input still sends a part, without a name.
        attachments: body.files.filter((f) => f.name !== "" || f.bytes.length > 0).length,
      });
      return new Response(html, {
        status: 422,
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }

    const input = parsed.input;
    const receivedAt = formatInstant(deps.clock(), config.timezone);
    const complaint: Complaint = {
      channel: "web",
      language: input.language,
      receivedAt,
      name: input.name,
      email: input.email,
      phone: input.phone,
      organisation: input.organisation,
      summary: input.summary,
      description: input.description,
      staffInvolved: input.staff_involved,
      prefersMeeting: input.prefers_meeting,
      category: input.category,
      attachments: files.attachments,
    };
    let filed: FiledDossier;
    try {
      const submissionId =
        input.submission_id ??
        submissionFingerprint({
          ...input,
          day: localDate(receivedAt, config.timezone),
        });
      filed = await fileComplaint(deps, complaint, submissionId);
    } catch (error) {
      // Whatever the store could not do, the complainant is asked to send again later, with what they
      // typed; the operator gets one line saying what failed and what to fix.
      const retryAfter = storeRetryAfter(error);
      if (retryAfter === undefined) throw error;
      log(`intake: not saved, answered 503: ${(error as Error).message}`);
      const headers = { ...cors, "retry-after": String(retryAfter) };
      if (wantsJson) return refuse(503, language, "unavailable", headers);
      const [, message] = REFUSALS.unavailable[language];
      const html = renderFormErrorPage({
        config,
        language,
        values: body.fields,
        errors: { form: message },
        action: INTAKE_PATH,
      });
      return new Response(html, {
        status: 503,
        headers: { "content-type": "text/html; charset=utf-8", ...headers },
      });
    }
    const shownReceivedAt = filed.created
      ? receivedAt
      : await originalReceivedAt(deps.store, filed, receivedAt);
    if (filed.created) {
      context.defer(
        deps
          .deliver(filed)
          .catch((error: unknown) =>
            log(`intake: letters for ${filed.id} left to dispatch: ${String(error)}`),
          ),
      );
    }
    if (wantsJson)
      return json(
        201,
        { id: filed.id, received_at: shownReceivedAt },
        { ...cors, location: `${INTAKE_PATH}/${filed.id}` },
      );
    const thanks = language === "en" ? "/en/thank-you/" : "/bedankt/";
    return new Response(null, {
      status: 303,
      headers: { location: `${thanks}?id=${encodeURIComponent(filed.id)}` },
    });

    function refuse(
      status: number,
      language: Language,
      why: keyof typeof REFUSALS,
      headers: Record<string, string> = {},
    ) {
      const [title, message] = REFUSALS[why][language];
      if (wantsJson) return json(status, { error: why, message }, headers);
      return new Response(renderMessagePage(config, language, title, message), {
        status,
        headers: { "content-type": "text/html; charset=utf-8", ...headers },
      });
    }
  };
}

const REFUSALS = {
  rate: {
    nl: [
      "Even wachten",
      "Je hebt in korte tijd veel klachten verstuurd. Probeer het over een paar minuten opnieuw.",
    ],
    en: [
      "Please wait",
      "You sent many complaints in a short time. Please try again in a few minutes.",
    ],
  },
  size: {
    nl: [
      "Te groot",
      "Je klacht met bijlagen is te groot. Stuur hooguit 5 bijlagen van samen 20 MB.",
    ],
    en: [
      "Too large",
      "Your complaint with attachments is too large. Send at most 5 attachments, 20 MB together.",
    ],
  },
  type: {
    nl: ["Niet verstuurd", "Je klacht kwam niet goed aan. Vul het formulier opnieuw in."],
    en: ["Not sent", "Your complaint did not arrive properly. Please fill in the form again."],
  },
  body: {
    nl: ["Niet verstuurd", "Je klacht kwam niet goed aan. Vul het formulier opnieuw in."],
    en: ["Not sent", "Your complaint did not arrive properly. Please fill in the form again."],
  },
  unavailable: {
    nl: [
      "Nog niet verstuurd",
      "We kunnen je klacht op dit moment niet opslaan. Verstuur hem over een minuut opnieuw: wat je hebt ingevuld staat er nog.",
    ],
    en: [
      "Not sent yet",
      "We cannot store your complaint right now. Please send it again in a minute: what you typed is still there.",
    ],
  },
} as const;

async function originalReceivedAt(
  store: DossierStore,
  filed: FiledDossier,
  fallback: string,
): Promise<string> {
  const text = (
    await store.read([filed.path]).catch(() => new Map<string, string | undefined>())
  ).get(filed.path);
  return /^received_at: (\S+)$/m.exec(text ?? "")?.[1]?.replace(/^"|"$/g, "") ?? fallback;
}

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}
