/**
 * A token bucket per client: `burst` submissions at once, refilled at
 * `perMinute`. Pure apart from the clock, which is passed in.
 */
export interface RateLimiter {
  take(client: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export function createRateLimiter(options: {
  burst: number;
  perMinute: number;
  now: () => number;
}): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = options.perMinute / 60_000;
  return {
    take(client) {
      const now = options.now();
      const bucket = buckets.get(client) ?? { tokens: options.burst, at: now };
      bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(client, bucket);
      if (buckets.size > 10_000) prune(buckets, now, options.burst / perMs);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
    },
  };
}

function prune(buckets: Map<string, { at: number }>, now: number, fullAfterMs: number): void {
  for (const [key, bucket] of buckets) if (now - bucket.at > fullAfterMs) buckets.delete(key);
}
