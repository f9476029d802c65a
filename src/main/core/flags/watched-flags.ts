// A flags backend whose every call is on its connection's health line with a deadline, so the top
// bar shows a flags connection live or stale with why, and a hung backend fails the call instead of
// hanging whoever waits on it. A list answered from the backend's last read counts as a failure.
import type { ConnectionHealth } from '../connections/connection-health';
import { FlagChangedUnderneath, FlagChangeRefused, FlagNotFound, type FlagsBackend } from './flags-backend';

export interface WatchOptions {
  health: ConnectionHealth;
  /** One backend request's deadline; a list or a change is a few requests, so it gets a few of these. */
  timeoutMs: number;
  pollIntervalMs: number;
}

/** Requests in one list (projects, names, each flag) or change (read, write, read back). */
const CALLS_PER_OPERATION = 3;

const isAnswer = (error: unknown): boolean =>
  error instanceof FlagNotFound ||
  error instanceof FlagChangedUnderneath ||
  error instanceof FlagChangeRefused ||
  error instanceof RangeError;

export function watchedFlags(backend: FlagsBackend, options: WatchOptions): FlagsBackend {
  const { health } = options;
  const deadline = options.timeoutMs * CALLS_PER_OPERATION;
  let problem: string | undefined;
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    let answer: { value: T } | { refusal: unknown };
    try {
      // A refusal (no such flag, changed underneath, out of range) is an answer: the backend is fine.
      answer = await health.call(what, deadline, () =>
        work().then(
          (value) => ({ value }),
          (error: unknown) => {
            if (isAnswer(error)) return { refusal: error };
            throw error;
          },
        ),
      );
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
      throw error;
    }
    problem = undefined;
    if ('refusal' in answer) throw answer.refusal;
    return answer.value;
  };
  return {
    name: backend.name,
    kind: backend.kind,
    get problem() {
      return problem ?? backend.problem;
    },
    timeoutMs: deadline,
    pollIntervalMs: options.pollIntervalMs,
    async list(environment) {
      const flags = await call('list flags', () => backend.list(environment));
      if (flags.some((f) => f.stale)) {
        problem = backend.problem ?? 'answered from its last read';
        health.failed(new Error(problem));
      }
      return flags;
    },
    get: (key, environment) => call(`read ${key}`, () => backend.get(key, environment)),
    enable: (key, environment, o) => call(`enable ${key}`, () => backend.enable(key, environment, o)),
    disable: (key, environment, o) => call(`disable ${key}`, () => backend.disable(key, environment, o)),
    setRollout: (key, environment, o) =>
      call(`set the rollout of ${key}`, () => backend.setRollout(key, environment, o)),
  };
}
