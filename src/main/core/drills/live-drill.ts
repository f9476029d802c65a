// The drill a shared room runs, as the API drives it: one status per caller (the facilitator sees
// every inject and the ones to come; participants see what a real on-call would notice), the
// facilitator's controls and live injects, the participants' actions as they happen, and a
// {type:'drill'} change on every runner event so every screen follows within a second.
import type { AuditRecord } from '../../../shared/domain';
import type { DrillActionView, DrillInjectView, DrillMark, DrillStatus } from '../../../shared/drills';
import { ApiError } from '../api/api-error';
import type { CallContext } from '../api/api-handlers';
import type { LiveDrill } from '../api/drill-handlers';
import { isoTime } from '../clock';
import type { DrillResult, DrillRunner } from './drill-runner';
import { participantActions, type InjectRecord } from './drill-score';
import { injectSchema, scenarioProblems, type Inject, type ScenarioFile } from './scenario-schema';

/** Injects a real on-call would notice: the rest are silent faults, found only by looking. */
const NOTICEABLE = new Set(['alert', 'config-push', 'migration-phase']);

export interface LiveDrillDeps {
  runner: DrillRunner;
  /** The person who started the drill: the only one who may drive it. */
  facilitator: string;
  team?: string;
  /** The drill's audit log now (a reset opens a fresh one), oldest first. */
  history(): readonly AuditRecord[];
  /** Tells every screen the drill changed. */
  changed(): void;
  /** Saves a finished run in the workspace's drill history; returns its id. */
  save(result: DrillResult): string;
}

const injectView = (i: InjectRecord | Inject, live: boolean): DrillInjectView => ({
  id: i.id,
  kind: i.kind,
  at: i.at,
  live,
  ...(i.note ? { note: i.note } : {}),
  ...('endedAt' in i && i.endedAt !== undefined ? { endedAt: i.endedAt } : {}),
});

const fieldPath = (path: readonly PropertyKey[]) => ['inject', ...path.map(String)].join('.');

export class LiveDrillRoom implements LiveDrill {
  private runId: string | undefined;
  private saveProblem: string | undefined;
  private liveCount = 0;
  private seenActions:
    { records: readonly AuditRecord[]; count: number; actions: DrillActionView[] } | undefined;

  constructor(private readonly deps: LiveDrillDeps) {
    deps.runner.onEvent((event) => {
      if (event.type === 'ended') this.saveRun(event.result);
      deps.changed();
    });
  }

  private get scenario(): ScenarioFile {
    return this.deps.runner.scenario;
  }

  /** The DRILL banner's data, for SessionInfo.drill. */
  mark(): DrillMark {
    return { scenario: this.scenario.id, title: this.scenario.title, state: this.deps.runner.state };
  }

  status(ctx: CallContext): DrillStatus {
    const runner = this.deps.runner;
    const facilitator = this.isFacilitator(ctx);
    const check = runner.steadyState;
    const happened = runner.happened
      .filter((i) => facilitator || i.live || NOTICEABLE.has(i.kind))
      .map((i) => injectView(i, i.live));
    return {
      scenario: {
        id: this.scenario.id,
        title: this.scenario.title,
        briefing: this.scenario.briefing,
        steadyState: this.scenario.steadyState.title,
      },
      ...(this.deps.team ? { team: this.deps.team } : {}),
      seed: runner.seed,
      state: runner.state,
      offset: runner.offset,
      durationMs: this.scenario.duration,
      speed: runner.speed,
      ...(runner.pace.lagging ? { lagging: { droppedMs: runner.pace.droppedMs } } : {}),
      simulatedTime: isoTime(this.scenario.start + runner.offset),
      steadyState: {
        holds: check?.holds ?? true,
        failing: (check?.probes ?? []).filter((p) => !p.holds).map((p) => `${p.name}: ${p.reason}`),
      },
      happened,
      ...(facilitator ? { upcoming: runner.upcoming.map((i) => injectView(i, false)) } : {}),
      actions: this.actions(),
      facilitator,
      ...(this.runId ? { runId: this.runId } : {}),
    };
  }

  async control(
    command: 'start' | 'pause' | 'step' | 'reset' | 'end',
    ctx: CallContext,
  ): Promise<DrillStatus> {
    this.onlyFacilitator(ctx, `${command} the drill`);
    const runner = this.deps.runner;
    try {
      switch (command) {
        case 'start':
          runner.start();
          break;
        case 'pause':
          runner.pause();
          break;
        case 'step':
          await runner.step();
          break;
        case 'reset':
          await runner.reset();
          this.runId = undefined;
          this.saveProblem = undefined;
          break;
        case 'end':
          await runner.end();
          if (this.saveProblem)
            throw new ApiError(
              'unavailable',
              `the drill ended but its run was not saved: ${this.saveProblem}`,
            );
          break;
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // The runner refuses a step while running, or anything but reset once ended.
      throw new ApiError('precondition-failed', error instanceof Error ? error.message : String(error));
    }
    this.deps.changed();
    return this.status(ctx);
  }

  speed(speed: number, ctx: CallContext): DrillStatus {
    this.onlyFacilitator(ctx, "set the drill's speed");
    try {
      this.deps.runner.setSpeed(speed);
    } catch (error) {
      throw new ApiError('invalid-input', `speed: ${(error as Error).message}`, 'speed');
    }
    this.deps.changed();
    return this.status(ctx);
  }

  async inject(given: Record<string, unknown>, ctx: CallContext): Promise<DrillInjectView> {
    this.onlyFacilitator(ctx, 'inject into the drill');
    const runner = this.deps.runner;
    if (runner.state === 'ended')
      throw new ApiError('precondition-failed', 'the drill has ended: reset it to run it again');
    const candidate = { id: `live-${++this.liveCount}`, ...given, at: 0 };
    const parsed = injectSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = fieldPath(issue?.path ?? []);
      throw new ApiError('invalid-input', `${field}: ${issue?.message ?? 'not a valid inject'}`, field);
    }
    // The scenario's own cross-checks (known service, environment, version, rollout), on this inject.
    const problem = scenarioProblems({
      ...this.scenario,
      timeline: [parsed.data],
      expected: [],
      forbidden: [],
    }).find((p) => p.path[0] === 'timeline');
    if (problem) {
      const field = fieldPath(problem.path.slice(2));
      throw new ApiError('invalid-input', `${field}: ${problem.message}`, field);
    }
    const taken = [...runner.happened, ...runner.upcoming].some((i) => i.id === parsed.data.id);
    if (taken)
      throw new ApiError(
        'invalid-input',
        `inject.id: an inject "${parsed.data.id}" is already in this drill`,
        'inject.id',
      );
    const inject = await runner.injectNow(candidate);
    const made = runner.happened.find((i) => i.id === inject.id);
    return injectView(made ?? inject, true);
  }

  revertConfig(config: string, reason: string, ctx: CallContext): DrillActionView {
    const before = this.deps.history().length;
    this.deps.runner.revertConfig(config, ctx.actor, reason);
    this.deps.changed();
    const made = this.actionsOf(this.deps.history().slice(before)).at(-1);
    if (!made) throw new ApiError('internal', 'the revert was recorded but cannot be read back');
    return made;
  }

  /**
   * The participants' actions so far. Every screen asks on every drill event, and the log only grows
   * (a reset opens a new one), so only the records since the last answer are read.
   */
  private actions(): DrillActionView[] {
    const records = this.deps.history();
    const seen = this.seenActions;
    if (seen?.records !== records || seen.count > records.length)
      this.seenActions = { records, count: records.length, actions: this.actionsOf(records) };
    else if (seen.count < records.length) {
      seen.actions = [...seen.actions, ...this.actionsOf(records.slice(seen.count))];
      seen.count = records.length;
    }
    return (this.seenActions as { actions: DrillActionView[] }).actions;
  }

  private actionsOf(records: readonly AuditRecord[]): DrillActionView[] {
    // Record by record, so each action keeps the wall time its audit record carries.
    return records.flatMap((record) =>
      participantActions([record], this.scenario.start).map((action) => ({
        ...action,
        wallTime: typeof record.details.wallTime === 'string' ? record.details.wallTime : record.time,
      })),
    );
  }

  private isFacilitator(ctx: CallContext): boolean {
    return ctx.actor === this.deps.facilitator && ctx.role === 'operator';
  }

  private onlyFacilitator(ctx: CallContext, what: string): void {
    if (!this.isFacilitator(ctx))
      throw new ApiError('forbidden', `only the drill's facilitator, ${this.deps.facilitator}, may ${what}`);
  }

  private saveRun(result: DrillResult): void {
    try {
      this.runId = this.deps.save(result);
      this.saveProblem = undefined;
    } catch (error) {
      this.saveProblem = error instanceof Error ? error.message : String(error);
      console.error(`the drill's run could not be saved: ${this.saveProblem}`);
    }
  }
}
