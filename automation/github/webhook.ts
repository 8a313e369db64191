import { Webhooks } from "@octokit/webhooks";
import type { IntakeContext } from "../intake/intake-handler.ts";

export const GITHUB_WEBHOOK_PATH = "/api/github/webhook";

/** GitHub caps a delivery at 25 MB; anything larger is not GitHub. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface GitHubWebhookDeps {
  /** The webhook's secret (`GITHUB_WEBHOOK_SECRET`), shared with GitHub. */
  secret: string;
  /** The branch dossiers live on (`DOCKET_BRANCH`, default `main`): merges into it and pushes to it dispatch. */
  branch?: string;
  /** `owner/repo`: events of any other repository are ignored. Any repository when absent. */
  repository?: string;
  /** The dispatch: reconciles the letters every dossier is owed. Runs after the answer. */
  run: () => Promise<void>;
  log?: (message: string) => void;
}

/** Why an event dispatches, or undefined when it does not. Pure. */
export function dispatchReason(
  name: string,
  payload: unknown,
  options: { branch: string; repository?: string | undefined },
): string | undefined {
  const event = payload as {
    action?: string;
    ref?: string;
    deleted?: boolean;
    repository?: { full_name?: string };
    pull_request?: { number?: number; merged?: boolean; base?: { ref?: string } };
  };
  const repository = event.repository?.full_name ?? "";
  if (options.repository && repository.toLowerCase() !== options.repository.toLowerCase())
    return undefined;
  if (name === "pull_request" && event.action === "closed") {
    const pr = event.pull_request;
    if (pr?.merged === true && pr.base?.ref === options.branch)
      return `pull request #${pr.number} merged into ${options.branch}`;
  }
  if (name === "push" && event.ref === `refs/heads/${options.branch}` && event.deleted !== true) {
    return `push to ${options.branch}`;
  }
  return undefined;
}

/**
 * `POST /api/github/webhook`: GitHub's `pull_request` and `push` events as a
 * web `Request → Response` function. The signature (`X-Hub-Signature-256`) is
 * checked on the raw body before anything is read from it: 401 when it does
 * not match. A merged pull request into the branch, or a push to it, starts
 * the dispatch after the answer (202); every other event is answered 204 and
 * ignored. Deliveries GitHub retries are harmless: the dispatch is a
 * reconciliation and sends nothing twice.
 */
export function createGitHubWebhook(deps: GitHubWebhookDeps) {
  const webhooks = new Webhooks({ secret: deps.secret });
  const branch = deps.branch ?? "main";
  const log = deps.log ?? (() => undefined);

  return async function handle(request: Request, context: IntakeContext): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== GITHUB_WEBHOOK_PATH && pathname !== `${GITHUB_WEBHOOK_PATH}/`)
      return text(404, "Not found");
    if (request.method !== "POST") return text(405, "Method not allowed", { allow: "POST" });
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES)
      return text(413, "Too large");

    const signature = request.headers.get("x-hub-signature-256") ?? "";
    const name = request.headers.get("x-github-event") ?? "";
    const delivery = request.headers.get("x-github-delivery") ?? "?";
    const body = await request.text();
    const valid = signature !== "" && (await webhooks.verify(body, signature).catch(() => false));
    if (!valid) {
      log(
        `github webhook: delivery ${delivery} refused: the signature does not match GITHUB_WEBHOOK_SECRET`,
      );
      return text(401, "Signature does not match");
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return text(400, "The body is not JSON");
    }
    const reason = dispatchReason(name, payload, { branch, repository: deps.repository });
    if (!reason) return new Response(null, { status: 204 });

    log(`github webhook: ${reason} (delivery ${delivery}): dispatching letters`);
    context.defer(
      deps.run().catch((error: unknown) => {
        log(
          `github webhook: dispatch after delivery ${delivery} failed: ${(error as Error).stack ?? String(error)}`,
        );
      }),
    );
    return text(202, "Dispatching letters\n");
  };
}

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}
