// A wall clock for paced-drill tests that moves only when told: timers fire in due order and each
// step's promises settle before the next fires; a step may "take" wall time by moving it itself.
import type { PaceTimer } from '../../src/main/core/drills/drill-pacer';

export class FakeWall implements PaceTimer {
  time = 0;
  private seq = 0;
  private readonly timers = new Map<number, { due: number; run: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): number {
    this.timers.set(++this.seq, { due: this.time + ms, run });
    return this.seq;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves the wall clock on by `ms`, firing timers in due order and letting each step finish. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      // A step may yield to the event loop (judging runs in slices): wait for it to arm the next.
      for (let turn = 0; turn < 50 && this.timers.size === 0; turn++)
        await new Promise((resolve) => setImmediate(resolve));
      const next = [...this.timers].sort((a, b) => a[1].due - b[1].due || a[0] - b[0])[0];
      if (!next || next[1].due > until) break;
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].due);
      next[1].run();
    }
    this.time = Math.max(this.time, until);
  }
}
