// Time is injected so the simulator, drills and tests run on simulated time.
export interface Clock {
  /** Milliseconds since the Unix epoch, in this clock's time. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that runs `speed` times faster than the wall clock from a chosen start. */
export class ScaledClock implements Clock {
  private anchorWall: number;
  private anchorSim: number;
  constructor(
    start: number,
    private speedFactor = 1,
    private readonly wall: () => number = Date.now,
  ) {
    this.anchorWall = wall();
    this.anchorSim = start;
  }
  now(): number {
    return this.anchorSim + (this.wall() - this.anchorWall) * this.speedFactor;
  }
  get speed(): number {
    return this.speedFactor;
  }
  setSpeed(speed: number): void {
    this.anchorSim = this.now();
    this.anchorWall = this.wall();
    this.speedFactor = speed;
  }
}

/** A clock that moves only when told to: for tests and deterministic benchmarks. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();
