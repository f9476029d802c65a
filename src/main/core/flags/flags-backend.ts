// The interface every flags backend (Unleash's Admin API, a flagd file in git) implements. It is
// small on purpose: the core adds the freeze, the reason, the audit record and idempotency keys, so
// a backend only reads flags and writes one change after checking the flag is as the caller saw it.
import type { Flag, FlagChangeResult } from '../../../shared/flags';

/**
 * The precondition of every write: the `version` of the flag the person decided on. A backend that
 * finds another version refuses with FlagChangedUnderneath and writes nothing.
 */
export interface FlagWriteOptions {
  expected: string;
  /** Who asks, for backends that record an author (a flagd file's commit, say); never for auth. */
  actor: string;
}

export interface FlagsBackend {
  readonly name: string;
  /** The connection kind: `unleash`, `flagd-file`, `simulator`. */
  readonly kind: string;
  /** Why the last read fell back to stale flags (or failed); undefined when it answered. */
  readonly problem?: string | undefined;
  /** How long the core waits for one call before it answers from what it last read; 5 s when absent. */
  readonly timeoutMs?: number;
  /** How often the core reads its flags on the room's beat; 15 s when absent. */
  readonly pollIntervalMs?: number;
  /**
   * Every flag in every environment, or in one. When the backend does not answer, the last flags it
   * read come back marked `stale` with their `asOf`; it rejects with FlagsUnavailable only when it
   * has never answered (a dead backend is shown stale, never empty).
   */
  list(environment?: string): Promise<Flag[]>;
  /** One flag in one environment; undefined when the backend has no such flag or environment. */
  get(key: string, environment: string): Promise<Flag | undefined>;
  /** Turns the flag on in the environment; `already` when it was on (nothing written). */
  enable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult>;
  /** The kill switch: off in the environment. The core never refuses it for a freeze. */
  disable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult>;
  /** Sets the gradual rollout's share (0–100) and optionally its group; RangeError outside 0–100. */
  setRollout(
    key: string,
    environment: string,
    options: FlagWriteOptions & { percent: number; groupId?: string },
  ): Promise<FlagChangeResult>;
}

/** The backend could not answer (down, timed out, refused the token); the message names the call. */
export class FlagsUnavailable extends Error {}

/** The backend cannot make this change to this flag (two gradual rollouts to choose from, say): nothing was done. */
export class FlagChangeRefused extends Error {}

/** No such flag (or environment) in the backend: nothing was done. */
export class FlagNotFound extends Error {}

/**
 * The flag is not in the state the caller decided on: nothing was written. `changed` says what
 * differs in words ("enabled: false → true; rollout 10% → 50%"), `current` is the flag as it is now.
 */
export class FlagChangedUnderneath extends Error {
  constructor(
    message: string,
    readonly changed: string[],
    readonly current: Flag,
  ) {
    super(message);
  }
}

/** What differs between two states of one flag, in words, for FlagChangedUnderneath. */
export function flagDifferences(before: Flag, now: Flag): string[] {
  const out: string[] = [];
  if (before.enabled !== now.enabled) out.push(`enabled: ${before.enabled} → ${now.enabled}`);
  const share = (f: Flag) =>
    f.strategies
      .map(
        (s) =>
          `${s.name}${s.rolloutPercent === undefined ? '' : ` ${s.rolloutPercent}%`}${s.groupId ? ` group ${s.groupId}` : ''}`,
      )
      .join(', ') || 'no strategy';
  if (share(before) !== share(now)) out.push(`strategies: ${share(before)} → ${share(now)}`);
  const constraints = (f: Flag) => JSON.stringify(f.strategies.map((s) => s.constraints));
  if (constraints(before) !== constraints(now)) out.push('constraints changed');
  const variants = (f: Flag) => f.variants.map((v) => `${v.name} ${v.weightPercent}%`).join(', ') || 'none';
  if (variants(before) !== variants(now)) out.push(`variants: ${variants(before)} → ${variants(now)}`);
  if (out.length === 0 && before.version !== now.version)
    out.push('changed by someone else (same state, newer version)');
  return out;
}
