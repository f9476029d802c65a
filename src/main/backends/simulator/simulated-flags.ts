// The simulator's feature flags, as a flags backend: the fleet file declares them, each change is
// saved (when there is a store) before it is answered, and every state a flag has had is kept with
// its time, so the metrics of any past window see the flag's effect exactly where it was on.
import type { MetricName } from '../../../shared/domain';
import { isoTime, type Clock } from '../../core/clock';
import {
  FlagChangedUnderneath,
  FlagNotFound,
  FlagsUnavailable,
  flagDifferences,
  type FlagWriteOptions,
  type FlagsBackend,
} from '../../core/flags/flags-backend';
import { assertRolloutPercent, type Flag, type FlagChangeResult } from '../../../shared/flags';
import type { FleetFlag } from './fleet-flags';

/** A flag's state in one environment. */
export interface FlagSetting {
  enabled: boolean;
  rolloutPercent: number;
  groupId: string;
}

/** One change of one flag in one environment, as the store keeps it. */
export interface SimulatedFlagChange extends FlagSetting {
  /** Simulated ms. */
  at: number;
  key: string;
  environment: string;
  by: string;
}

/** Where changes go before they count: the flags store, or nowhere (drills, tests). */
export interface FlagPersistence {
  persistFlag(change: SimulatedFlagChange): void;
}

interface Cell {
  flag: FleetFlag;
  environment: string;
  /** Settings in time order, the first (the fleet file's) from the start of time. */
  history: { from: number; setting: FlagSetting; by?: string }[];
}

/** A cohort of users for a per-cohort series: those the flag is on for, or the rest. */
export interface FlagCohort {
  flag: string;
  on: boolean;
}

const cellKey = (key: string, environment: string) => `${key}\n${environment}`;

function describe(s: FlagSetting): string {
  return `${s.enabled ? 'on' : 'off'}, rollout ${s.rolloutPercent}%`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class SimulatedFlags implements FlagsBackend {
  readonly kind = 'simulator';
  private readonly cells = new Map<string, Cell>();
  /** The cells whose flag has an effect, by the service it lands on. */
  private readonly withEffects = new Map<string, Cell[]>();
  private readonly listeners = new Set<(change: SimulatedFlagChange) => void>();
  private changes: SimulatedFlagChange[] = [];

  constructor(
    readonly name: string,
    flags: readonly FleetFlag[],
    environments: readonly string[],
    private readonly clock: Clock,
    private readonly persistence?: FlagPersistence,
    /** Changes saved earlier, oldest first, replayed over the fleet file's states. */
    restored: readonly SimulatedFlagChange[] = [],
  ) {
    for (const flag of flags)
      for (const environment of environments) {
        const declared = flag.environments[environment];
        const cell: Cell = {
          flag,
          environment,
          history: [
            {
              from: -Infinity,
              setting: {
                enabled: declared?.enabled ?? false,
                rolloutPercent: declared?.rolloutPercent ?? 100,
                groupId: declared?.groupId ?? flag.key,
              },
            },
          ],
        };
        this.cells.set(cellKey(flag.key, environment), cell);
        if (flag.effects.length > 0)
          for (const service of flag.services)
            this.withEffects.set(service, [...(this.withEffects.get(service) ?? []), cell]);
      }
    for (const change of restored) this.record(change);
  }

  /** Whether the store may hold this change: a declared flag in a fleet environment. */
  knows(key: string, environment: string): boolean {
    return this.cells.has(cellKey(key, environment));
  }

  /** Every change since the fleet file's states, oldest first (for the store's snapshot). */
  history(): readonly SimulatedFlagChange[] {
    return this.changes;
  }

  async list(environment?: string): Promise<Flag[]> {
    return [...this.cells.values()]
      .filter((c) => environment === undefined || c.environment === environment)
      .map((c) => this.toFlag(c));
  }

  async get(key: string, environment: string): Promise<Flag | undefined> {
    const cell = this.cells.get(cellKey(key, environment));
    return cell && this.toFlag(cell);
  }

  async enable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult> {
    return this.change(key, environment, options, (s) => ({ ...s, enabled: true }), 'on');
  }

  async disable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult> {
    return this.change(key, environment, options, (s) => ({ ...s, enabled: false }), 'off');
  }

  async setRollout(
    key: string,
    environment: string,
    options: FlagWriteOptions & { percent: number; groupId?: string },
  ): Promise<FlagChangeResult> {
    const { percent, groupId } = options;
    assertRolloutPercent(percent);
    return this.change(
      key,
      environment,
      options,
      (s) => ({ ...s, rolloutPercent: percent, groupId: groupId ?? s.groupId }),
      `rollout ${percent}%${groupId === undefined ? '' : ` by ${groupId}`}`,
    );
  }

  /**
   * A change the simulated world makes by itself (a drill's inject: someone else flipped it), with
   * no precondition. Returns false when the flag was already so.
   */
  flip(
    key: string,
    environment: string,
    setting: Partial<FlagSetting>,
    by: string,
    at = this.clock.now(),
  ): boolean {
    const cell = this.cellOf(key, environment);
    const now = this.settingOf(cell);
    const next = { ...now, ...setting };
    if (sameSetting(now, next)) return false;
    // History stays in time order: a flip is never dated before the flag's last change.
    const from = Math.max(at, (cell.history.at(-1) as Cell['history'][number]).from);
    this.commit({ ...next, at: from, key, environment, by });
    return true;
  }

  /** Told of every change once it is saved: the API's change stream says `flags` changed. */
  onChange(listener: (change: SimulatedFlagChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The factor the flags on at `at` multiply one metric of a service by, each scaled by its
   * rollout share. For a cohort's series the named flag counts in full (its users) or not at all.
   */
  factor(service: string, environment: string, metric: MetricName, at: number, cohort?: FlagCohort): number {
    const cells = this.withEffects.get(service);
    if (!cells) return 1;
    let product = 1;
    for (const cell of cells) {
      if (cell.environment !== environment) continue;
      const share = this.shareAt(cell, at, cohort);
      if (share === 0) continue;
      for (const e of cell.flag.effects)
        if (e.metric === metric && e.factor !== undefined) product *= 1 + (e.factor - 1) * share;
    }
    return product;
  }

  /** The milliseconds the flags on at `at` add to one latency metric, scaled like factor(). */
  offset(service: string, environment: string, metric: MetricName, at: number, cohort?: FlagCohort): number {
    const cells = this.withEffects.get(service);
    if (!cells) return 0;
    let sum = 0;
    for (const cell of cells) {
      if (cell.environment !== environment) continue;
      const share = this.shareAt(cell, at, cohort);
      if (share === 0) continue;
      for (const e of cell.flag.effects)
        if (e.metric === metric && e.addMs !== undefined) sum += e.addMs * share;
    }
    return sum;
  }

  /** The share (0 to 1) of the flag's users in the environment at `at`: 0 while it is off. */
  share(key: string, environment: string, at: number): number {
    const cell = this.cells.get(cellKey(key, environment));
    return cell ? this.shareAt(cell, at) : 0;
  }

  private shareAt(cell: Cell, at: number, cohort?: FlagCohort): number {
    if (cohort?.flag === cell.flag.key) return cohort.on ? 1 : 0;
    const setting = settingAt(cell, at);
    return setting.enabled ? setting.rolloutPercent / 100 : 0;
  }

  private cellOf(key: string, environment: string): Cell {
    const cell = this.cells.get(cellKey(key, environment));
    if (cell) return cell;
    const known = [...new Set([...this.cells.values()].map((c) => c.flag.key))];
    if (!known.includes(key))
      throw new FlagNotFound(
        `the simulator "${this.name}" has no flag ${key}${known.length > 0 ? ` (it has ${known.join(', ')})` : ''}`,
      );
    throw new FlagNotFound(`the simulator "${this.name}" has no environment ${environment}`);
  }

  private settingOf(cell: Cell): FlagSetting {
    return (cell.history.at(-1) as Cell['history'][number]).setting;
  }

  private async change(
    key: string,
    environment: string,
    options: FlagWriteOptions,
    next: (now: FlagSetting) => FlagSetting,
    what: string,
  ): Promise<FlagChangeResult> {
    const cell = this.cellOf(key, environment);
    const before = this.toFlag(cell);
    if (before.version !== options.expected) {
      const saw = this.flagAtVersion(cell, options.expected);
      const changed = saw
        ? flagDifferences(saw, before)
        : [`version ${options.expected} → ${before.version}`];
      throw new FlagChangedUnderneath(
        `${key} in ${environment} changed since you read it (${changed.join('; ')}); nothing was changed`,
        changed,
        before,
      );
    }
    const label = `${key} in ${environment}`;
    const now = this.settingOf(cell);
    const setting = next(now);
    if (sameSetting(now, setting))
      return { outcome: 'already', before, after: before, message: `${label}: already ${what}` };
    this.commit({ ...setting, at: this.clock.now(), key, environment, by: options.actor });
    return {
      outcome: 'applied',
      before,
      after: this.toFlag(cell),
      message: `${label}: ${describe(now)} → ${describe(setting)}`,
    };
  }

  /** Saves the change, then makes it so and tells the listeners; nothing changes when it cannot be saved. */
  private commit(change: SimulatedFlagChange): void {
    try {
      this.persistence?.persistFlag(change);
    } catch (error) {
      throw new FlagsUnavailable(
        `the simulated flags could not be saved (${errorText(error)}); ${change.key} in ${change.environment} was not changed`,
        { cause: error },
      );
    }
    this.record(change);
    for (const listener of this.listeners) listener(change);
  }

  private record(change: SimulatedFlagChange): void {
    const cell = this.cells.get(cellKey(change.key, change.environment));
    if (!cell) return;
    const { enabled, rolloutPercent, groupId } = change;
    cell.history.push({ from: change.at, setting: { enabled, rolloutPercent, groupId }, by: change.by });
    this.changes.push(change);
  }

  /** The flag as it was at `version` (its history holds every state), for saying what changed. */
  private flagAtVersion(cell: Cell, version: string): Flag | undefined {
    const n = Number(version.split(':')[0]);
    if (!Number.isSafeInteger(n) || n < 0 || n >= cell.history.length) return undefined;
    const flag = this.toFlag(cell, n);
    return flag.version === version ? flag : undefined;
  }

  private toFlag(cell: Cell, index = cell.history.length - 1): Flag {
    const entry = cell.history[index] as Cell['history'][number];
    const { setting } = entry;
    const { flag } = cell;
    return {
      key: flag.key,
      project: this.name,
      environment: cell.environment,
      enabled: setting.enabled,
      strategies: [
        {
          name: 'flexibleRollout',
          rolloutPercent: setting.rolloutPercent,
          groupId: setting.groupId,
          constraints: [],
        },
      ],
      variants: [],
      owner: flag.owner,
      description: flag.description,
      ...(entry.by === undefined ? {} : { lastChange: { at: isoTime(entry.from), by: entry.by } }),
      services: [...flag.services],
      // The count of changes leads, so it changes with every change; the state follows for people.
      version: `${index}:${setting.enabled ? 'on' : 'off'}:${setting.rolloutPercent}`,
    };
  }
}

function sameSetting(a: FlagSetting, b: FlagSetting): boolean {
  return a.enabled === b.enabled && a.rolloutPercent === b.rolloutPercent && a.groupId === b.groupId;
}

/** The setting in effect at `at`: the last one from at or before it. */
function settingAt(cell: Cell, at: number): FlagSetting {
  const h = cell.history;
  for (let i = h.length - 1; i >= 0; i--) {
    const entry = h[i] as Cell['history'][number];
    if (entry.from <= at) return entry.setting;
  }
  return (h[0] as Cell['history'][number]).setting;
}
