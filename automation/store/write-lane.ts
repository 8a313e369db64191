/**
 * Runs writes one at a time (GitHub asks for writes in series; parallel ones would only collide on the
 * branch) with two priorities: a complainant's intake always goes before letters and rounds still waiting,
 * so nothing the automation does queues in front of a complainant. The write in flight finishes first.
 */
export function createWriteLane() {
  const waiting: Array<{ urgent: boolean; start: () => void }> = [];
  let busy = false;

  const next = () => {
    const job = waiting.find((j) => j.urgent) ?? waiting[0];
    if (!job) {
      busy = false;
      return;
    }
    waiting.splice(waiting.indexOf(job), 1);
    job.start();
  };

  return function run<T>(urgent: boolean, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        busy = true;
        work().then(resolve, reject).finally(next);
      };
      if (busy) waiting.push({ urgent, start });
      else {
        // Started on the next microtask: writes asked for in the same turn are all known by then.
        busy = true;
        queueMicrotask(start);
      }
    });
  };
}
