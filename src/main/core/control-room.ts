// The engine behind all three shells: reads the fleet, runs actions safely (preconditions,
// idempotency, audit record fsynced before success is reported) and keeps health and analysis current.
import type {
  ActionResult,
  ApiParsedInput,
  AuditListResult,
  CanaryAnalysis,
  SessionInfo,
} from '../../shared/api';
import type {
  AuditVerifyResult,
  ChangeEvent,
  MetricName,
  MetricSeries,
  RolloutDetail,
  RolloutSummary,
} from '../../shared/domain';
import { ApiError } from './api/api-error';
import type { AuditLog } from './audit/audit-log';
import { isoTime, type Clock } from './clock';
import { inSlices } from './in-slices';
import { actionAvailability, refusal } from './rollouts/action-preconditions';
import { CanaryAnalysisService } from './canary/analysis-service';
import { loadShippedCanaryConfig, type CanaryConfig } from './canary/canary-config';
import type { HealthReading } from './canary/verdict-health';
import type { BackendCommand, DeploymentBackend, RolloutSnapshot } from './rollouts/deployment-backend';
import { METRIC_UNITS, type MetricsBackend } from './rollouts/metrics-backend';
import { IdempotencyLedger } from './rollouts/idempotency-ledger';

const HEALTH_WINDOW_MS = 5 * 60_000;
/** Health readings are 5 minute windows; re-reading them more often than this buys nothing. */
const HEALTH_REFRESH_MS = 5_000;
/** Health readings per slice of work; between slices the event loop serves requests. */
const HEALTH_BATCH = 20;

const SAMPLE_STEP_MS = 10_000;

export interface ControlRoomDeps {
  deployment: DeploymentBackend;
  metrics: MetricsBackend;
  audit: AuditLog;
  clock: Clock;
  session: Omit<SessionInfo, 'clock' | 'backends'> & { speed: number; simulated: boolean };
  /** How each rollout's canary is judged; the config shipped in resources/ when absent. */
  canaryConfig?: (rollout: RolloutSnapshot) => CanaryConfig;
}

type ActInput = ApiParsedInput<'rollout.act'>;

export class ControlRoom {
  private readonly health = new Map<string, HealthReading>();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private readonly ledger: IdempotencyLedger;
  private readonly analysis: CanaryAnalysisService;
  private healthRefresh: Promise<void> | undefined;
  private healthReadAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: ControlRoomDeps) {
    this.ledger = IdempotencyLedger.fromAudit(deps.audit.records());
    let configFor = deps.canaryConfig;
    if (!configFor) {
      const shipped = loadShippedCanaryConfig();
      configFor = () => shipped;
    }
    this.analysis = new CanaryAnalysisService({
      deployment: deps.deployment,
      metrics: deps.metrics,
      clock: deps.clock,
      configFor,
      record: (entry) => this.record(entry),
      emit: (event) => this.emit(event),
    });
    deps.deployment.onChange((change) => {
      this.record({
        actor: change.actor,
        kind: `rollout.${change.kind}`,
        target: change.id,
        reason: '',
        details: { message: change.message, revision: change.revision },
      });
      this.emit({ type: 'rollout', id: change.id, revision: change.revision });
    });
  }

  session(): SessionInfo {
    const { speed, simulated, ...rest } = this.deps.session;
    return {
      ...rest,
      backends: { deployment: this.deps.deployment.name, metrics: this.deps.metrics.name },
      clock: { now: isoTime(this.deps.clock.now()), speed, simulated },
    };
  }

  fleet(): RolloutSummary[] {
    return this.deps.deployment.list().map((r) => this.summarise(r));
  }

  rollout(id: string): RolloutDetail {
    const r = this.snapshot(id);
    return { ...r, ...this.healthOf(r), actions: actionAvailability(r) };
  }

  async metrics(input: ApiParsedInput<'rollout.metrics'>): Promise<MetricSeries[]> {
    const r = this.snapshot(input.id);
    const to = this.deps.clock.now();
    const from = to - input.windowSec * 1000;
    // About 180 points per chart whatever the window.
    const stepMs = Math.max(
      SAMPLE_STEP_MS,
      Math.ceil((input.windowSec * 1000) / 180 / SAMPLE_STEP_MS) * SAMPLE_STEP_MS,
    );
    const names: MetricName[] = input.metrics ?? ['errorRate', 'latencyP99'];
    return Promise.all(
      names.map(async (metric) => {
        const q = { service: r.service, environment: r.environment, metric, from, to, stepMs };
        const [baseline, canary] = await Promise.all([
          this.deps.metrics.query({ ...q, version: r.stableVersion }),
          r.canaryVersion === r.stableVersion
            ? Promise.resolve([])
            : this.deps.metrics.query({ ...q, version: r.canaryVersion }),
        ]);
        const byTime = new Map<number, { baseline: number | null; canary: number | null }>();
        for (const s of baseline) byTime.set(s.time, { baseline: s.value, canary: null });
        for (const s of canary)
          byTime.set(s.time, { baseline: byTime.get(s.time)?.baseline ?? null, canary: s.value });
        const points = [...byTime.entries()]
          .sort(([a], [b]) => a - b)
          .map(([time, v]) => ({ time: isoTime(time), ...v }));
        return { metric, unit: METRIC_UNITS[metric], points };
      }),
    );
  }

  /** `actor` is the caller's identity from its credential (CallContext), never from the input. */
  async act(input: ActInput, actor: string): Promise<ActionResult> {
    const replay = this.ledger.replay(input);
    if (replay) return { ...replay, applied: false, rollout: this.rollout(input.id) };
    return this.ledger.runOnce(input.idempotencyKey, () => this.perform(input, actor));
  }

  private async perform(input: ActInput, actor: string): Promise<ActionResult> {
    const before = this.snapshot(input.id);
    const reason = input.reason ?? '';
    const base = { action: input.action, idempotencyKey: input.idempotencyKey, revision: before.revision };
    const refused = refusal(before, input.action, input.toVersion);
    if (refused !== undefined) {
      this.record({
        actor,
        kind: 'action.rejected',
        target: input.id,
        reason,
        details: { ...base, refused },
      });
      throw new ApiError('precondition-failed', `Cannot ${input.action} ${input.id}: ${refused}`);
    }
    const details = input.toVersion === undefined ? base : { ...base, toVersion: input.toVersion };
    // Durable intent first: if this write fails, nothing is done and the caller is told.
    this.record({ actor, kind: 'action.requested', target: input.id, reason, details });
    const command: BackendCommand =
      input.action === 'roll-forward'
        ? { kind: 'roll-forward', actor, toVersion: input.toVersion ?? '' }
        : { kind: input.action, actor };
    let message: string;
    let outcome: ActionResult['outcome'];
    try {
      message = (await this.deps.deployment.apply(input.id, command)).message;
      outcome = 'succeeded';
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
      outcome = 'failed';
    }
    const auditSeq = this.record({
      actor,
      kind: `action.${outcome}`,
      target: input.id,
      reason,
      details: { ...details, message },
    });
    const result = { applied: true, outcome, message, auditSeq };
    this.ledger.remember(input, result);
    if (outcome === 'failed')
      throw new ApiError('backend-error', `${input.action} ${input.id} failed: ${message}`);
    return { ...result, rollout: this.rollout(input.id) };
  }

  auditList(input: ApiParsedInput<'audit.list'>): AuditListResult {
    return this.deps.audit.list(input);
  }

  auditVerify(): AuditVerifyResult {
    return this.deps.audit.verify();
  }

  /** Every analysis run of the rollout, newest first. */
  canaryAnalyses(id: string): CanaryAnalysis[] {
    this.snapshot(id);
    return this.analysis.analyses(id);
  }

  /** Re-judges the last `windowSec` seconds on demand: audited, but the rollout is left alone. */
  judgeCanary(input: ApiParsedInput<'canary.judge'>, actor: string): Promise<CanaryAnalysis> {
    return this.analysis.judgeOnDemand(this.snapshot(input.id), input.windowSec, actor, input.to);
  }

  /** One controller step: lets the backend move on, then refreshes health and judges due analyses. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    this.deps.deployment.tick(now);
    const healthDue = now - this.healthReadAt >= HEALTH_REFRESH_MS;
    await Promise.all([healthDue ? this.refreshHealth() : undefined, this.analysis.runDue(now)]);
    this.emit({ type: 'tick', time: isoTime(now) });
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

  private record(entry: Parameters<AuditLog['append']>[0]): number {
    let seq: number;
    try {
      seq = this.deps.audit.append(entry).seq;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new ApiError('internal', `The audit log could not be written (${why}); nothing was done.`);
    }
    this.emit({ type: 'audit', seq });
    return seq;
  }

  private snapshot(id: string): RolloutSnapshot {
    const r = this.deps.deployment.get(id);
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
      ...this.healthOf(r),
    };
  }

  private healthOf(r: RolloutSnapshot): Pick<RolloutDetail, 'health' | 'healthReason'> {
    if (r.phase === 'completed') return { health: 'healthy', healthReason: `steady on ${r.stableVersion}` };
    if (r.phase === 'degraded') return { health: 'warning', healthReason: r.message };
    if (r.phase === 'aborted') return { health: 'healthy', healthReason: `traffic on ${r.stableVersion}` };
    const reading = this.health.get(r.id);
    return reading
      ? { health: reading.health, healthReason: reading.reason }
      : { health: 'unknown', healthReason: 'no reading yet' };
  }

  private readHealth(r: RolloutSnapshot, from: number, to: number): Promise<HealthReading> {
    return this.analysis.healthReading(r, { from, to });
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
