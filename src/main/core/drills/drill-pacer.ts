// Paces a drill's steps against the wall clock. Simulated time follows the wall clock times the
// speed from an anchor, so the time a step takes is not added to the wait (no drift). A late step
// is caught up by running the next one at once, one at a time (steps never overlap or pile up);
// past MAX_LATE_MS behind, the backlog is dropped and the pacer says it is lagging rather than
// silently running slower than the speed shown.

/** The wall clock and timers the pacer runs on (injected in tests). */
export interface PaceTimer {
  /** Monotonic wall milliseconds. */
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const wallTimer: PaceTimer = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PaceStatus {
  /** Behind by more than the pacer catches up: simulated time runs slower than the speed. */
  lagging: boolean;
  /** Simulated ms given up so far because steps could not keep up. */
  droppedMs: number;
}

export interface DrillPacerOptions {
  /** Simulated ms one step advances. */
  tickMs: number;
  /** The drill's simulated offset (ms) now. */
  offset: () => number;
  /** One step; the pacer waits for it before it schedules the next. */
  step: () => Promise<void>;
  onLag: (status: PaceStatus) => void;
  onError: (error: unknown) => void;
  timer?: PaceTimer;
  /** Wall ms behind schedule the pacer still catches up; beyond, the backlog is dropped. */
  maxLateMs?: number;
}

/** A second late is a hiccup (a GC, a burst of requests); more means the machine cannot keep up. */
export const MAX_LATE_MS = 1000;

export class DrillPacer {
  private readonly timer: PaceTimer;
  private readonly maxLateMs: number;
  /** While running: the wall time and simulated offset that pacing counts from. */
  private anchor: { wall: number; offset: number } | undefined;
  private speedNow = 1;
  private handle: unknown;
  private busy = false;
  /** Simulated progress towards the next step at a pause, so a resume does not lose it. */
  private carried = 0;
  private laggingNow = false;
  private dropped = 0;

  constructor(private readonly options: DrillPacerOptions) {
    this.timer = options.timer ?? wallTimer;
    this.maxLateMs = options.maxLateMs ?? MAX_LATE_MS;
  }

  get running(): boolean {
    return this.anchor !== undefined;
  }

  get status(): PaceStatus {
    return { lagging: this.laggingNow, droppedMs: this.dropped };
  }

  start(speed: number): void {
    if (this.anchor) return;
    this.speedNow = speed;
    this.anchor = { wall: this.timer.now(), offset: this.options.offset() + this.carried };
    this.carried = 0;
    this.arm();
  }

  stop(): void {
    if (!this.anchor) return;
    const progress = this.simulatedAt(this.timer.now()) - this.options.offset();
    this.carried = Math.min(Math.max(progress, 0), this.options.tickMs);
    this.anchor = undefined;
    this.disarm();
    this.setLagging(false);
  }

  /** From this moment on, simulated time runs at the new speed. */
  setSpeed(speed: number): void {
    if (this.anchor) {
      const wall = this.timer.now();
      this.anchor = { wall, offset: this.simulatedAt(wall) };
      this.disarm();
    }
    this.speedNow = speed;
    this.arm();
  }

  /** Back to the start: no carried progress, no lag. */
  reset(): void {
    this.stop();
    this.carried = 0;
    this.dropped = 0;
  }

  private simulatedAt(wall: number): number {
    const anchor = this.anchor as { wall: number; offset: number };
    return anchor.offset + (wall - anchor.wall) * this.speedNow;
  }

  private disarm(): void {
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** Schedules the next step at its due time; while one runs, its end schedules the next. */
  private arm(): void {
    if (!this.anchor || this.busy || this.handle !== undefined) return;
    const next = this.options.offset() + this.options.tickMs;
    const wall = this.timer.now();
    let wait = (next - this.anchor.offset) / this.speedNow - (wall - this.anchor.wall);
    if (-wait > this.maxLateMs) {
      this.dropped += this.simulatedAt(wall) - next;
      this.anchor = { wall, offset: next };
      wait = 0;
      this.setLagging(true);
    } else if (wait >= this.options.tickMs / this.speedNow / 4) {
      // Slack before the next step: the pace holds again.
      this.setLagging(false);
    }
    this.handle = this.timer.setTimeout(() => this.fire(), Math.max(0, wait));
  }

  private fire(): void {
    this.handle = undefined;
    if (!this.anchor) return;
    this.busy = true;
    this.options.step().then(
      () => {
        this.busy = false;
        this.arm();
      },
      (error: unknown) => {
        this.busy = false;
        this.options.onError(error);
      },
    );
  }

  private setLagging(lagging: boolean): void {
    if (this.laggingNow === lagging) return;
    this.laggingNow = lagging;
    this.options.onLag(this.status);
  }
}
