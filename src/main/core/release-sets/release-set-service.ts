// Release sets: definitions, their runs per environment and the runner that moves them on the room's
// tick. A run's state is the audit log's (set.* records), so a restart loses nothing; every set action
// is on record (fsynced) before anyone is told, and members move only through ControlRoom.act, so
// each member's roll forward, pause and abort is checked, audited and idempotent like a person's.
import type { ActionResult, ApiParsedInput } from '../../../shared/api';
import type { ActionName, AuditRecord, ChangeEvent, Health } from '../../../shared/domain';
import type { PhaseId } from '../../../shared/migrations';
import {
  RELEASE_SET_AUDIT_KINDS as KINDS,
  type ReleaseSetDefinition,
  type ReleaseSetRun,
  type ReleaseSetState,
  type ReleaseSetSummary,
} from '../../../shared/release-sets';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import type { AuditWriter } from '../audit/audit-writer';
import { freezeFor, type FreezeSource } from '../incidents/freeze-source';
import type { RolloutSnapshot } from '../rollouts/deployment-backend';
import { fleetProblems, problemsIn, rolloutOf, setEnvironments, type FleetView } from './fleet-check';
import { memberLabel } from './member-order';
import { readMembers, type MemberReading, type MemberWorld } from './member-status';
import { inFlight, learnRecord, runKey, runTarget, type RunRecord } from './set-run-record';
import type { SetLibrary } from './set-library';

/** What the runner needs of the room: its actions (checked, audited), its health, its audit writer. */
export interface SetRoom {
  readonly writer: AuditWriter;
  act(input: ApiParsedInput<'rollout.act'>, actor: string): Promise<ActionResult>;
  fleet(): { id: string; health: Health }[];
  publish(event: ChangeEvent): void;
}

export interface ReleaseSetServiceDeps {
  library: Pick<SetLibrary, 'load' | 'find'>;
  room: SetRoom;
  /** The deployment backends' raw rollouts and known versions. */
  rollouts(): readonly RolloutSnapshot[];
  knownVersions(id: string): readonly string[] | undefined;
  /** Migration plans with their phases and active phase; absent where the room has none. */
  migrations?: {
    plans(): { id: string; phases: readonly string[]; current: PhaseId | null }[];
  };
  freezes?: FreezeSource;
}

type ActInput = ApiParsedInput<'sets.start'>;

/** Acting on one member's rollout alone bypasses the set's order: refused while the set is in flight. */
const ALWAYS_REFUSED: ReadonlySet<ActionName> = new Set(['roll-forward', 'undo', 'retry']);
/** Judging a started member's canary is part of its release; before its turn, or while paused, it is not. */
const REFUSED_UNLESS_ITS_TURN: ReadonlySet<ActionName> = new Set(['promote', 'promote-full', 'resume']);

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stateOf(run: RunRecord): ReleaseSetState {
  return run.phase;
}

export class ReleaseSetService {
  private readonly runs = new Map<string, RunRecord>();
  /** Idempotency key → the run it acted on. */
  private readonly keys = new Map<string, string>();
  /** The keys of the runner's own member actions: the member-alone guard lets exactly these through. */
  private readonly ownKeys = new Set<string>();
  /** One change at a time per run: the runner's tick and a person's pause never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: ReleaseSetServiceDeps) {
    for (const record of deps.room.writer.log.history()) learnRecord(this.runs, this.keys, record);
  }

  list(): ReleaseSetSummary[] {
    const world = this.world();
    return this.deps.library.load().map((definition) => this.summary(definition, world));
  }

  show(set: string, environment?: string): ReleaseSetSummary {
    const summary = this.summary(this.definition(set), this.world());
    return environment === undefined
      ? summary
      : { ...summary, runs: summary.runs.filter((r) => r.environment === environment) };
  }

  async start(input: ActInput, actor: string): Promise<ReleaseSetRun> {
    const definition = this.definition(input.set);
    const replay = this.replay(input);
    if (replay) return replay;
    const env = this.environment(definition, input.environment);
    return this.serial(runKey(definition.name, env), () => {
      const again = this.replay(input);
      if (again) return Promise.resolve(again);
      const words = `Cannot start ${definition.name} in ${env}`;
      const current = this.runs.get(runKey(definition.name, env));
      if (current && inFlight(current))
        throw new ApiError(
          'precondition-failed',
          `${words}: it is already ${current.phase} there (started by ${current.startedBy} at ${current.startedAt}).`,
        );
      this.refuseIfFrozen(env, words);
      const problems = [...(definition.problems ?? []), ...problemsIn(definition, env, this.fleetView())];
      if (definition.members.length === 0 || problems.length > 0)
        throw new ApiError('precondition-failed', `${words}: ${problems.join('; ') || 'it has no members'}`);
      this.write({
        actor,
        kind: KINDS.started,
        target: runTarget(definition.name, env),
        reason: input.reason ?? '',
        details: {
          set: definition.name,
          environment: env,
          members: definition.members,
          source: definition.source,
          idempotencyKey: input.idempotencyKey,
          message: `Started release set ${definition.name} in ${env}: ${definition.members.map(memberLabel).join(' + ')}`,
        },
      });
      const run = this.runs.get(runKey(definition.name, env));
      return (run ? this.advance(run) : Promise.resolve()).then(() => this.runView(definition.name, env));
    });
  }

  /** Pauses every member rolling out, first to last; nothing starts until resumed. Never frozen. */
  pause(input: ActInput, actor: string): Promise<ReleaseSetRun> {
    return this.onRun(input, async (run) => {
      if (!inFlight(run))
        throw new ApiError(
          'precondition-failed',
          `Cannot pause ${run.set} in ${run.environment}: it is ${run.phase}.`,
        );
      const rolling = this.readings(run)
        .map((m, i) => ({ m, i }))
        .filter(({ m, i }) => run.started.has(i) && m.status.state === 'rolling-out' && m.status.rollout);
      const ids = rolling.map(({ m }) => m.status.rollout as string);
      // On record first: from here on the runner starts no member, whatever the pauses below do.
      this.write({
        actor,
        kind: KINDS.paused,
        target: runTarget(run.set, run.environment),
        reason: input.reason ?? '',
        details: {
          set: run.set,
          environment: run.environment,
          paused: ids,
          idempotencyKey: input.idempotencyKey,
          message: `Paused release set ${run.set} in ${run.environment}${ids.length > 0 ? `: pausing ${ids.join(', ')}` : ''}`,
        },
      });
      const failures = await this.actOnEach(rolling, 'pause', input, actor);
      return this.answer(run, failures, 'paused');
    });
  }

  /** Resumes the members the set paused and lets the runner start the rest. Refused by a freeze. */
  resume(input: ActInput, actor: string): Promise<ReleaseSetRun> {
    return this.onRun(input, async (run) => {
      if (run.phase !== 'paused')
        throw new ApiError(
          'precondition-failed',
          `Cannot resume ${run.set} in ${run.environment}: it is ${run.phase}, not paused.`,
        );
      this.refuseIfFrozen(run.environment, `Cannot resume ${run.set} in ${run.environment}`);
      const readings = this.readings(run);
      const paused = readings
        .map((m, i) => ({ m, i }))
        .filter(
          ({ m }) => m.status.state === 'paused' && run.pausedRollouts.includes(m.status.rollout ?? ''),
        );
      this.write({
        actor,
        kind: KINDS.resumed,
        target: runTarget(run.set, run.environment),
        reason: input.reason ?? '',
        details: {
          set: run.set,
          environment: run.environment,
          resumed: paused.map(({ m }) => m.status.rollout),
          idempotencyKey: input.idempotencyKey,
          message: `Resumed release set ${run.set} in ${run.environment}`,
        },
      });
      const failures = await this.actOnEach(paused, 'resume', input, actor);
      await this.advance(run);
      return this.answer(run, failures, 'resumed');
    });
  }

  /** Aborts every started member still rolling out, last to first, and stops the set. Never frozen. */
  abort(input: ActInput, actor: string): Promise<ReleaseSetRun> {
    return this.onRun(input, async (run) => {
      if (!inFlight(run))
        throw new ApiError(
          'precondition-failed',
          `Cannot abort ${run.set} in ${run.environment}: it is ${run.phase}.`,
        );
      const readings = this.readings(run);
      const rolling = readings
        .map((m, i) => ({ m, i }))
        .filter(
          ({ m, i }) =>
            run.started.has(i) &&
            (m.status.state === 'rolling-out' || m.status.state === 'paused') &&
            m.status.rollout !== undefined,
        )
        .reverse();
      const released = readings.filter((m, i) => run.started.has(i) && m.done).map((m) => m.status.label);
      this.write({
        actor,
        kind: KINDS.aborted,
        target: runTarget(run.set, run.environment),
        reason: input.reason ?? '',
        details: {
          set: run.set,
          environment: run.environment,
          aborted: rolling.map(({ m }) => m.status.rollout),
          released,
          idempotencyKey: input.idempotencyKey,
          message:
            `Aborted release set ${run.set} in ${run.environment}` +
            (rolling.length > 0
              ? `: aborting ${rolling.map(({ m }) => m.status.rollout).join(', ')} (last to first)`
              : '') +
            (released.length > 0 ? `; already released, left as they are: ${released.join(', ')}` : ''),
        },
      });
      const failures = await this.actOnEach(rolling, 'abort', input, actor);
      return this.answer(run, failures, 'aborted');
    });
  }

  /** The runner's beat: each running set starts the members whose gates hold, and notes failure or completion. */
  async tick(): Promise<void> {
    const running = [...this.runs.values()].filter((r) => r.phase === 'running');
    for (const run of running) await this.advanceNow(run.set, run.environment);
  }

  /**
   * ControlRoom's guard: a person's roll forward (or promote, resume) of one member's rollout while its
   * set is in flight goes around the set's order, so it is refused with the reason and recorded.
   */
  guard(
    request: { rollout: RolloutSnapshot; action: ActionName; idempotencyKey: string },
    actor: string,
  ): string | undefined {
    if (this.ownKeys.has(request.idempotencyKey)) return undefined;
    const { rollout: r, action } = request;
    if (!ALWAYS_REFUSED.has(action) && !REFUSED_UNLESS_ITS_TURN.has(action)) return undefined;
    for (const run of this.runs.values()) {
      if (!inFlight(run) || run.environment !== r.environment) continue;
      const index = run.members.findIndex((m) => m.kind === 'service' && m.service === r.service);
      if (index < 0) continue;
      const itsTurn = run.phase === 'running' && run.started.has(index);
      if (REFUSED_UNLESS_ITS_TURN.has(action) && itsTurn) continue;
      const why =
        `${r.id} is in release set ${run.set} (${run.phase}): act on the set` +
        ` (control-room sets ${run.phase === 'paused' ? 'resume' : 'pause'} ${run.set} --environment ${run.environment})`;
      this.tryWrite({
        actor,
        kind: KINDS.refusedAlone,
        target: r.id,
        reason: '',
        details: { set: run.set, environment: run.environment, action, state: run.phase, message: why },
      });
      return why;
    }
    return undefined;
  }

  private async advanceNow(set: string, environment: string): Promise<void> {
    const key = runKey(set, environment);
    const run = this.runs.get(key);
    if (run?.phase !== 'running') return;
    await this.serial(key, () => this.advance(run));
  }

  /** Starts what may start; notes a failed member (the set stops) or a finished set. Call inside serial. */
  private async advance(run: RunRecord): Promise<void> {
    if (run.phase !== 'running') return;
    const readings = this.readings(run);
    const failed = readings.find((m, i) => run.started.has(i) && m.failure !== undefined);
    if (failed) {
      this.fail(run, failed.failure ?? `${failed.status.label} failed`);
      return;
    }
    if (readings.every((m) => m.done)) {
      for (const [i, m] of readings.entries())
        if (!run.started.has(i)) this.recordMemberStart(run, i, m, { alreadyAt: true });
      this.write({
        actor: run.startedBy,
        kind: KINDS.completed,
        target: runTarget(run.set, run.environment),
        reason: '',
        details: {
          set: run.set,
          environment: run.environment,
          message: `Release set ${run.set} released in ${run.environment}: ${readings.map((m) => m.status.label).join(' + ')}`,
        },
      });
      return;
    }
    const frozen = this.freezeIn(run.environment);
    for (const [i, m] of readings.entries()) {
      if (run.started.has(i) || run.phase !== 'running') continue;
      if (m.status.gate && !m.status.gate.holds) continue;
      // A freeze that began during the run holds the next member back; it starts once the freeze lifts.
      if (frozen && !m.done) continue;
      await this.startMember(run, i, m);
    }
  }

  private async startMember(run: RunRecord, i: number, m: MemberReading): Promise<void> {
    const member = run.members[i];
    if (!member) return;
    if (member.kind === 'migration' || m.done) {
      this.recordMemberStart(run, i, m, m.done ? { alreadyAt: true } : {});
      return;
    }
    const r = rolloutOf(this.deps.rollouts(), member.service, run.environment);
    if (!r)
      return this.fail(run, `${m.status.label}: ${member.service} has no rollout in ${run.environment}`);
    const inFlightOnIt =
      r.canaryVersion === member.version &&
      r.phase !== 'completed' &&
      r.phase !== 'aborted' &&
      r.phase !== 'degraded';
    if (inFlightOnIt) {
      // Already rolling out this version (started before the set): the set takes it over as it is.
      this.recordMemberStart(run, i, m, { adopted: true, rollout: r.id });
      return;
    }
    const idempotencyKey = `${run.startKey}:member-${i}`;
    this.ownKeys.add(idempotencyKey);
    let result: ActionResult;
    try {
      result = await this.deps.room.act(
        {
          id: r.id,
          action: 'roll-forward',
          toVersion: member.version,
          idempotencyKey,
          reason: `release set ${run.set}`,
        } as ApiParsedInput<'rollout.act'>,
        run.startedBy,
      );
    } catch (error) {
      this.fail(run, `${m.status.label} could not start: ${errorText(error)}`);
      return;
    }
    this.recordMemberStart(run, i, m, { rollout: r.id, actionSeq: result.auditSeq });
  }

  private recordMemberStart(
    run: RunRecord,
    i: number,
    m: MemberReading,
    extra: Record<string, unknown>,
  ): void {
    const rollout = (extra['rollout'] as string | undefined) ?? m.status.rollout;
    const how = extra['alreadyAt']
      ? ' (already there)'
      : extra['adopted']
        ? ' (already rolling out; taken over)'
        : '';
    this.write({
      actor: run.startedBy,
      kind: KINDS.memberStarted,
      target: runTarget(run.set, run.environment),
      reason: '',
      details: {
        set: run.set,
        environment: run.environment,
        member: i,
        label: m.status.label,
        ...(rollout ? { rollout } : {}),
        ...extra,
        message: `${run.set}: started ${m.status.label}${rollout ? ` on ${rollout}` : ''}${how}`,
      },
    });
  }

  private fail(run: RunRecord, message: string): void {
    this.write({
      actor: run.startedBy,
      kind: KINDS.failed,
      target: runTarget(run.set, run.environment),
      reason: '',
      details: { set: run.set, environment: run.environment, message: `${run.set} failed: ${message}` },
    });
  }

  /** Acts on each member in the given order; a failure is reported, the others still go ahead. */
  private async actOnEach(
    members: { m: MemberReading; i: number }[],
    action: 'pause' | 'resume' | 'abort',
    input: ActInput,
    actor: string,
  ): Promise<string[]> {
    const failures: string[] = [];
    for (const { m, i } of members) {
      const idempotencyKey = `${input.idempotencyKey}:${action}-${i}`;
      this.ownKeys.add(idempotencyKey);
      try {
        await this.deps.room.act(
          {
            id: m.status.rollout ?? '',
            action,
            idempotencyKey,
            reason: input.reason ?? `release set ${input.set}`,
          } as ApiParsedInput<'rollout.act'>,
          actor,
        );
      } catch (error) {
        failures.push(`${m.status.rollout}: ${errorText(error)}`);
      }
    }
    return failures;
  }

  /** The run after an action; a member the action could not reach is said plainly. */
  private answer(run: RunRecord, failures: string[], what: string): ReleaseSetRun {
    const view = this.runView(run.set, run.environment);
    if (failures.length === 0) return view;
    throw new ApiError(
      'backend-error',
      `${run.set} in ${run.environment} is ${what} (on record), but not every member could be reached: ${failures.join('; ')}. Retry with the same request, or act on those rollouts.`,
    );
  }

  private async onRun(
    input: ActInput,
    action: (run: RunRecord) => Promise<ReleaseSetRun>,
  ): Promise<ReleaseSetRun> {
    const definition = this.definition(input.set);
    const replay = this.replay(input);
    if (replay) return Promise.resolve(replay);
    const env = this.environment(definition, input.environment);
    const key = runKey(definition.name, env);
    return this.serial(key, () => {
      const again = this.replay(input);
      if (again) return Promise.resolve(again);
      const run = this.runs.get(key);
      if (!run)
        throw new ApiError(
          'precondition-failed',
          `${definition.name} has not run in ${env}: start it with control-room sets start ${definition.name} --environment ${env}`,
        );
      return action(run);
    });
  }

  private replay(input: ActInput): ReleaseSetRun | undefined {
    const key = this.keys.get(input.idempotencyKey);
    if (key === undefined) return undefined;
    const run = this.runs.get(key);
    return run ? this.runView(run.set, run.environment) : undefined;
  }

  private serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    this.queues.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  private definition(set: string): ReleaseSetDefinition {
    const found = this.deps.library.find(set);
    if (!found)
      throw new ApiError(
        'not-found',
        `No release set "${set}". List them with: control-room sets list`,
        'set',
      );
    return found;
  }

  private environment(definition: ReleaseSetDefinition, environment: string): string {
    const allowed = setEnvironments(definition, this.deps.rollouts());
    if (!allowed.includes(environment))
      throw new ApiError(
        'invalid-input',
        `${definition.name} does not run in "${environment}" (its environments: ${allowed.join(', ') || 'none'})`,
        'environment',
      );
    return environment;
  }

  private freezeIn(environment: string) {
    return this.deps.freezes ? freezeFor(this.deps.freezes.active(), environment) : undefined;
  }

  private refuseIfFrozen(environment: string, words: string): void {
    const freeze = this.freezeIn(environment);
    if (freeze)
      throw new ApiError(
        'precondition-failed',
        `${words}: ${freeze.reason} Pause and abort of the set stay allowed.`,
      );
  }

  private fleetView(): FleetView {
    const migrations = this.deps.migrations;
    return {
      rollouts: () => this.deps.rollouts(),
      knownVersions: (id) => this.deps.knownVersions(id),
      plans: () => migrations?.plans(),
    };
  }

  private world(): MemberWorld {
    const health = new Map(this.deps.room.fleet().map((r) => [r.id, r.health]));
    let plans: ReturnType<NonNullable<ReleaseSetServiceDeps['migrations']>['plans']> | undefined;
    return {
      rollouts: this.deps.rollouts(),
      health: (id) => health.get(id) ?? 'unknown',
      planPhase: (plan) => {
        plans ??= this.deps.migrations?.plans() ?? [];
        const found = plans.find((p) => p.id === plan);
        return found === undefined ? undefined : found.current;
      },
    };
  }

  private readings(run: RunRecord, world = this.world()): MemberReading[] {
    return readMembers(run, world);
  }

  private summary(definition: ReleaseSetDefinition, world: MemberWorld): ReleaseSetSummary {
    const problems = [...(definition.problems ?? []), ...fleetProblems(definition, this.fleetView())];
    const runs = [...this.runs.values()]
      .filter((r) => r.set === definition.name)
      .map((r) => this.view(r, world));
    return { definition: { ...definition, ...(problems.length > 0 ? { problems } : {}) }, runs };
  }

  private runView(set: string, environment: string): ReleaseSetRun {
    const run = this.runs.get(runKey(set, environment));
    if (!run) throw new ApiError('not-found', `${set} has not run in ${environment}`);
    return this.view(run, this.world());
  }

  private view(run: RunRecord, world: MemberWorld): ReleaseSetRun {
    const readings = this.readings(run, world);
    return {
      set: run.set,
      environment: run.environment,
      state: stateOf(run),
      members: readings.map((m) => m.status),
      verdict: verdict(run, readings, this.freezeIn(run.environment)?.reason),
      startedAt: run.startedAt,
      startedBy: run.startedBy,
      auditSeqs: [...run.auditSeqs],
    };
  }

  /** Through the room's writer (fsynced before it returns), then folded in and published. */
  private write(entry: AuditEntry): AuditRecord[] {
    const records = this.deps.room.writer.write([entry]);
    for (const record of records) learnRecord(this.runs, this.keys, record);
    const last = records.at(-1);
    if (last) this.deps.room.publish({ type: 'audit', seq: last.seq });
    const d = entry.details ?? {};
    if (typeof d['set'] === 'string' && typeof d['environment'] === 'string')
      this.deps.room.publish({ type: 'release-set', set: d['set'], environment: d['environment'] });
    return records;
  }

  private tryWrite(entry: AuditEntry): void {
    try {
      this.write(entry);
    } catch {
      // The refusal stands even when the log cannot take its record.
    }
  }
}

/** The set's verdict in words. */
function verdict(run: RunRecord, readings: MemberReading[], freeze: string | undefined): string {
  switch (run.phase) {
    case 'completed':
      return `released: ${readings.map((m) => m.status.label).join(' + ')}`;
    case 'aborted':
    case 'failed':
    case 'paused':
      return `${run.phase === 'failed' ? 'failed: ' : ''}${run.note ?? run.phase}${run.phase === 'paused' ? '; no member starts until resumed' : ''}`;
    case 'running': {
      const next = readings.find((m) => !m.done);
      if (!next) return 'every member at its target: finishing';
      if (next.status.state === 'waiting')
        return freeze && (!next.status.gate || next.status.gate.holds)
          ? `held by a release freeze: ${freeze}`
          : (next.status.gate?.reason ?? `starting ${next.status.label}`);
      const at = next.status.weight === undefined ? '' : ` at ${next.status.weight}%`;
      const health = next.status.health && next.status.health !== 'unknown' ? `, ${next.status.health}` : '';
      return `${next.status.label} ${next.status.state}${at}${health}${next.detail ? `: ${next.detail}` : ''}`;
    }
  }
}
