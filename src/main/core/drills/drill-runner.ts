// Runs a drill on simulated time: injects at their offsets, the controller's ticks, the
// steady-state checks, scripted responses (through the room's own action path, so preconditions
// and the audit apply) and, at the end, the scorecard. A UI or the server drives the same runner:
// start, pause, step, speed, reset, end, inject now, and a stream of events out.
import type { ActionResult } from '../../../shared/api';
import { actionRequestSchema } from '../../../shared/api/rollout-api';
import type { AlertWithPlaybook } from '../../../shared/alerts';
import type { AuditRecord, RolloutSummary } from '../../../shared/domain';
import {
  FLAG_AUDIT_KINDS,
  type Flag,
  type FlagAuditDetails,
  type FlagStateDigest,
} from '../../../shared/flags';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import type { Clock } from '../clock';
import { FlagChangedUnderneath, FlagNotFound, type FlagsBackend } from '../flags/flags-backend';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { DrillPacer, type PaceStatus, type PaceTimer } from './drill-pacer';
import type { DrillWorld } from './drill-world';
import {
  participantActions,
  scoreDrill,
  type DrillAction,
  type DrillAlertRecord,
  type DrillScore,
  type InjectRecord,
} from './drill-score';
import { implicatedRollouts } from './implicated-rollouts';
import type { ResponseScript, ScriptedResponse, ScriptCondition } from './response-script';
import { injectSchema, type Inject, type Probe, type ScenarioFile } from './scenario-schema';
import { checkSteadyState, type SteadyStateCheck } from './steady-state';

/** What the runner needs of the drill's control room (a ControlRoom on the drill's simulator). */
export interface DrillRoom {
  act(input: ReturnType<typeof actionRequestSchema.parse>, actor: string): Promise<ActionResult>;
  judgeCanary(input: { id: string; windowSec: number }, actor: string): Promise<unknown>;
  tick(): Promise<void>;
  fleet(): RolloutSummary[];
}

/** One run's parts, opened fresh by the composer at start and at every reset. */
export interface DrillParts {
  room: DrillRoom;
  world: DrillWorld;
  metrics: MetricsBackend;
  /** The drill simulator's flags, for a scripted flag-disable (the kill switch). */
  flags?: FlagsBackend;
  clock: Clock & { advance(ms: number): void };
  /** The drill workspace's audit log, oldest first. */
  history(): readonly AuditRecord[];
  /** Writes a record of the drill (an inject, a reverted config) to its audit log, fsynced. */
  record(entry: AuditEntry): void;
  /** Where the drill's workspace is (its audit log, its scorecard). */
  workspace: string;
  /** Reads the room's alert sources now: the alerts firing, each with its playbook's steps resolved. */
  firingAlerts?(): Promise<readonly AlertWithPlaybook[]>;
  close(): void;
}

export type DrillState = 'ready' | 'running' | 'paused' | 'ended';

export type DrillEvent =
  | { type: 'state'; state: DrillState; offset: number }
  | { type: 'tick'; offset: number }
  /** Paced runs: the machine cannot keep up with the speed (lagging), or holds it again. */
  | ({ type: 'pace'; offset: number } & PaceStatus)
  | { type: 'inject'; offset: number; inject: Inject; live: boolean }
  | { type: 'steady-state'; offset: number; holds: boolean; failing: string[] }
  | { type: 'response'; offset: number; response: ScriptedResponse; outcome: string; message: string }
  | { type: 'ended'; result: DrillResult };

/** One steady-state probe over the drill: its tolerance and its value at every check. */
export interface ProbeSeries {
  probe: string;
  metric: Probe['metric'];
  service: string;
  environment: string;
  min?: number;
  max?: number;
  /** From the check before the drill (offset 0) to the last; `value` absent: no data then. */
  points: { offset: number; value?: number; holds: boolean }[];
}

export interface DrillResult {
  scenario: { id: string; title: string; briefing: string; steadyState: string };
  /** The team that ran it, for the history's trends per scenario and team. */
  team?: string;
  seed: number;
  durationMs: number;
  /** Offset of the end (a drill ended early ends before its duration). */
  endedAt: number;
  steadyStateBefore: SteadyStateCheck;
  injects: InjectRecord[];
  /** The alerts that fired, when they first did, with their playbooks' steps. */
  alerts: DrillAlertRecord[];
  actions: DrillAction[];
  /** Steady-state transitions (when it broke, when it held again), with what failed. */
  steadyState: { offset: number; holds: boolean; failing: string[] }[];
  /** What the rollouts' controller and judge did by themselves (aborts, pauses, completions). */
  controller: { offset: number; rollout: string; what: string }[];
  score: DrillScore;
  /** Each steady-state probe's metric over the drill, for the report's charts. */
  series?: ProbeSeries[];
  /** Wall-clock fields: the only ones that differ between two runs with the same seed and script. */
  wall: { startedAt: string; finishedAt: string; elapsedMs: number; workspace: string };
}

export interface DrillRunnerOptions {
  script?: ResponseScript;
  /** Simulated time per controller step. */
  tickMs?: number;
  /** Simulated seconds per wall second when paced (start()); 1-60. */
  speed?: number;
  seed: number;
  team?: string;
  /** The wall clock, for the report's wall fields only. */
  wallNow?: () => number;
  /** The wall clock and timers paced runs (start()) keep time by. */
  timer?: PaceTimer;
}

const DEFAULT_TICK_MS = 10_000;
export const MAX_SPEED = 60;

/** Controller changes worth a line in the timeline. */
const CONTROLLER_KINDS = new Set([
  'rollout.aborted',
  'rollout.paused',
  'rollout.completed',
  'rollout.resumed',
]);

export class DrillRunner {
  private parts!: DrillParts;
  private stateNow: DrillState = 'ready';
  private offsetNow = 0;
  private speedNow: number;
  private readonly listeners = new Set<(event: DrillEvent) => void>();
  private injects: InjectRecord[] = [];
  private alerts: DrillAlertRecord[] = [];
  private pendingInjects: Inject[] = [];
  private checks: SteadyStateCheck[] = [];
  private before!: SteadyStateCheck;
  private pending: { response: ScriptedResponse; dueAt?: number }[] = [];
  private keySeq = 0;
  private readonly pacer: DrillPacer;
  private stepping: Promise<void> | undefined;
  private wallStart = 0;
  private result: DrillResult | undefined;
  private readonly tickMs: number;
  private readonly wallNow: () => number;

  constructor(
    readonly scenario: ScenarioFile,
    private readonly open: () => DrillParts,
    private readonly options: DrillRunnerOptions,
  ) {
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    this.speedNow = DrillRunner.checkSpeed(options.speed ?? MAX_SPEED);
    this.wallNow = options.wallNow ?? Date.now;
    this.pacer = new DrillPacer({
      tickMs: this.tickMs,
      offset: () => this.offsetNow,
      step: () => this.pacedStep(),
      onLag: (status) => this.emit({ type: 'pace', offset: this.offsetNow, ...status }),
      onError: (error) => {
        console.error('drill step failed:', error);
        this.pause();
      },
      ...(options.timer ? { timer: options.timer } : {}),
    });
    this.openRun();
  }

  static checkSpeed(speed: number): number {
    if (!Number.isFinite(speed) || speed < 1 || speed > MAX_SPEED)
      throw new RangeError(
        `speed must be between 1 and ${MAX_SPEED} (simulated seconds per wall second), not ${speed}`,
      );
    return speed;
  }

  get state(): DrillState {
    return this.stateNow;
  }
  /** Simulated ms since the drill's start. */
  get offset(): number {
    return this.offsetNow;
  }
  get speed(): number {
    return this.speedNow;
  }
  /** Paced runs: whether the machine keeps up with the speed, and the simulated time it gave up. */
  get pace(): PaceStatus {
    return this.pacer.status;
  }
  get workspace(): string {
    return this.parts.workspace;
  }
  /** The injects still to come, for the facilitator's panel. */
  get upcoming(): readonly Inject[] {
    return this.pendingInjects;
  }

  /** The injects that have happened so far, with when each ended. */
  get happened(): readonly InjectRecord[] {
    return this.injects;
  }
  /** The steady-state hypothesis at the last check (the "before" check until the first step). */
  get steadyState(): SteadyStateCheck | undefined {
    return this.checks.at(-1) ?? this.before;
  }
  get seed(): number {
    return this.options.seed;
  }

  onEvent(listener: (event: DrillEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs paced at the speed (simulated seconds per wall second) until paused or ended. */
  start(): void {
    if (this.stateNow === 'ended') throw new Error('the drill has ended: reset it to run it again');
    if (this.stateNow === 'running') return;
    this.setState('running');
    this.pacer.start(this.speedNow);
  }

  pause(): void {
    if (this.stateNow !== 'running') return;
    this.pacer.stop();
    this.setState('paused');
  }

  setSpeed(speed: number): void {
    this.speedNow = DrillRunner.checkSpeed(speed);
    this.pacer.setSpeed(this.speedNow);
  }

  /** One controller step of simulated time (while not running paced). */
  async step(): Promise<void> {
    if (this.stateNow === 'ended') throw new Error('the drill has ended');
    if (this.stateNow === 'running') throw new Error('pause the drill to step it');
    await this.advance();
  }

  /** Headless: as fast as the CPU allows, no sleeping, to the scenario's end; then the result. */
  async runToEnd(): Promise<DrillResult> {
    if (this.stateNow === 'running') this.pause();
    while (this.stateNow !== 'ended' && this.offsetNow < this.scenario.duration) await this.advance();
    return this.end();
  }

  /** Makes an extra inject happen now (the facilitator's live inject). */
  async injectNow(given: unknown): Promise<Inject> {
    if (this.stateNow === 'ended') throw new Error('the drill has ended');
    const inject = injectSchema.parse({ ...(given as object), at: 0 });
    if ([...this.injects.map((i) => i.id), ...this.pendingInjects.map((i) => i.id)].includes(inject.id))
      throw new Error(`an inject "${inject.id}" is already in this drill`);
    await this.stepping;
    this.apply({ ...inject, at: this.offsetNow }, true);
    return inject;
  }

  /**
   * Reverts a config push in effect (a person's or a script's action): it ends now, and the drill's
   * record says who. Anything else (a silent fault, a push not made yet or already over) is refused.
   */
  revertConfig(config: string, actor: string, reason: string): string {
    const record = this.injects.find((i) => i.id === config && i.kind === 'config-push');
    const ended =
      this.stateNow !== 'ended' &&
      record !== undefined &&
      this.parts.world.end(config, this.scenario.start + this.offsetNow);
    if (!ended || !record)
      throw new ApiError('precondition-failed', `config push ${config} is not in effect`);
    record.endedAt = this.offsetNow;
    this.parts.record({
      actor,
      kind: 'drill.config-reverted',
      target: config,
      reason,
      details: { config },
    });
    return `reverted config push ${config}`;
  }

  /**
   * The kill switch, as a script's response: turns the flag off in the environment now and writes
   * the same `flag.changed` record the flags API writes, so the score reads both alike.
   */
  async disableFlag(key: string, environment: string, actor: string, reason: string): Promise<string> {
    const flags = this.parts.flags;
    if (this.stateNow === 'ended') throw new ApiError('precondition-failed', 'the drill has ended');
    if (!flags) throw new ApiError('precondition-failed', 'this drill has no flags');
    const before = await flags.get(key, environment);
    if (!before) throw new ApiError('not-found', `no flag ${key} in ${environment}`);
    let result: Awaited<ReturnType<FlagsBackend['disable']>>;
    try {
      result = await flags.disable(key, environment, { expected: before.version, actor });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof FlagChangedUnderneath) throw new ApiError('precondition-failed', text);
      if (error instanceof FlagNotFound) throw new ApiError('not-found', text);
      throw new ApiError('backend-error', `the flag could not be turned off: ${text}`);
    }
    if (result.outcome === 'already') return result.message;
    const details: FlagAuditDetails = {
      connection: flags.name,
      environment,
      change: 'disable',
      before: digest(result.before),
      after: digest(result.after),
      services: result.after.services ?? [],
      message: result.message,
      idempotencyKey: `drill-${this.scenario.id}-${++this.keySeq}`,
    };
    this.parts.record({
      actor,
      kind: FLAG_AUDIT_KINDS.changed,
      target: key,
      reason,
      details: { ...details },
    });
    return result.message;
  }

  /** Ends the drill now and scores it. */
  async end(): Promise<DrillResult> {
    if (this.result) return this.result;
    this.pacer.stop();
    await this.stepping;
    const parts = this.parts;
    const start = this.scenario.start;
    const history = parts.history();
    const actions = participantActions(history, start);
    const score = scoreDrill(this.scenario, this.injects, actions, this.checks, this.offsetNow, this.alerts);
    const transitions: DrillResult['steadyState'] = [];
    for (const c of this.checks) {
      const prev = transitions.at(-1);
      if (prev && prev.holds === c.holds) continue;
      transitions.push({
        offset: c.at - start,
        holds: c.holds,
        failing: c.probes.filter((p) => !p.holds).map((p) => `${p.name}: ${p.reason}`),
      });
    }
    const finished = this.wallNow();
    this.result = {
      scenario: {
        id: this.scenario.id,
        title: this.scenario.title,
        briefing: this.scenario.briefing,
        steadyState: this.scenario.steadyState.title,
      },
      ...(this.options.team === undefined ? {} : { team: this.options.team }),
      seed: this.options.seed,
      durationMs: this.scenario.duration,
      endedAt: this.offsetNow,
      steadyStateBefore: this.before,
      injects: this.injects,
      alerts: this.alerts,
      actions,
      steadyState: transitions,
      controller: history
        .filter(
          (r) =>
            CONTROLLER_KINDS.has(r.kind) &&
            !actions.some((a) => a.offset === Date.parse(r.time) - start && r.actor === a.actor),
        )
        .map((r) => ({
          offset: Date.parse(r.time) - start,
          rollout: r.target.slice(r.target.indexOf('/') + 1),
          what: `${r.actor}: ${String(r.details.message ?? r.kind)}`,
        })),
      score,
      series: this.series(),
      wall: {
        startedAt: new Date(this.wallStart).toISOString(),
        finishedAt: new Date(finished).toISOString(),
        elapsedMs: finished - this.wallStart,
        workspace: parts.workspace,
      },
    };
    this.setState('ended');
    this.emit({ type: 'ended', result: this.result });
    return this.result;
  }

  private series(): ProbeSeries[] {
    const start = this.scenario.start;
    const checks = [this.before, ...this.checks];
    return this.scenario.steadyState.probes.map((p) => ({
      probe: p.name,
      metric: p.metric,
      service: p.service,
      environment: p.environment,
      ...(p.min === undefined ? {} : { min: p.min }),
      ...(p.max === undefined ? {} : { max: p.max }),
      points: checks.map((c) => {
        const r = c.probes.find((x) => x.name === p.name);
        return {
          offset: c.at - start,
          ...(r?.value === undefined ? {} : { value: r.value }),
          holds: r?.holds ?? false,
        };
      }),
    }));
  }

  /** Back to the start on a fresh world: the run so far is thrown away (its workspace stays). */
  async reset(): Promise<void> {
    this.pacer.reset();
    await this.stepping;
    this.parts.close();
    this.openRun();
    this.setState('ready');
  }

  /** Closes the run's files; the runner is done with. */
  close(): void {
    this.pacer.stop();
    this.parts.close();
  }

  private openRun(): void {
    this.parts = this.open();
    this.offsetNow = 0;
    this.injects = [];
    this.alerts = [];
    this.pendingInjects = [...this.scenario.timeline].sort((a, b) => a.at - b.at);
    this.checks = [];
    this.pending = (this.options.script?.responses ?? []).map((response) => ({ response }));
    this.keySeq = 0;
    this.result = undefined;
    this.wallStart = this.wallNow();
    this.stateNow = 'ready';
    // "Before": the hypothesis is checked once the world exists, before anything is injected.
    this.stepping = this.checkSteady().then((check) => {
      this.before = check;
    });
  }

  /** One paced step; the pacer schedules the next from the wall clock (see drill-pacer.ts). */
  private async pacedStep(): Promise<void> {
    await this.advance();
    if (this.offsetNow >= this.scenario.duration) await this.end();
  }

  private advance(): Promise<void> {
    const run = (this.stepping ?? Promise.resolve()).then(() => this.advanceOnce());
    this.stepping = run;
    return run;
  }

  private async advanceOnce(): Promise<void> {
    if (this.stateNow === 'ended') return;
    this.parts.clock.advance(this.tickMs);
    this.offsetNow += this.tickMs;
    while (this.pendingInjects[0] && this.pendingInjects[0].at <= this.offsetNow)
      this.apply(this.pendingInjects.shift() as Inject, false);
    for (const i of this.injects)
      if (i.endedAt === undefined && !this.parts.world.active(i.id, this.scenario.start + this.offsetNow))
        i.endedAt = this.endOf(i);
    await this.parts.room.tick();
    await this.noteAlerts();
    const check = await this.checkSteady();
    const prev = this.checks.at(-1) ?? this.before;
    this.checks.push(check);
    if (prev.holds !== check.holds)
      this.emit({
        type: 'steady-state',
        offset: this.offsetNow,
        holds: check.holds,
        failing: check.probes.filter((p) => !p.holds).map((p) => p.reason),
      });
    await this.runScript(check);
    this.emit({ type: 'tick', offset: this.offsetNow });
  }

  /** When an inject with a duration ended (its own end, not the tick that noticed it). */
  private endOf(i: InjectRecord): number {
    const inject = this.scenario.timeline.find((t) => t.id === i.id);
    return inject?.duration === undefined ? this.offsetNow : Math.min(this.offsetNow, i.at + inject.duration);
  }

  private apply(inject: Inject, live: boolean): void {
    this.parts.world.inject(inject, this.scenario.start + inject.at);
    this.injects.push({
      id: inject.id,
      kind: inject.kind,
      at: inject.at,
      live,
      ...(inject.note ? { note: inject.note } : {}),
      implicates: implicatedRollouts(inject, this.scenario.fleet),
    });
    // Injects a participant would see in the real world (a config push, a migration phase, an alert)
    // are on the drill's record; silent faults are only in the facilitator's timeline.
    if (inject.kind === 'config-push' || inject.kind === 'migration-phase' || inject.kind === 'alert')
      this.parts.record({
        actor: 'drill',
        kind: 'drill.injected',
        target: inject.id,
        reason: inject.note ?? inject.kind,
        details: { ...inject, live },
      });
    this.emit({ type: 'inject', offset: this.offsetNow, inject, live });
  }

  /** Each alert the first time it fires, with its playbook's steps as they resolved then. */
  private async noteAlerts(): Promise<void> {
    const firing = (await this.parts.firingAlerts?.()) ?? [];
    for (const a of firing) {
      if (a.state !== 'firing' || this.alerts.some((seen) => seen.id === a.id)) continue;
      this.alerts.push({
        id: a.id,
        name: a.name,
        ...(a.service === undefined ? {} : { service: a.service }),
        ...(a.environment === undefined ? {} : { environment: a.environment }),
        firedAt: this.offsetNow,
        ...(a.playbook ? { playbook: a.playbook.title } : {}),
        steps: a.countermeasures.map((c) => ({
          label: c.label,
          action: c.action,
          ...(c.rollout === undefined ? {} : { rollout: c.rollout.slice(c.rollout.indexOf('/') + 1) }),
        })),
      });
    }
  }

  private checkSteady(): Promise<SteadyStateCheck> {
    return checkSteadyState(
      this.scenario.steadyState.probes,
      this.parts.room.fleet(),
      this.parts.metrics,
      this.scenario.start + this.offsetNow,
    );
  }

  private holds(condition: ScriptCondition, check: SteadyStateCheck): boolean {
    switch (condition.kind) {
      case 'steady-state-broken':
        return !check.holds;
      case 'steady-state-holds':
        return check.holds;
      case 'inject':
        return this.injects.some((i) => i.id === condition.id);
      case 'probe-fails':
        return check.probes.some((p) => p.name === condition.name && !p.holds);
    }
  }

  private async runScript(check: SteadyStateCheck): Promise<void> {
    for (const p of this.pending) {
      const r = p.response;
      if (p.dueAt === undefined) {
        if (r.at !== undefined) p.dueAt = r.at;
        else if (r.when && this.holds(r.when, check)) p.dueAt = this.offsetNow + r.after;
      }
    }
    const due = this.pending.filter((p) => p.dueAt !== undefined && p.dueAt <= this.offsetNow);
    this.pending = this.pending.filter((p) => !due.includes(p));
    for (const p of due) await this.respond(p.response);
  }

  private async respond(r: ScriptedResponse): Promise<void> {
    const actor = this.options.script?.actor ?? 'drill-script';
    let outcome = 'succeeded';
    let message: string;
    try {
      if (r.action === 'revert-config') {
        message = this.revertConfig(r.config as string, actor, r.reason);
      } else if (r.action === 'flag-disable') {
        message = await this.disableFlag(r.flag as string, r.environment as string, actor, r.reason);
      } else if (r.action === 'investigate') {
        await this.parts.room.judgeCanary({ id: r.rollout as string, windowSec: 300 }, actor);
        message = `judged the canary of ${r.rollout}`;
      } else {
        const input = actionRequestSchema.parse({
          id: r.rollout,
          action: r.action,
          idempotencyKey: `drill-${this.scenario.id}-${++this.keySeq}`,
          reason: r.reason,
          ...(r.toVersion === undefined ? {} : { toVersion: r.toVersion }),
        });
        message = (await this.parts.room.act(input, actor)).message;
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcome = error.code === 'precondition-failed' ? 'refused' : 'failed';
      message = error.message;
    }
    this.emit({ type: 'response', offset: this.offsetNow, response: r, outcome, message });
  }

  private setState(state: DrillState): void {
    this.stateNow = state;
    this.emit({ type: 'state', state, offset: this.offsetNow });
  }

  private emit(event: DrillEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** The part of a flag's state a flag.changed record keeps. */
function digest(flag: Flag): FlagStateDigest {
  const rollout = flag.strategies.find((s) => s.rolloutPercent !== undefined);
  return {
    enabled: flag.enabled,
    ...(rollout?.rolloutPercent === undefined ? {} : { rolloutPercent: rollout.rolloutPercent }),
    ...(rollout?.groupId === undefined ? {} : { groupId: rollout.groupId }),
  };
}
