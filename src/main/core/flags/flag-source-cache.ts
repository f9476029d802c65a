// One flags connection's last good read, refreshed on the room's beat and when a list finds it due.
// A read that fails or outlives its deadline leaves the last flags in place, marked stale with
// their age and why, so a dead connection never empties the view or holds up the others.
import type { Flag, FlagSourceStatus } from '../../../shared/flags';
import { isoTime } from '../clock';
import type { FlagsBackend } from './flags-backend';

export const DEFAULT_FLAGS_TIMEOUT_MS = 5_000;
export const DEFAULT_FLAGS_POLL_MS = 15_000;
/** How long a list waits on a due re-read before it answers from the last one, marked stale. */
const LIST_PATIENCE_MS = 1_000;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Rejects after `ms` with a message naming what got no answer; the work itself may go on. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} got no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export class FlagSourceCache {
  private flags: Flag[] | undefined;
  private readAt: number | undefined;
  private triedAt: number | undefined;
  private problem: string | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    readonly backend: FlagsBackend,
    /** Wall time: a backend's age is real time, whatever speed the room's clock runs at. */
    private readonly now: () => number,
    /** Told when the flags or the connection's liveness changed after a read. */
    private readonly changed: () => void,
  ) {}

  get name(): string {
    return this.backend.name;
  }

  get timeoutMs(): number {
    return this.backend.timeoutMs ?? DEFAULT_FLAGS_TIMEOUT_MS;
  }

  private get pollMs(): number {
    return this.backend.pollIntervalMs ?? DEFAULT_FLAGS_POLL_MS;
  }

  get live(): boolean {
    return this.readAt !== undefined && this.problem === undefined;
  }

  private get due(): boolean {
    return this.triedAt === undefined || this.now() - this.triedAt >= this.pollMs;
  }

  /** Reads the flags again unless a read is under way; resolves when it ended (by its deadline at most). */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const wasLive = this.live;
    const before = this.digest();
    this.triedAt = this.now();
    this.refreshing = withDeadline(this.backend.list(), this.timeoutMs, `${this.name}: list flags`)
      .then(
        (flags) => {
          const stale = flags.filter((f) => f.stale);
          if (stale.length === 0) {
            this.take(flags, this.now());
            this.problem = undefined;
            return;
          }
          // The backend answered from its own last read: keep it, with the age it has.
          this.problem = this.backend.problem ?? 'did not answer; showing its last read';
          if (this.readAt === undefined) {
            const asOf = Math.min(...stale.map((f) => Date.parse(f.asOf ?? '') || this.now()));
            this.take(flags, asOf);
          }
        },
        (error: unknown) => {
          this.problem = errorText(error);
        },
      )
      .finally(() => {
        this.refreshing = undefined;
        if (wasLive !== this.live || before !== this.digest()) this.changed();
      });
    return this.refreshing;
  }

  /** On the room's beat: a read when one is due, not awaited. */
  poll(): void {
    if (this.due && !this.refreshing) void this.refresh();
  }

  /** The flags as a list should show them: re-read first when due (waiting a little if read before). */
  async current(): Promise<Flag[]> {
    if (this.due || this.readAt === undefined) {
      const reading = this.refresh();
      await (this.readAt === undefined
        ? reading
        : Promise.race([reading, new Promise((r) => setTimeout(r, LIST_PATIENCE_MS))]));
      if (this.refreshing && this.problem === undefined)
        this.problem = `no answer yet within ${LIST_PATIENCE_MS} ms; showing the last read`;
    }
    return this.shown();
  }

  /** The last read, each flag marked stale with its age when the connection is not answering. */
  shown(): Flag[] {
    const flags = this.flags ?? [];
    if (this.live || this.readAt === undefined) return flags;
    const asOf = isoTime(this.readAt);
    return flags.map((f) => ({ ...f, stale: true, asOf }));
  }

  /** The last read's flag (stale when not live), for a connection that cannot be asked now. */
  lastRead(key: string, environment: string): Flag | undefined {
    return this.shown().find((f) => f.key === key && f.environment === environment);
  }

  /** A call other than a list failed: shown stale with why, and read again at the next list. */
  failed(error: unknown): void {
    const wasLive = this.live;
    this.problem = errorText(error);
    this.triedAt = undefined;
    if (wasLive) this.changed();
  }

  /** A flag read or changed since: the list shows it at once. */
  update(flag: Flag): void {
    if (!this.flags || flag.stale) return;
    const i = this.flags.findIndex((f) => f.key === flag.key && f.environment === flag.environment);
    if (i === -1) this.flags = [...this.flags, flag];
    else this.flags = this.flags.map((f, j) => (j === i ? flag : f));
  }

  status(): FlagSourceStatus {
    const base = { connection: this.name, kind: this.backend.kind };
    if (this.live) return base;
    return {
      ...base,
      ...(this.readAt === undefined ? {} : { staleMs: Math.max(0, this.now() - this.readAt) }),
      problem: this.problem ?? 'not read yet',
    };
  }

  private take(flags: Flag[], at: number): void {
    this.flags = flags.map(({ stale: _stale, asOf: _asOf, ...f }) => f);
    this.readAt = at;
  }

  private digest(): string {
    return (this.flags ?? []).map((f) => `${f.key} ${f.environment} ${f.version}`).join('\n');
  }
}
