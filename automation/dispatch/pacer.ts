/**
 * Spaces calls at least `intervalMs` apart (Resend allows as few as 2
 * requests a second). The clock and the wait are passed in for tests.
 */
export function createPacer(
  intervalMs: number,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): () => Promise<void> {
  let next = -Infinity;
  let queue: Promise<void> = Promise.resolve();
  return () => {
    queue = queue.then(async () => {
      const wait = next - clock.now();
      if (wait > 0) await clock.sleep(wait);
      next = clock.now() + intervalMs;
    });
    return queue;
  };
}
