// An HAProxy-fronted fleet as a DeploymentBackend. HAProxy has no idea of a rollout, so the control
// room is the controller: each service's rollout lives in the workspace (RolloutStore: saved before
// it is answered), and every step is a set of weights written over the Runtime API and read back.
// One operation at a time: reads, writes and the rolling upgrade's hooks never interleave, so an
// action is never applied twice. list() answers from memory, so a hung socket never blocks it.
import type { Clock } from '../../core/clock';
import type { HaproxyConnection, HaproxyService } from '../../core/connections/haproxy-connection';
import {
  BackendNotSaved,
  BackendRefusal,
  type BackendAnswer,
  type BackendChange,
  type BackendCommand,
  type DeploymentBackend,
  type RolloutSnapshot,
} from '../../core/rollouts/deployment-backend';
import { applyCommand, CommandRejected } from '../rollout-controller/rollout-commands';
import {
  abortOnFailedAnalysis,
  advance,
  ChangeLog,
  snapshot,
  type StepReadiness,
} from '../rollout-controller/rollout-machine';
import type { RolloutStore } from '../rollout-controller/rollout-store';
import { parseLiveState, type LiveBackend } from './haproxy-state';
import type { RuntimeApi } from './runtime-api';
import { runUpgradeHook } from './upgrade-hook';
import type { HaproxyRollout } from './saved-haproxy-rollout';
import { planDifferences, planWeights, samePlan, serverVersions, type WeightPlan } from './weight-plan';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** HAProxy could not be reached or refused a write during an action: the cause is in the message. */
export class HaproxyActionFailed extends Error {}

const rolloutId = (s: HaproxyService): string => `${s.service}-${s.environment}`;
/** Which weights a session count belongs to: one weight of one rollout of one version. */
const countKey = (r: HaproxyRollout): string => `${r.startedAt}:${r.canaryVersion}:${r.weight}`;
/** Observed and set shares may differ by this many points, once this many sessions were counted. */
const SHARE_TOLERANCE = 10;
const MIN_SESSIONS = 100;

export class HaproxyDeployments implements DeploymentBackend {
  readonly name: string;
  private readonly rollouts = new Map<string, HaproxyRollout>();
  private readonly services = new Map<string, HaproxyService>();
  private readonly listeners = new Set<(change: BackendChange) => void>();
  private saved: BackendChange[];
  private live = new Map<string, LiveBackend>();
  /** When each rollout's current step was last read back in place. */
  private readonly placed = new Map<string, number>();
  /** lbtot per server when each rollout's weights were last read back in place. */
  private readonly counted = new Map<string, { key: string; base: Map<string, number> }>();
  /** A config problem per rollout (a server HAProxy does not know), shown until it is mended. */
  private readonly problems = new Map<string, string>();
  /** Rollouts whose last action failed midway: their saved weights are written again once HAProxy answers. */
  private readonly restore = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;
  private refreshing = false;
  /** Upgrade hooks running (rollout/server), and how those that ended went, until the next move. */
  private readonly hooksRunning = new Set<string>();
  private readonly hookOutcomes = new Map<string, { ok: true } | { ok: false; error: unknown }>();
  private lastRefreshAt = 0;
  private everyMs = 0;

  constructor(
    private readonly connection: HaproxyConnection,
    private readonly api: RuntimeApi,
    private readonly store: RolloutStore<HaproxyRollout>,
    private readonly clock: Clock,
    /** Where upgrade hooks run from. */
    private readonly workspaceDir: string,
    restored: ReadonlyMap<string, HaproxyRollout> = new Map(),
    restoredChanges: readonly BackendChange[] = [],
  ) {
    this.name = connection.name;
    for (const s of connection.services) this.services.set(rolloutId(s), s);
    for (const [id, r] of restored) if (this.services.has(id)) this.rollouts.set(id, r);
    this.saved = [...restoredChanges];
  }

  private readonly readyAt: StepReadiness = (r) => {
    const at = this.placed.get(r.id);
    return at !== undefined && at >= r.stepStartedAt ? at : undefined;
  };

  list(): RolloutSnapshot[] {
    return [...this.rollouts.values()].map((r) => this.view(r));
  }

  get(id: string): RolloutSnapshot | undefined {
    const r = this.rollouts.get(id);
    return r ? this.view(r) : undefined;
  }

  private view(r: HaproxyRollout): RolloutSnapshot {
    const s = snapshot(r);
    const problem = this.problems.get(r.id);
    if (problem) return { ...s, message: problem };
    if (r.drift)
      return {
        ...s,
        drift: r.drift,
        message: `Drift: ${r.drift}. Re-apply to set the rollout's weights again`,
      };
    const observed = this.observedShare(r);
    if (!observed) return s;
    const words = `HAProxy sent ${observed.share.toFixed(1)}% of ${observed.sessions} new sessions to ${r.canaryVersion}`;
    return Math.abs(observed.share - r.weight) > SHARE_TOLERANCE && observed.sessions >= MIN_SESSIONS
      ? { ...s, message: `Traffic does not follow the weights: ${words}, set ${r.weight}%` }
      : { ...s, message: `${s.message}; ${words}` };
  }

  /** The canary's share of sessions load-balanced since its weights were read back in place (lbtot deltas). */
  private observedShare(r: HaproxyRollout): { share: number; sessions: number } | undefined {
    const counted = this.counted.get(r.id);
    const service = this.services.get(r.id);
    const live = service && this.live.get(service.backend);
    if (!counted || !live || counted.key !== countKey(r)) return undefined;
    let sessions = 0;
    let canary = 0;
    for (const [server, base] of counted.base) {
      const delta = (live.servers.get(server)?.lbtot ?? base) - base;
      sessions += delta;
      if (r.serverVersions[server] === r.canaryVersion) canary += delta;
    }
    return sessions === 0 ? undefined : { share: (100 * canary) / sessions, sessions };
  }

  /** Weights in place: count sessions from here. */
  private startCounting(r: HaproxyRollout, live: LiveBackend): void {
    // At 100% and after an abort too: "serves all traffic" and "receives none" are checked like a share.
    const active = r.strategy !== 'rolling';
    if (!active) {
      this.counted.delete(r.id);
      return;
    }
    if (this.counted.get(r.id)?.key === countKey(r)) return;
    this.counted.set(r.id, {
      key: countKey(r),
      base: new Map([...live.servers].map(([name, server]) => [name, server.lbtot])),
    });
  }

  knownVersions(id: string): readonly string[] | undefined {
    const r = this.rollouts.get(id);
    const service = this.services.get(id);
    if (!r || !service) return undefined;
    return [...new Set([...Object.values(r.serverVersions), ...(service.upgrade?.versions ?? [])])];
  }

  /** Config problems HAProxy's answers revealed (a server it does not know), in words. */
  configProblems(): string[] {
    return [...this.problems.values()];
  }

  durableChanges(): readonly BackendChange[] {
    return this.saved;
  }

  forgetDurableChanges(): void {
    this.saved = [];
  }

  /** Every rollout, for folding the journal into a snapshot. */
  rawAll(): HaproxyRollout[] {
    return [...this.rollouts.values()];
  }

  onChange(listener: (change: BackendChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads HAProxy now and then every `intervalMs`, moving the rollouts on as it goes. */
  async start(intervalMs: number): Promise<void> {
    this.everyMs = intervalMs;
    this.timer = setInterval(() => this.tick(this.clock.now()), intervalMs);
    this.timer.unref?.();
    await this.refresh().catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * The core's tick (every second) and the timer's: a background refresh, unless one is running or
   * ran lately (the socket is read at most once per interval); never waits on the socket.
   */
  tick(_now: number): void {
    if (this.refreshing || Date.now() - this.lastRefreshAt < this.everyMs * 0.9) return;
    this.refreshing = true;
    this.lastRefreshAt = Date.now();
    void this.refresh()
      .catch(() => undefined)
      .finally(() => (this.refreshing = false));
  }

  /** One read of HAProxy, then whatever it allows: new rollouts, drift, steps in place, upgrades. */
  refresh(): Promise<void> {
    return this.exclusive(async () => {
      await this.readBack();
      for (const service of this.services.values()) await this.reconcile(service);
    });
  }

  async apply(id: string, command: BackendCommand): Promise<BackendAnswer> {
    return this.exclusive(async () => {
      const r = this.rollouts.get(id);
      const service = this.services.get(id);
      const problem = this.problems.get(id);
      if (problem) throw new BackendRefusal(problem);
      if (!r || !service) throw new CommandRejected(`no rollout ${id}`);
      if (command.kind === 'roll-forward' && !this.knownVersions(id)?.includes(command.toVersion))
        throw new CommandRejected(`${r.service} has no server running ${command.toVersion}`);
      try {
        await this.readBack();
      } catch (error) {
        throw new HaproxyActionFailed(
          `${this.name}: HAProxy did not answer (${errorText(error)}); nothing was done`,
          { cause: error },
        );
      }
      if (command.kind === 'reapply') {
        const message = await this.reapply(r, service, command);
        return { message, rollout: this.view(this.rollouts.get(id) as HaproxyRollout) };
      }
      let message = '';
      await this.transition(
        r,
        service,
        (next, now, log) => {
          this.move(next, now, log);
          message = applyCommand(next, command, now, log);
          if (command.kind === 'roll-forward' && next.strategy !== 'rolling') next.drift = undefined;
        },
        { idempotencyKey: command.idempotencyKey },
      );
      return { message, rollout: this.view(this.rollouts.get(id) as HaproxyRollout) };
    });
  }

  /**
   * Drift holds the rollout: no step is entered over a change someone made in HAProxy, not even after
   * a passing analysis; a failing one still aborts, since that only takes traffic away.
   */
  private move(next: HaproxyRollout, now: number, log: ChangeLog): void {
    if (next.drift) abortOnFailedAnalysis(next, now, log);
    else advance(next, now, this.readyAt, log);
  }

  /** Writes the rollout's weights again after a drift (a hand change, a reload); the offered fix. */
  private async reapply(
    r: HaproxyRollout,
    service: HaproxyService,
    command: BackendCommand,
  ): Promise<string> {
    if (!r.drift) throw new CommandRejected('nothing to re-apply: HAProxy matches the rollout');
    await this.transition(
      r,
      service,
      (next, now, log) => {
        log.record(next, now, 'action', command.actor, `Re-applied the rollout's weights (${next.drift})`);
        next.drift = undefined;
      },
      { force: true, idempotencyKey: command.idempotencyKey },
    );
    return `Re-applied the weights of ${r.id}`;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readBack(): Promise<void> {
    const state = await this.api.send('show servers state');
    const stat = await this.api.send('show stat');
    this.live = parseLiveState(state, stat);
  }

  private liveBackend(service: HaproxyService): LiveBackend {
    const live = this.live.get(service.backend);
    if (!live)
      throw new BackendRefusal(
        `service ${service.service}: HAProxy has no backend "${service.backend}" (it has ${[...this.live.keys()].join(', ')})`,
      );
    return live;
  }

  /** The weights rollout `r` asks of HAProxy now. Throws a BackendRefusal when it cannot have them. */
  private plan(r: HaproxyRollout, service: HaproxyService): WeightPlan {
    const live = this.liveBackend(service);
    const versions = new Map(Object.entries(r.serverVersions));
    return planWeights({
      service,
      live,
      versions,
      stableVersion: r.stableVersion,
      targetVersion: r.canaryVersion,
      share: r.completed ? 100 : r.weight,
      drainTarget: r.aborted !== undefined && r.canaryVersion !== r.stableVersion,
    });
  }

  /**
   * Changes a rollout: `mutate` a copy, write what it asks of HAProxy, save it, then publish. A refusal
   * or a failed write leaves the saved rollout as it was; weights a failed action already wrote are
   * put back once HAProxy answers again.
   */
  private async transition(
    r: HaproxyRollout,
    service: HaproxyService,
    mutate: (next: HaproxyRollout, now: number, log: ChangeLog) => void,
    options: { idempotencyKey?: string; force?: boolean; write?: boolean } = {},
  ): Promise<void> {
    const { idempotencyKey, force = false, write = service.strategy !== 'rolling' } = options;
    const now = this.clock.now();
    const next = structuredClone(r);
    const log = new ChangeLog();
    mutate(next, now, log);
    if (log.changes.length === 0 && !force) return;
    // A new step (or version) is in place only once read back after it.
    if (next.currentStepIndex !== r.currentStepIndex || next.canaryVersion !== r.canaryVersion)
      this.placed.delete(r.id);
    const before = write ? this.plan(r, service) : undefined;
    const plan = before && this.plan(next, service);
    // Under drift only a change of the rollout's own split is written: a verdict or a pause must
    // not put back what someone set by hand.
    if (before && plan && !(next.drift !== undefined && samePlan(before, plan))) {
      const written = await this.write(plan, service).catch((error: unknown) => {
        this.restore.add(r.id);
        throw error;
      });
      if (written > 0) this.placed.delete(r.id);
    }
    if (idempotencyKey !== undefined) for (const c of log.changes) c.idempotencyKey = idempotencyKey;
    try {
      const seq = this.store.persist({ at: now, rollouts: [next], changes: log.changes });
      for (const c of log.changes) c.worldSeq = seq;
    } catch (error) {
      if (before) await this.write(before, service).catch(() => this.restore.add(r.id));
      throw new BackendNotSaved(
        `${this.name}: the rollout could not be saved, weights put back: ${errorText(error)}`,
        {
          cause: error,
        },
      );
    }
    this.rollouts.set(r.id, next);
    this.saved.push(...log.changes);
    await this.readBack()
      .then(() => this.notePlaced(next, service))
      .catch(() => undefined);
    for (const change of log.changes) for (const listener of this.listeners) listener(change);
  }

  /** Writes the servers that differ from the plan; returns how many commands it sent. */
  private async write(plan: WeightPlan, service: HaproxyService): Promise<number> {
    const live = this.liveBackend(service);
    const commands: string[] = [];
    for (const [name, want] of plan) {
      const s = live.servers.get(name);
      if (s?.weight !== want.weight) commands.push(`set weight ${service.backend}/${name} ${want.weight}`);
      if (s?.drain !== want.drain)
        commands.push(`set server ${service.backend}/${name} state ${want.drain ? 'drain' : 'ready'}`);
    }
    for (const [i, command] of commands.entries()) {
      try {
        await this.api.set(command);
      } catch (error) {
        throw new HaproxyActionFailed(
          `${this.name}: the action failed at "${command}" (${errorText(error)}); ${i} of ${commands.length} changes reached HAProxy before it, and they are put back when it answers again`,
          { cause: error },
        );
      }
    }
    return commands.length;
  }

  private notePlaced(r: HaproxyRollout, service: HaproxyService): boolean {
    if (service.strategy === 'rolling') return false;
    const differences = planDifferences(this.plan(r, service), this.liveBackend(service));
    if (differences.length > 0) return false;
    this.placed.set(r.id, this.clock.now());
    this.startCounting(r, this.liveBackend(service));
    return true;
  }

  /** One service after a read: create its rollout, restore a failed action, report drift, move on. */
  private async reconcile(service: HaproxyService): Promise<void> {
    const id = rolloutId(service);
    let r = this.rollouts.get(id);
    try {
      const versions = serverVersions(service, this.liveBackend(service));
      this.problems.delete(id);
      if (!r) {
        r = await this.create(service, this.liveBackend(service), versions);
        if (!r) return;
        await this.readBack();
      }
      if (this.restore.has(id)) {
        await this.write(this.plan(r, service), service);
        this.restore.delete(id);
        await this.readBack();
      }
      if (service.strategy !== 'rolling') {
        const live = this.liveBackend(service);
        const differences = planDifferences(this.plan(r, service), live);
        const drift = differences.length === 0 ? undefined : this.driftWords(differences, live, versions);
        if (drift === undefined) {
          this.placed.set(id, this.clock.now());
          this.startCounting(r, live);
        }
        if (drift !== r.drift)
          await this.transition(
            r,
            service,
            (next, now, log) => {
              next.drift = drift;
              log.record(next, now, 'drift', 'controller', drift ?? 'HAProxy matches the rollout again');
            },
            { write: false },
          );
      }
      r = this.rollouts.get(id) as HaproxyRollout;
      if (service.strategy === 'rolling') await this.driveUpgrade(r, service);
      r = this.rollouts.get(id) as HaproxyRollout;
      await this.transition(r, service, (next, now, log) => this.move(next, now, log));
    } catch (error) {
      if (error instanceof BackendRefusal || !(error instanceof HaproxyActionFailed))
        this.problems.set(id, `${service.service} in ${service.environment}: ${errorText(error)}`);
      else throw error;
    }
  }

  /**
   * One move of a rolling upgrade: start the next batch (drain), or move a server on (drain until
   * scur is 0 or the drain timeout, maint, the hook, ready, its health check). Never more than a
   * batch out of service; each phase is saved before the next, so a restart picks up where it was.
   */
  private async driveUpgrade(start: HaproxyRollout, service: HaproxyService): Promise<void> {
    const upgrade = service.upgrade;
    const step = start.steps[start.currentStepIndex];
    if (!upgrade || start.completed || start.aborted || start.manualPause || step?.kind !== 'setWeight')
      return;
    const id = start.id;
    const current = () => this.rollouts.get(id) as HaproxyRollout;
    const note = (mutate: (next: HaproxyRollout) => void, words: string) =>
      this.transition(current(), service, (next, now, log) => {
        mutate(next);
        log.record(next, now, 'action', 'controller', words);
      });
    const servers = Object.keys(start.serverVersions);
    const to = start.canaryVersion;
    const target = Math.ceil((step.weight / 100) * servers.length);
    const hold = (server: string, why: string) =>
      note(
        (next) => (next.manualPause = { since: this.clock.now(), actor: 'controller' }),
        `Rolling upgrade paused at ${server}: ${why}`,
      );
    for (const u of [...start.upgrading]) {
      const live = this.liveBackend(service).servers.get(u.server);
      const since = this.clock.now() - u.since;
      const setPhase = (phase: 'hook' | 'health') => (next: HaproxyRollout) => {
        const entry = next.upgrading.find((x) => x.server === u.server);
        if (entry) Object.assign(entry, { phase, since: this.clock.now() });
      };
      if (u.phase === 'drain') {
        if ((live?.scur ?? 0) > 0 && since < upgrade.drainTimeout) continue;
        await this.api.set(`set server ${service.backend}/${u.server} state maint`);
        const why = (live?.scur ?? 0) > 0 ? `drain timed out with ${live?.scur} sessions` : 'drained';
        await note(setPhase('hook'), `${u.server}: ${why}, in maintenance; upgrading to ${to}`);
        u.phase = 'hook';
      }
      if (u.phase === 'hook') {
        // The hook runs outside the one-at-a-time queue, so pause and abort never wait for it.
        const key = `${id}/${u.server}`;
        const outcome = this.hookOutcomes.get(key);
        if (!outcome) {
          if (this.hooksRunning.has(key)) continue;
          this.hooksRunning.add(key);
          void runUpgradeHook(upgrade, this.workspaceDir, {
            backend: service.backend,
            server: u.server,
            address: live?.address ?? '',
            port: live?.port ?? '',
            fromVersion: current().serverVersions[u.server] ?? '',
            toVersion: to,
            service: service.service,
            environment: service.environment,
          })
            .then(
              () => ({ ok: true as const }),
              (error: unknown) => ({ ok: false as const, error }),
            )
            .then((result) => {
              this.hooksRunning.delete(key);
              this.hookOutcomes.set(key, result);
              void this.refresh().catch(() => undefined);
            });
          continue;
        }
        this.hookOutcomes.delete(key);
        if (!outcome.ok) {
          await hold(u.server, `${errorText(outcome.error)}; it stays in maintenance`);
          return;
        }
        await this.api.set(`set server ${service.backend}/${u.server} state ready`);
        await note(setPhase('health'), `${u.server}: upgraded to ${to}, waiting for its health check`);
        continue;
      }
      if (u.phase === 'health') {
        if (live?.up && !live.maint && !live.drain) {
          await note((next) => {
            next.upgrading = next.upgrading.filter((x) => x.server !== u.server);
            next.serverVersions[u.server] = to;
          }, `${u.server}: passes its health check on ${to}, back in service`);
        } else if (since > upgrade.healthTimeout)
          await hold(
            u.server,
            `no passing health check within ${upgrade.healthTimeout} ms (${live?.status ?? 'gone'})`,
          );
      }
    }
    const r = current();
    const done = servers.filter((s) => r.serverVersions[s] === to).length;
    if (r.upgrading.length > 0 || r.manualPause) return;
    if (done >= target) {
      this.placed.set(id, this.clock.now());
      return;
    }
    const batch = servers
      .filter((s) => r.serverVersions[s] !== to)
      .slice(0, Math.min(upgrade.batch, target - done));
    for (const server of batch) await this.api.set(`set server ${service.backend}/${server} state drain`);
    await note(
      (next) =>
        batch.forEach((server) => next.upgrading.push({ server, phase: 'drain', since: this.clock.now() })),
      `${batch.join(', ')}: draining for the upgrade to ${to}`,
    );
  }

  private driftWords(
    differences: string[],
    live: LiveBackend,
    versions: ReadonlyMap<string, string>,
  ): string {
    const reset = [...versions.keys()].every((s) => {
      const server = live.servers.get(s);
      return server !== undefined && server.weight === server.initialWeight;
    });
    const cause = reset
      ? 'HAProxy was reloaded or restarted and reset the runtime weights to its config'
      : 'HAProxy was changed outside the control room';
    return `${cause}: ${differences.join('; ')}`;
  }

  /** A service's first rollout: completed on the version carrying the most weight now. */
  private async create(
    service: HaproxyService,
    live: LiveBackend,
    versions: ReadonlyMap<string, string>,
  ): Promise<HaproxyRollout | undefined> {
    const weightOf = new Map<string, number>();
    for (const [server, version] of versions)
      weightOf.set(version, (weightOf.get(version) ?? 0) + (live.servers.get(server)?.weight ?? 0) + 1e-3);
    const stable = [...weightOf].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (!stable) return undefined;
    const now = this.clock.now();
    const r: HaproxyRollout = {
      id: rolloutId(service),
      service: service.service,
      environment: service.environment,
      strategy: service.strategy,
      steps: service.steps,
      stableVersion: stable,
      canaryVersion: stable,
      currentStepIndex: service.steps.length,
      weight: 100,
      completed: true,
      stableSince: now,
      retired: [],
      startedAt: now,
      stepStartedAt: now,
      updatedAt: now,
      revision: 0,
      weightHistory: [],
      analyses: [],
      timeline: [],
      serverVersions: Object.fromEntries(versions),
      upgrading: [],
    };
    // The control room takes control: the stable version's servers get all the traffic.
    if (service.strategy !== 'rolling') await this.write(this.plan(r, service), service);
    const log = new ChangeLog();
    log.record(
      r,
      now,
      'action',
      'controller',
      `Took control of HAProxy backend "${service.backend}": ${stable} serves all traffic`,
    );
    this.rollouts.set(r.id, r);
    // A journal needs a snapshot under it: a rollout taken over is saved whole at once.
    this.store.compact(this.rawAll(), now);
    for (const change of log.changes) for (const listener of this.listeners) listener(change);
    return r;
  }
}
