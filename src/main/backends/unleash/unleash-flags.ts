// Flags from an Unleash server's Admin API (6.x): every feature of the connection's projects in
// every environment, switched per environment and ramped through its one gradual-rollout strategy.
// Each write reads the flag first and refuses when it is not at the version the person decided on;
// Unleash cannot make the write itself conditional, so a change landing between that read and the
// write (milliseconds) is not caught. A flag already in the asked-for state is left alone.
import type { Flag, FlagChangeResult } from '../../../shared/flags';
import { assertRolloutPercent } from '../../../shared/flags';
import {
  FlagChangedUnderneath,
  FlagChangeRefused,
  FlagNotFound,
  FlagsUnavailable,
  flagDifferences,
  type FlagsBackend,
  type FlagWriteOptions,
} from '../../core/flags/flags-backend';
import { UnleashAdminApi, type UnleashAdminApiOptions, type UnleashFeature } from './unleash-admin-api';
import { activeStrategies, ROLLOUT_STRATEGIES, toFlag } from './unleash-flag-shape';

export interface UnleashFlagsOptions extends UnleashAdminApiOptions {
  /** The connection's name. */
  name: string;
  /** The projects to show; all the token can see when absent. */
  projects?: string[];
  /** The clock for `asOf` (tests pass a fixed one). */
  now?: () => Date;
}

const rolloutWords = (f: Flag) =>
  f.strategies
    .filter((s) => s.rolloutPercent !== undefined)
    .map((s) => `${s.rolloutPercent}%${s.groupId ? ` (group ${s.groupId})` : ''}`)
    .join(', ') || 'no rollout';

export class UnleashFlags implements FlagsBackend {
  readonly name: string;
  readonly kind = 'unleash';
  private readonly api: UnleashAdminApi;
  /** Which project each flag lives in (feature names are unique across an Unleash instance). */
  private readonly projectOf = new Map<string, string>();
  /** The last flags read, by `key environment`, for stale answers and for saying what changed. */
  private readonly seen = new Map<string, Flag>();
  private lastList: { at: string; flags: Flag[] } | undefined;
  private readonly now: () => Date;
  /** Why the last list answered from its last read; undefined when the server answered. */
  problem: string | undefined;

  constructor(private readonly options: UnleashFlagsOptions) {
    this.name = options.name;
    this.api = new UnleashAdminApi(options);
    this.now = options.now ?? (() => new Date());
  }

  private async read(project: string, key: string): Promise<Flag[]> {
    const [feature, events, tags]: [
      UnleashFeature,
      Awaited<ReturnType<UnleashAdminApi['events']>>,
      Awaited<ReturnType<UnleashAdminApi['tags']>>,
    ] = await Promise.all([this.api.feature(project, key), this.api.events(key), this.api.tags(key)]);
    this.projectOf.set(key, project);
    const flags = feature.environments.map((e) => toFlag(feature, e, { events, tags }));
    for (const f of flags) this.seen.set(`${f.key} ${f.environment}`, f);
    return flags;
  }

  async list(environment?: string): Promise<Flag[]> {
    try {
      const projects = this.options.projects ?? (await this.api.projects());
      const perProject = await Promise.all(
        projects.map(async (project) => {
          const keys = await this.api.featureNames(project);
          return (await Promise.all(keys.map((key) => this.read(project, key)))).flat();
        }),
      );
      const flags = perProject.flat();
      this.lastList = { at: this.now().toISOString(), flags };
      this.problem = undefined;
      return environment === undefined ? flags : flags.filter((f) => f.environment === environment);
    } catch (error) {
      if (error instanceof FlagsUnavailable) this.problem = error.message;
      if (!(error instanceof FlagsUnavailable) || !this.lastList) throw error;
      const { at, flags } = this.lastList;
      return flags
        .filter((f) => environment === undefined || f.environment === environment)
        .map((f) => ({ ...f, stale: true, asOf: at }));
    }
  }

  /** The project of a flag: known from an earlier read, or found by asking each project. */
  private async findProject(key: string): Promise<string | undefined> {
    const known = this.projectOf.get(key);
    if (known) return known;
    for (const project of this.options.projects ?? (await this.api.projects()))
      if ((await this.api.featureNames(project)).includes(key)) return project;
    return undefined;
  }

  private async fresh(key: string, environment: string): Promise<Flag | undefined> {
    const project = await this.findProject(key);
    if (!project) return undefined;
    try {
      return (await this.read(project, key)).find((f) => f.environment === environment);
    } catch (error) {
      if (!(error instanceof FlagNotFound)) throw error;
      this.projectOf.delete(key); // archived or moved: look again next time
      return undefined;
    }
  }

  async get(key: string, environment: string): Promise<Flag | undefined> {
    try {
      return await this.fresh(key, environment);
    } catch (error) {
      const last = this.seen.get(`${key} ${environment}`);
      if (!(error instanceof FlagsUnavailable) || !last) throw error;
      return { ...last, stale: true, asOf: this.lastList?.at ?? this.now().toISOString() };
    }
  }

  /**
   * The write frame: read, return `already` when the flag is so (whatever its version: the person's
   * aim is met, and a kill switch must never be refused because someone else pulled it first),
   * refuse when it moved since `expected`, write, and read back what the flag is now.
   */
  private async change(
    key: string,
    environment: string,
    options: FlagWriteOptions,
    what: {
      isSo: (f: Flag) => boolean;
      write: (project: string, f: Flag) => Promise<void>;
      words: (before: Flag, after: Flag) => string;
    },
  ): Promise<FlagChangeResult> {
    const saw = this.seen.get(`${key} ${environment}`);
    const before = await this.fresh(key, environment);
    if (!before)
      throw new FlagNotFound(`Unleash (${this.name}) has no flag ${key} in environment ${environment}`);
    if (what.isSo(before))
      return {
        outcome: 'already',
        before,
        after: before,
        message: `${key} in ${environment}: already ${what.words(before, before)}`,
      };
    if (before.version !== options.expected) {
      const changed =
        saw && saw.version === options.expected
          ? flagDifferences(saw, before)
          : [`changed since the version you saw (${options.expected})`];
      throw new FlagChangedUnderneath(
        `${key} in ${environment} changed underneath you: ${changed.join('; ')}. Nothing was changed: look at it again and decide.`,
        changed,
        before,
      );
    }
    await what.write(before.project, before);
    const after = await this.fresh(key, environment);
    if (!after) throw new FlagNotFound(`${key} in ${environment} was archived while it was being changed`);
    return {
      outcome: 'applied',
      before,
      after,
      message: `${key} in ${environment}: ${what.words(before, after)}`,
    };
  }

  enable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult> {
    return this.change(key, environment, options, {
      isSo: (f) => f.enabled,
      write: (project) => this.api.switchEnvironment(project, key, environment, true),
      words: (before, after) => (before === after ? 'on' : `off → on (${rolloutWords(after)})`),
    });
  }

  disable(key: string, environment: string, options: FlagWriteOptions): Promise<FlagChangeResult> {
    return this.change(key, environment, options, {
      isSo: (f) => !f.enabled,
      write: (project) => this.api.switchEnvironment(project, key, environment, false),
      words: (before, after) => (before === after ? 'off' : 'on → off'),
    });
  }

  async setRollout(
    key: string,
    environment: string,
    options: FlagWriteOptions & { percent: number; groupId?: string },
  ): Promise<FlagChangeResult> {
    const { percent, groupId } = options;
    assertRolloutPercent(percent);
    return this.change(key, environment, options, {
      isSo: (f) => {
        const rollouts = f.strategies.filter((s) => ROLLOUT_STRATEGIES.has(s.name));
        return (
          rollouts.length === 1 &&
          rollouts[0]!.rolloutPercent === percent &&
          (groupId === undefined || rollouts[0]!.groupId === groupId)
        );
      },
      write: async (project) => {
        const feature = await this.api.feature(project, key);
        const env = feature.environments.find((e) => e.name === environment);
        if (!env) throw new FlagNotFound(`Unleash has no environment ${environment} for ${key}`);
        const active = activeStrategies(env);
        const rollouts = active.filter((s) => ROLLOUT_STRATEGIES.has(s.name));
        if (rollouts.length > 1)
          throw new FlagChangeRefused(
            `${key} in ${environment} has ${rollouts.length} gradual rollout strategies: which one to change is a decision to make in Unleash`,
          );
        const rollout = rollouts[0];
        if (rollout) {
          await this.api.updateStrategy(project, key, environment, {
            ...rollout,
            parameters: { ...rollout.parameters, rollout: String(percent), ...(groupId ? { groupId } : {}) },
          });
          return;
        }
        if (active.length > 0)
          throw new FlagChangeRefused(
            `${key} in ${environment} is decided by ${active.map((s) => s.name).join(', ')}: a gradual rollout beside them would not narrow who sees it; change it in Unleash`,
          );
        await this.api.addStrategy(project, key, environment, {
          name: 'flexibleRollout',
          constraints: [],
          parameters: { rollout: String(percent), stickiness: 'default', groupId: groupId ?? key },
        });
      },
      words: (before, after) =>
        before === after
          ? `at ${rolloutWords(before)}`
          : `rollout ${rolloutWords(before)} → ${rolloutWords(after)}`,
    });
  }
}
