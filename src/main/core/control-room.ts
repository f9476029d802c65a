// The engine behind all three shells: reads the fleet, runs actions safely (preconditions,
// idempotency, audit record fsynced before success is reported) and keeps health and analysis current.
import type {
  ActionResult,
  ApiParsedInput,
  AuditListResult,
  CanaryAnalysis,
  RolloutVersions,
  SessionInfo,
} from '../../shared/api';
import type {
  AuditVerifyResult,
  ChangeEvent,
  MetricSeries,
  RolloutDetail,
  RolloutSummary,
} from '../../shared/domain';
import type { ConnectionStatus } from '../../shared/connections';
import { ApiError } from './api/api-error';
import type { AuditEntry, AuditLog } from './audit/audit-log';
import { AuditWriter } from './audit/audit-writer';
import { isoTime, type Clock } from './clock';
import { inSlices } from './in-slices';
import { freezeFor, type FreezeSource } from './incidents/freeze-source';
import { FROZEN_ACTIONS, type Freeze } from '../../shared/incidents';
import { actionAvailability, refusal } from './rollouts/action-preconditions';
import { CanaryAnalysisService } from './canary/analysis-service';
import { loadShippedCanaryConfig, type CanaryConfig } from './canary/canary-config';
import { isReadingOf, type HealthReading } from './canary/verdict-health';
import {
  BackendNotSaved,
  BackendRefusal,
  type BackendChange,
  type BackendCommand,
  type DeploymentBackend,
  type RolloutSnapshot,
} from './rollouts/deployment-backend';
import type { MetricsBackend } from './rollouts/metrics-backend';
import { RolloutSeries } from './rollouts/rollout-series';
import { FlagChangeLog, withFlagEvents } from './flags/flag-change-log';
import { IdempotencyLedger } from './rollouts/idempotency-ledger';
import { reconcileWithBackend } from './rollouts/reconcile-actions';
import { rolloutVersions } from './rollouts/version-verdicts';
import type { DrillMarker } from './drills/drill-isolation';
import type { DrillMark } from '../../shared/drills';

const HEALTH_WINDOW_MS = 5 * 60_000;
/** Health readings are 5 minute windows; re-reading them more often than this buys nothing. */
const HEALTH_REFRESH_MS = 5_000;
/** Health readings per slice of work; between slices the event loop serves requests. */
const HEALTH_BATCH = 20;

export interface ControlRoomDeps {
  deployment: DeploymentBackend;
  metrics: MetricsBackend;
  audit: AuditLog;
  clock: Clock;
  session: Omit<SessionInfo, 'clock' | 'backends' | 'storage' | 'notices'> & {
    speed: number;
    simulated: boolean;
    /** What was found and mended at start, shown on every screen. */
    notices?: string[];
  };
  /** Every connection's health line; absent where the room runs on one in-process backend. */
  connections?: () => ConnectionStatus[];
  /** How each rollout's canary is judged; the config shipped in resources/ when absent. */
  canaryConfig?: (rollout: RolloutSnapshot) => CanaryConfig;
  /** The drill this room runs: its actions reach simulator connections only (drill isolation). */
  drill?: DrillMarker;
  /** The drill's banner as it is now (scenario, title, state), on every session. */
  drillMark?: () => DrillMark;
}

type ActInput = ApiParsedInput<'rollout.act'>;

/**
 * A feature's veto on a person's action (a release set in flight refuses its member acted on alone):
 * the reason it is refused, or undefined. The feature records its own side of the story.
 */
export type ActGuard = (
  request: { rollout: RolloutSnapshot; action: ActInput['action']; idempotencyKey: string },
  actor: string,
) => string | undefined;

const ACTION_WORDS: Record<string, string> = {
  pause: 'Pause',
  resume: 'Resume',
  promote: 'Promote',
  'promote-full': 'Promote fully',
  abort: 'Abort',
  retry: 'Retry',
  reapply: 'Re-apply',
  'roll-forward': 'Roll forward',
  undo: 'Undo',
  restart: 'Restart',
};

/**
 * Actions decided on what the screen showed: two people promoting the same pause would otherwise
 * skip a step. Pause and abort stay safe on whatever the rollout is now, so they are never refused for it.
 */
const RACE_GUARDED: ReadonlySet<string> = new Set(['promote', 'promote-full', 'undo', 'roll-forward']);

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A rollout's connection: set by the fleet; a lone backend (tests, benches) is its own. */
function connectionOf(r: RolloutSnapshot): string {
  return r.connection ?? r.id.split('/')[0] ?? r.id;
}

/** The audit record of a change the backend reports (and has made durable). */
function changeEntry(change: BackendChange, recovered = false): AuditEntry {
  return {
    actor: change.actor,
    kind: `rollout.${change.kind}`,
    target: change.id,
    reason: '',
    details: {
      message: change.message,
      revision: change.revision,
      // A change saved before versions were recorded has none.
      ...(change.version === undefined ? {} : { version: change.version }),
      ...(change.worldSeq === undefined ? {} : { worldSeq: change.worldSeq }),
      ...(change.idempotencyKey === undefined ? {} : { idempotencyKey: change.idempotencyKey }),
      ...(recovered ? { recovered: true } : {}),
    },
  };
}

export class ControlRoom {
  /** Writes the audit log for the room and for features composed beside it (migrations). */
  readonly writer: AuditWriter;
  private readonly health = new Map<string, HealthReading>();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private readonly ledger: IdempotencyLedger;
  private readonly analysis: CanaryAnalysisService;
  private readonly series: RolloutSeries;
  private healthRefresh: Promise<void> | undefined;
  private healthReadAt = Number.NEGATIVE_INFINITY;
  private flushScheduled = false;
  private inFlight = 0;
  private readonly flagChanges: FlagChangeLog;
  private readonly configFor: (rollout: RolloutSnapshot) => CanaryConfig;
  /** Release freezes (open incidents, scheduled windows), composed beside the room. */
  private freezes: FreezeSource | undefined;
  private actGuard: ActGuard | undefined;
  /** How many records the start-up reconciliation wrote (or owes). */
  readonly recovered: number;

  constructor(private readonly deps: ControlRoomDeps) {
    this.writer = new AuditWriter(deps.audit, deps.clock);
    this.flagChanges = new FlagChangeLog(() => deps.audit.history());
    this.series = new RolloutSeries(deps.metrics, deps.clock);
    let configFor = deps.canaryConfig;
    if (!configFor) {
      const shipped = loadShippedCanaryConfig();
      configFor = () => shipped;
    }
    this.configFor = configFor;
    this.analysis = new CanaryAnalysisService({
      deployment: deps.deployment,
      metrics: deps.metrics,
      clock: deps.clock,
      configFor,
      record: (entry) => this.record(entry),
      emit: (event) => this.emit(event),
    });
    // What a crash left unrecorded is recorded first, before anything new happens.
    const recovered = deps.audit.integrity.ok
      ? reconcileWithBackend(deps.audit.history(), deps.deployment, changeEntry)
      : [];
    this.recovered = recovered.length;
    this.ledger = IdempotencyLedger.fromAudit([...deps.audit.history()]);
    if (recovered.length > 0) {
      try {
        this.ledger.learn(this.writer.write(recovered, true));
      } catch {
        // Blocked from the start: the entries are owed, and the keys still count as decided.
        this.ledger.learnEntries(recovered);
      }
    }
    deps.deployment.onChange((change) => {
      this.writer.owe([changeEntry(change)]);
      this.emit({ type: 'rollout', id: change.id, revision: change.revision });
      this.scheduleFlush();
      if (change.kind === 'rollout-started') this.healthSubjectChanged();
    });
    deps.deployment.onRowChange?.((id, revision) => this.emit({ type: 'rollout', id, revision }));
    this.writer.onStateChange(() => this.emit({ type: 'session' }));
  }

  /** Lets the freeze policy ask the incidents (and windows) composed beside the room. */
  useFreezes(source: FreezeSource): void {
    this.freezes = source;
  }

  /** Lets a feature composed beside the room (release sets) refuse an action, next to the freeze check. */
  useActGuard(guard: ActGuard): void {
    this.actGuard = guard;
  }

  /** The freeze covering the rollout's environment now, if any. */
  private freezeOf(r: RolloutSnapshot): Freeze | undefined {
    return this.freezes ? freezeFor(this.freezes.active(), r.environment) : undefined;
  }

  session(): SessionInfo {
    const { speed, simulated, notices: _notices, ...rest } = this.deps.session;
    return {
      ...rest,
      backends: { deployment: this.deps.deployment.name, metrics: this.deps.metrics.name },
      clock: { now: isoTime(this.deps.clock.now()), speed, simulated },
      storage: this.writer.state(),
      notices: this.deps.session.notices ?? [],
      ...(this.deps.drillMark ? { drill: this.deps.drillMark() } : {}),
    };
  }

  /** Every connection's health line: reachable, latency, last success and error, staleness. */
  connections(): ConnectionStatus[] {
    return (
      this.deps.connections?.() ?? [
        {
          name: this.deps.deployment.name,
          kind: this.deps.deployment.name,
          roles: ['deployment', 'metrics'],
          reachable: true,
        },
      ]
    );
  }

  fleet(): RolloutSummary[] {
    return this.deps.deployment.list().map((r) => this.summarise(r));
  }

  rollout(id: string): RolloutDetail {
    const r = this.snapshot(id);
    return {
      ...r,
      // A flag flip on the service is as much a change of this rollout's world as a step.
      timeline: withFlagEvents(r.timeline, this.flagChanges.touching(r.service, r.environment, r.startedAt)),
      connection: connectionOf(r),
      ...this.healthOf(r),
      actions: actionAvailability(r, this.freezeOf(r)),
    };
  }

  /** The canary config the rollout is judged with (a flag comparison judges its service the same way). */
  canaryConfigOf(id: string): CanaryConfig {
    return this.configFor(this.snapshot(id));
  }

  /** The versions the rollout may roll forward to, with each one's last verdict from the audit log. */
  versions(id: string): RolloutVersions {
    const r = this.snapshot(id);
    return rolloutVersions(r, this.deps.deployment.knownVersions(id) ?? [], this.deps.audit.history());
  }

  /** Baseline-vs-canary series; one the backend cannot give says why, with its last points. */
  metrics(input: ApiParsedInput<'rollout.metrics'>): Promise<MetricSeries[]> {
    const r = this.snapshot(input.id);
    return this.series.read(r, input.metrics ?? ['errorRate', 'latencyP99'], input.windowSec);
  }

  /** `actor` is the caller's identity from its credential (CallContext), never from the input. */
  async act(given: ActInput, actor: string): Promise<ActionResult> {
    // A bare local id is the full one it stands for: one key, one rollout, one audit target.
    const input = { ...given, id: this.snapshot(given.id).id };
    const replay = this.ledger.replay(input);
    if (replay) return { ...replay, applied: false, rollout: this.rollout(input.id) };
    return this.ledger.runOnce(input.idempotencyKey, async () => {
      this.inFlight++;
      try {
        return await this.perform(input, actor);
      } finally {
        this.inFlight--;
      }
    });
  }

  /**
   * Request recorded, backend asked (it saves before it answers), outcome recorded, then answered.
   * Every error says what really happened: "nothing was done" only when nothing was.
   */
  private async perform(input: ActInput, actor: string): Promise<ActionResult> {
    const before = this.snapshot(input.id);
    this.writer.refuseIfReadOnly();
    const reason = input.reason ?? '';
    const base = { action: input.action, idempotencyKey: input.idempotencyKey, revision: before.revision };
    const words = `${ACTION_WORDS[input.action] ?? input.action} ${input.id}`;
    const freeze = this.freezeOf(before);
    const refused =
      (input.revision !== undefined && RACE_GUARDED.has(input.action) && input.revision !== before.revision
        ? `it moved since you decided (revision ${input.revision}, now ${before.revision}: ${before.message}). Look again and decide on what it is now.`
        : refusal({
            rollout: before,
            action: input.action,
            toVersion: input.toVersion,
            toRevision: input.toRevision,
            knownVersions: this.deps.deployment.knownVersions(input.id) ?? [],
            freeze,
            overrideFreeze: input.overrideFreeze,
            drill: this.deps.drill,
            connection: this.connectionOfRollout(before),
          })) ??
      this.actGuard?.({ rollout: before, action: input.action, idempotencyKey: input.idempotencyKey }, actor);
    if (refused !== undefined) this.refuse(actor, input.id, reason, { ...base, refused }, refused, words);
    // An override is on record (fsynced) before the action it lets through; if it cannot be, nothing is done.
    const override =
      freeze && FROZEN_ACTIONS.has(input.action) && this.freezes && input.overrideFreeze
        ? this.freezes.recordOverride({
            freeze,
            reason: input.overrideFreeze,
            action: input.action,
            rollout: input.id,
            actor,
          })
        : undefined;
    const details = {
      ...base,
      ...(input.toVersion === undefined ? {} : { toVersion: input.toVersion }),
      ...(input.container === undefined ? {} : { container: input.container }),
      ...(input.toRevision === undefined ? {} : { toRevision: input.toRevision }),
      ...(override === undefined ? {} : { freezeOverride: override }),
    };
    // Durable intent first: if this write fails, nothing is done and the caller is told.
    this.record({ actor, kind: 'action.requested', target: input.id, reason, details });
    const common = { actor, idempotencyKey: input.idempotencyKey, basedOnRevision: before.revision };
    const command: BackendCommand =
      input.action === 'roll-forward'
        ? {
            kind: 'roll-forward',
            ...common,
            toVersion: input.toVersion ?? '',
            ...(input.container === undefined ? {} : { container: input.container }),
          }
        : input.action === 'undo'
          ? {
              kind: 'undo',
              ...common,
              ...(input.toRevision === undefined ? {} : { toRevision: input.toRevision }),
            }
          : { kind: input.action, ...common };
    let message: string;
    let outcome: ActionResult['outcome'];
    try {
      message = (await this.deps.deployment.apply(input.id, command)).message;
      outcome = 'succeeded';
      this.writer.worldSaved();
    } catch (error) {
      // The rollout changed between the check and the backend (it completed, someone acted): a refusal.
      if (error instanceof BackendRefusal)
        this.refuse(
          actor,
          input.id,
          reason,
          { ...details, refused: error.message, raced: true },
          error.message,
          words,
        );
      if (error instanceof BackendNotSaved) {
        this.writer.worldFailed(error);
        this.tryRecord({
          actor,
          kind: 'action.failed',
          target: input.id,
          reason,
          details: { ...details, message: error.message, applied: false },
        });
        throw new ApiError('unavailable', `${words} was not applied: ${error.message}. Nothing was done.`);
      }
      message = errorText(error);
      outcome = 'failed';
    }
    const entry: AuditEntry = {
      actor,
      kind: `action.${outcome}`,
      target: input.id,
      reason,
      details: { ...details, message },
    };
    let auditSeq: number;
    try {
      // The backend's change records and the outcome, in one batch; owed if the log cannot take it.
      [auditSeq] = this.writer.write([entry], outcome === 'succeeded').map((r) => r.seq) as [number];
      this.emit({ type: 'audit', seq: auditSeq });
    } catch (error) {
      if (outcome === 'failed') throw error;
      // Applied and durable, not yet recorded: a retry of this key must not apply it again.
      this.ledger.remember(input, { applied: true, outcome, message, auditSeq: 0 });
      const why =
        error instanceof ApiError ? error.message.replace(/; nothing was done\.$/, '') : errorText(error);
      throw new ApiError(
        'unavailable',
        `${words} was applied (${message}), but its outcome is not recorded yet: ${why}. Rollouts stand still until the log can be written; the record is written then. Retrying the same request answers "already applied".`,
      );
    }
    const result = { applied: true, outcome, message, auditSeq };
    this.ledger.remember(input, result);
    if (outcome === 'failed')
      throw new ApiError('backend-error', `${input.action} ${input.id} failed: ${message}`);
    return { ...result, rollout: this.rollout(input.id) };
  }

  /** The rollout's connection with its kind, as the connections' health lines name it. */
  private connectionOfRollout(r: RolloutSnapshot): { name: string; kind: string } | undefined {
    const name = connectionOf(r);
    const status = this.connections().find((c) => c.name === name);
    return status ? { name, kind: status.kind } : undefined;
  }

  /** Records a refusal (best effort: the refusal stands even when the log cannot take it) and throws. */
  private refuse(
    actor: string,
    id: string,
    reason: string,
    details: Record<string, unknown>,
    why: string,
    words: string,
  ): never {
    this.tryRecord({ actor, kind: 'action.rejected', target: id, reason, details });
    throw new ApiError(
      'precondition-failed',
      `Cannot ${words.charAt(0).toLowerCase()}${words.slice(1)}: ${why}`,
    );
  }

  private tryRecord(entry: AuditEntry): void {
    try {
      this.record(entry);
    } catch {
      // Already failing: the caller reports what happened.
    }
  }

  /** No action running and nothing owed to the log: a moment where the world may be compacted. */
  get quiescent(): boolean {
    return this.inFlight === 0 && this.writer.owedCount === 0 && this.writer.writable;
  }

  auditList(input: ApiParsedInput<'audit.list'>): AuditListResult {
    return this.deps.audit.list(input);
  }

  auditVerify(): AuditVerifyResult {
    return this.deps.audit.verify();
  }

  /** Every analysis run of the rollout, newest first. */
  canaryAnalyses(id: string): CanaryAnalysis[] {
    return this.analysis.analyses(this.snapshot(id).id);
  }

  /** Re-judges the last `windowSec` seconds on demand: audited, but the rollout is left alone. */
  judgeCanary(input: ApiParsedInput<'canary.judge'>, actor: string): Promise<CanaryAnalysis> {
    return this.analysis.judgeOnDemand(this.snapshot(input.id), input.windowSec, actor, input.to);
  }

  /**
   * One controller step: lets the backend move on, then refreshes health and judges due analyses.
   * Nothing moves while the log or the world cannot be written: first what is owed is written.
   */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    if (this.writer.settle()) {
      let moved = true;
      try {
        this.deps.deployment.tick(now);
        this.writer.worldSaved();
      } catch (error) {
        if (!(error instanceof BackendNotSaved)) throw error;
        this.writer.worldFailed(error);
        moved = false;
      }
      if (moved && this.flushOwed()) {
        const healthDue = now - this.healthReadAt >= HEALTH_REFRESH_MS;
        await Promise.all([healthDue ? this.refreshHealth() : undefined, this.analysis.runDue(now)]);
        this.flushOwed();
      }
    }
    this.emit({ type: 'tick', time: isoTime(now) });
  }

  /** Writes the change records the backend reported; false when the log cannot take them. */
  private flushOwed(): boolean {
    if (this.writer.owedCount === 0) return this.writer.writable;
    const seq = this.deps.audit.lastSeq;
    const ok = this.writer.settle();
    if (this.deps.audit.lastSeq !== seq) this.emit({ type: 'audit', seq: this.deps.audit.lastSeq });
    return ok;
  }

  /** Changes reported outside an action or a tick (a backend that watches its own controller). */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushOwed();
    });
  }

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For features composed beside the room (migrations): their changes join the same stream. */
  publish(event: ChangeEvent): void {
    this.emit(event);
  }

  private emit(event: ChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private record(entry: AuditEntry): number {
    const [record] = this.writer.write([entry]);
    const seq = record?.seq ?? this.deps.audit.lastSeq;
    this.emit({ type: 'audit', seq });
    return seq;
  }

  private snapshot(id: string): RolloutSnapshot {
    const full = this.deps.deployment.resolve ? this.deps.deployment.resolve(id) : id;
    const r = full === undefined ? undefined : this.deps.deployment.get(full);
    if (!r)
      throw new ApiError(
        'not-found',
        `No rollout with id "${id}". List them with: control-room rollouts list`,
        'id',
      );
    return r;
  }

  private summarise(r: RolloutSnapshot): RolloutSummary {
    return {
      id: r.id,
      connection: connectionOf(r),
      ...(r.stale ? { stale: r.stale } : {}),
      service: r.service,
      environment: r.environment,
      strategy: r.strategy,
      stableVersion: r.stableVersion,
      canaryVersion: r.canaryVersion,
      phase: r.phase,
      message: r.message,
      currentStepIndex: r.currentStepIndex,
      stepCount: r.stepCount,
      weight: r.weight,
      stepStartedAt: r.stepStartedAt,
      updatedAt: r.updatedAt,
      revision: r.revision,
      pauseConditions: r.pauseConditions,
      ...(r.drift === undefined ? {} : { drift: r.drift }),
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
      ...this.healthOf(r),
    };
  }

  private healthOf(r: RolloutSnapshot): Pick<RolloutDetail, 'health' | 'healthReason' | 'healthWindow'> {
    if (r.phase === 'completed') return { health: 'healthy', healthReason: `steady on ${r.stableVersion}` };
    if (r.phase === 'degraded') return { health: 'warning', healthReason: r.message };
    if (r.phase === 'aborted') return { health: 'healthy', healthReason: `traffic on ${r.stableVersion}` };
    // A reading of the previous version (or of the run before a retry) says nothing about this one.
    const reading = this.health.get(r.id);
    // A controller that judges its own canaries (Argo's AnalysisRuns) speaks where no metrics reading can.
    if (r.controllerHealth && (!reading || !isReadingOf(reading, r) || reading.health === 'unknown'))
      return { health: r.controllerHealth.health, healthReason: r.controllerHealth.reason };
    return reading && isReadingOf(reading, r)
      ? {
          health: reading.health,
          healthReason: reading.reason,
          ...(reading.window && { healthWindow: reading.window }),
        }
      : { health: 'unknown', healthReason: `${r.canaryVersion} not read yet` };
  }

  /** Only this generation's samples: a retried version's earlier run must not colour its health. */
  private readHealth(r: RolloutSnapshot, from: number, to: number): Promise<HealthReading> {
    const started = Date.parse(r.startedAt);
    return this.analysis.healthReading(r, {
      from: Number.isNaN(started) ? from : Math.max(from, started),
      to,
    });
  }

  /** A roll forward or retry started a new generation: read it at the next tick, not in 5 s. */
  private healthSubjectChanged(): void {
    this.healthReadAt = Number.NEGATIVE_INFINITY;
  }

  /** Health readings of every rollout in flight; concurrent callers share one refresh. */
  refreshHealth(): Promise<void> {
    this.healthRefresh ??= (async () => {
      const now = this.deps.clock.now();
      this.healthReadAt = now;
      const inFlight = this.deps.deployment
        .list()
        .filter((r) => r.phase !== 'completed' && r.phase !== 'aborted' && r.phase !== 'degraded');
      await inSlices(inFlight, HEALTH_BATCH, async (r) =>
        this.health.set(r.id, await this.readHealth(r, now - HEALTH_WINDOW_MS, now)),
      );
    })().finally(() => {
      this.healthRefresh = undefined;
    });
    return this.healthRefresh;
  }
}
