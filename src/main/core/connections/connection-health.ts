// One connection's health line: reachable, latency of the last call, last success, last error. Every
// backend call goes through `call`, which also gives it a deadline, so a hung backend fails the call
// (and the line says so) instead of hanging whoever waits on it.
import type { ConnectionRole, ConnectionStatus } from '../../../shared/connections';
import { isoTime, type Clock } from '../clock';

export class BackendTimeout extends Error {}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ConnectionHealth {
  private reachable: boolean | undefined;
  private latencyMs: number | undefined;
  private lastSuccess: number | undefined;
  private lastError: { at: number; message: string } | undefined;

  constructor(
    readonly name: string,
    readonly kind: string,
    readonly roles: ConnectionRole[],
    /** Wall time: health is about the real backend, not simulated time. */
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  /**
   * Runs one backend call with a deadline, recording how it went. `work` gets an AbortSignal that
   * fires at the deadline; the call rejects with BackendTimeout then, whatever `work` does.
   */
  async call<T>(what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const started = performance.now();
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new BackendTimeout(`${this.name}: ${what} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const value = await Promise.race([work(controller.signal), deadline]);
      this.succeeded(performance.now() - started);
      return value;
    } catch (error) {
      this.failed(error, performance.now() - started);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  succeeded(latencyMs: number): void {
    this.reachable = true;
    this.latencyMs = Math.round(latencyMs);
    this.lastSuccess = this.clock.now();
  }

  failed(error: unknown, latencyMs?: number): void {
    this.reachable = false;
    if (latencyMs !== undefined) this.latencyMs = Math.round(latencyMs);
    this.lastError = { at: this.clock.now(), message: errorText(error) };
  }

  /** Ms since the last success (Infinity before any); for a backend whose rows come from its reads. */
  ageMs(): number {
    return this.lastSuccess === undefined ? Number.POSITIVE_INFINITY : this.clock.now() - this.lastSuccess;
  }

  status(staleAfterMs?: number): ConnectionStatus {
    const age = this.ageMs();
    return {
      name: this.name,
      kind: this.kind,
      roles: this.roles,
      ...(this.reachable === undefined ? {} : { reachable: this.reachable }),
      ...(this.latencyMs === undefined ? {} : { latencyMs: this.latencyMs }),
      ...(this.lastSuccess === undefined ? {} : { lastSuccess: isoTime(this.lastSuccess) }),
      ...(this.lastError
        ? { lastError: { at: isoTime(this.lastError.at), message: this.lastError.message } }
        : {}),
      ...(staleAfterMs !== undefined && age > staleAfterMs && Number.isFinite(age) ? { staleMs: age } : {}),
    };
  }
}
