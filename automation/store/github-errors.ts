import { DocketError } from "../errors.ts";
import { StoreAccessError, StoreRejectedError, StoreUnavailableError } from "./dossier-store.ts";

export { StoreAccessError, StoreRejectedError };

/** The shape of Octokit's `RequestError` that the mapping needs; network errors and timeouts arrive as status 500. */
export interface HttpFailure {
  status: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
}

export function isHttpFailure(error: unknown): error is HttpFailure {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

/** GitHub's answer to a ref update whose commit does not descend from the ref: another writer moved the branch. */
export function isRefConflict(error: unknown): boolean {
  if (!isHttpFailure(error)) return false;
  // 422 "Reference update failed": GitHub lost a race between two updates of the same ref.
  return (
    error.status === 409 ||
    (error.status === 422 && /fast[- ]forward|reference update failed/i.test(error.message))
  );
}

/**
 * Turns an Octokit failure into the store's errors, once, in this adapter. `action` says what was being done
 * and where, e.g. "reading branch main of acme/complaints". Anything that is not an HTTP failure passes through.
 */
export function toStoreError(error: unknown, action: string): unknown {
  if (error instanceof DocketError || !isHttpFailure(error)) return error;
  const { status } = error;
  // Octokit reports a network error or timeout as status 500 without a response.
  const reason = error.response
    ? `${status} ${firstLine(error.message)}`
    : `no answer: ${error.message}`;
  const options = { cause: error };
  if (status >= 500 || isRateLimited(error)) {
    return new StoreUnavailableError(
      `GitHub did not answer while ${action} (${reason}), also after retrying. Try again later.`,
      { ...options, retryAfterSeconds: retryAfter(error) },
    );
  }
  if (status === 401) {
    return new StoreAccessError(
      `GitHub refused the credentials while ${action} (${reason}). Check GITHUB_TOKEN, or GITHUB_APP_ID, ` +
        `GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID.`,
      options,
    );
  }
  if (status === 403) {
    return new StoreAccessError(
      `GitHub denied access while ${action} (${reason}). The token or App installation needs ` +
        `"Contents: read and write" on the repository.`,
      options,
    );
  }
  if (status === 404) {
    return new StoreAccessError(
      `GitHub found nothing while ${action} (${reason}). Check that the repository and branch exist and that ` +
        `the credentials can see them: GitHub answers 404 for a private repository it hides.`,
      options,
    );
  }
  return new StoreRejectedError(`GitHub rejected a request while ${action} (${reason}).`, options);
}

function isRateLimited(error: HttpFailure): boolean {
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  const headers = error.response?.headers ?? {};
  return (
    headers["retry-after"] !== undefined ||
    String(headers["x-ratelimit-remaining"]) === "0" ||
    /rate limit/i.test(error.message)
  );
}

/** Seconds to wait: `retry-after`, else until `x-ratelimit-reset` when the quota is spent. */
function retryAfter(error: HttpFailure): number | undefined {
  const headers = error.response?.headers ?? {};
  const after = Number(headers["retry-after"]);
  if (Number.isFinite(after) && after > 0) return Math.ceil(after);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset) && reset > 0) {
    return Math.max(1, Math.ceil(reset - Date.now() / 1000));
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
