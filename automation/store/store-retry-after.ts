import {
  StoreAccessError,
  StoreConflictError,
  StoreRejectedError,
  StoreUnavailableError,
} from "./dossier-store.ts";

/**
 * Seconds to tell a client to wait (`Retry-After`) after a store error, or `undefined` for anything that is
 * not the store's. Unreachable or rate limited: what the store says; main kept moving: 5 s; access or a
 * refused request need a person, so ask for 5 minutes.
 */
export function storeRetryAfter(error: unknown): number | undefined {
  if (error instanceof StoreUnavailableError) return error.retryAfterSeconds;
  if (error instanceof StoreConflictError) return 5;
  if (error instanceof StoreAccessError || error instanceof StoreRejectedError) return 300;
  return undefined;
}
