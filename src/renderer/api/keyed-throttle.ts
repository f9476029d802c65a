/**
 * Runs `flush(key)` at most once per `intervalMs` for each key: the first request runs at once,
 * further requests inside the interval are coalesced into one trailing run.
 */
export function keyedThrottle(intervalMs: number, flush: (key: string) => void) {
  const lastRun = new Map<string, number>();
  const timers = new Map<string, number>();

  const run = (key: string): void => {
    timers.delete(key);
    lastRun.set(key, Date.now());
    flush(key);
  };

  return {
    request(key: string): void {
      if (timers.has(key)) return;
      const wait = (lastRun.get(key) ?? 0) + intervalMs - Date.now();
      if (wait <= 0) run(key);
      else
        timers.set(
          key,
          window.setTimeout(() => run(key), wait),
        );
    },
    cancel(): void {
      for (const timer of timers.values()) window.clearTimeout(timer);
      timers.clear();
    },
  };
}
