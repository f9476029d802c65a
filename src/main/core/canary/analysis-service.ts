// Runs the judge for rollouts: analysis steps when their window has elapsed, optional background
// runs while a canary takes traffic, and on-demand re-judging of a chosen window. Each run is kept
// (in memory) as a CanaryAnalysis and written to the audit log before anything acts on it.
import type { AnalysisTrigger, CanaryAnalysis } from '../../../shared/api/canary-api';
import type { JudgeReport } from '../../../shared/canary';
import type { ChangeEvent } from '../../../shared/domain';
import { ApiError } from '../api/api-error';
import type { AuditEntry } from '../audit/audit-log';
import { isoTime, type Clock } from '../clock';
import type { BackendCommand, DeploymentBackend, RolloutSnapshot } from '../rollouts/deployment-backend';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { decide, stepVerdict } from './analysis-decision';
import type { CanaryConfig } from './canary-config';
import { gatherJudgeInput, withSources, type AnalysisWindow } from './gather-judge-input';
import { judge } from './judge';
import { healthFromReport, healthSubject, type HealthReading } from './verdict-health';
import { inSlices } from '../in-slices';
import { JUDGE_ACTOR } from '../../../shared/system-actors';

export { JUDGE_ACTOR };
/** Runs kept per rollout: a background run every minute for a week still fits. */
const RUNS_KEPT = 10_000;

export interface AnalysisServiceDeps {
  deployment: DeploymentBackend;
  metrics: MetricsBackend;
  clock: Clock;
  configFor: (rollout: RolloutSnapshot) => CanaryConfig;
  /** Appends an audit record durably and returns its seq; throws when it cannot. */
  record: (entry: AuditEntry) => number;
  emit: (event: ChangeEvent) => void;
}

const TAKES_TRAFFIC = new Set(['progressing', 'paused', 'awaiting-promotion']);

/** Analyses judged per slice of work when many fall due together. */
const DUE_BATCH = 10;

export class CanaryAnalysisService {
  private readonly runs = new Map<string, CanaryAnalysis[]>();
  private readonly busy = new Set<string>();
  private readonly nextBackground = new Map<string, number>();

  constructor(private readonly deps: AnalysisServiceDeps) {}

  /** Every run for the rollout, newest first. */
  analyses(id: string): CanaryAnalysis[] {
    return [...(this.runs.get(id) ?? [])].reverse();
  }

  /** Judges every analysis step whose window has elapsed and every background run that is due. */
  async runDue(now: number): Promise<void> {
    const work: (() => Promise<unknown>)[] = [];
    for (const r of this.deps.deployment.list()) {
      if (this.busy.has(r.id)) continue;
      const step = r.steps[r.currentStepIndex];
      const running = r.analyses.at(-1);
      const stepDue =
        step?.kind === 'analysis' &&
        running?.verdict === 'running' &&
        running.stepIndex === r.currentStepIndex &&
        !r.pauseConditions.some((c) => c.reason === 'manual') &&
        Date.parse(r.stepStartedAt) + step.durationSec * 1000 <= now;
      if (stepDue) {
        const from = Date.parse(r.stepStartedAt);
        work.push(() =>
          this.exclusive(r.id, () => this.runStep(r, { from, to: from + step.durationSec * 1000 })),
        );
      } else if (this.backgroundDue(r, now))
        work.push(() => this.exclusive(r.id, () => this.runBackground(r, now)));
    }
    await inSlices(work, DUE_BATCH, (run) => run());
  }

  /** Judges the last `windowSec` seconds now; recorded, but changes nothing about the rollout. */
  async judgeOnDemand(
    r: RolloutSnapshot,
    windowSec: number,
    actor: string,
    endsAt?: string,
  ): Promise<CanaryAnalysis> {
    if (r.canaryVersion === r.stableVersion)
      throw new ApiError(
        'precondition-failed',
        `${r.id} has no canary to judge: ${r.stableVersion} serves all traffic`,
        'id',
      );
    const now = this.deps.clock.now();
    const to = endsAt === undefined ? now : Date.parse(endsAt);
    if (to > now)
      throw new ApiError(
        'invalid-input',
        `The window must end by now (${isoTime(now)}), not at ${endsAt}`,
        'to',
      );
    const window = { from: to - windowSec * 1000, to };
    const run = this.keep(r, 'manual', window, await this.judgeWindow(r, window), actor, 'none');
    this.deps.emit({ type: 'rollout', id: r.id, revision: r.revision });
    return run;
  }

  /** The fleet's health reading: the judge over a recent window, without recording anything. */
  async healthReading(r: RolloutSnapshot, window: AnalysisWindow): Promise<HealthReading> {
    const reading = healthFromReport(await this.judgeWindow(r, window), healthSubject(r));
    return { ...reading, window: { from: isoTime(window.from), to: isoTime(window.to) } };
  }

  private async judgeWindow(r: RolloutSnapshot, window: AnalysisWindow): Promise<JudgeReport> {
    const { input, sources } = await gatherJudgeInput(this.deps.metrics, r, this.deps.configFor(r), window);
    return withSources(judge(input), sources);
  }

  private async runStep(r: RolloutSnapshot, window: AnalysisWindow): Promise<void> {
    const report = await this.judgeWindow(r, window);
    const decision = decide('step', report.verdict, this.deps.configFor(r).onFail);
    this.keep(r, 'step', window, report, JUDGE_ACTOR, decision);
    await this.act(r, {
      kind: 'analysis-result',
      actor: JUDGE_ACTOR,
      stepIndex: r.currentStepIndex,
      verdict: stepVerdict(decision),
      score: report.score,
      reason: report.reason,
    });
  }

  private backgroundDue(r: RolloutSnapshot, now: number): boolean {
    const every = this.deps.configFor(r).background?.everyMinutes;
    if (
      every === undefined ||
      r.canaryVersion === r.stableVersion ||
      r.weight <= 0 ||
      !TAKES_TRAFFIC.has(r.phase)
    ) {
      this.nextBackground.delete(r.id);
      return false;
    }
    const next = this.nextBackground.get(r.id);
    // The first run comes a full interval after the canary is first seen taking traffic.
    if (next === undefined) this.nextBackground.set(r.id, now + every * 60_000);
    return next !== undefined && next <= now;
  }

  private async runBackground(r: RolloutSnapshot, now: number): Promise<void> {
    const config = this.deps.configFor(r);
    const everyMs = (config.background?.everyMinutes ?? 0) * 60_000;
    this.nextBackground.set(r.id, now + everyMs);
    const window = { from: now - everyMs, to: now };
    const report = await this.judgeWindow(r, window);
    let decision = decide('background', report.verdict, config.onFail);
    // A rollout someone already holds stays held; pausing it again would only be refused.
    if (decision === 'pause' && r.pauseConditions.some((c) => c.reason === 'manual')) decision = 'none';
    this.keep(r, 'background', window, report, JUDGE_ACTOR, decision);
    if (decision === 'abort' || decision === 'pause')
      await this.act(r, { kind: decision, actor: JUDGE_ACTOR });
    else this.deps.emit({ type: 'rollout', id: r.id, revision: r.revision });
  }

  /** Audits the run (durably, before anything acts on it) and keeps it in memory. */
  private keep(
    r: RolloutSnapshot,
    trigger: AnalysisTrigger,
    window: AnalysisWindow,
    report: JudgeReport,
    actor: string,
    decision: CanaryAnalysis['decision'],
  ): CanaryAnalysis {
    const runs = this.runs.get(r.id) ?? [];
    const index = (runs.at(-1)?.index ?? 0) + 1;
    const stepIndex = trigger === 'step' ? r.currentStepIndex : null;
    const span = { from: isoTime(window.from), to: isoTime(window.to) };
    const auditSeq = this.deps.record({
      actor,
      kind: 'analysis.verdict',
      target: r.id,
      reason: report.reason,
      details: {
        trigger,
        index,
        stepIndex,
        verdict: report.verdict,
        score: report.score,
        decision,
        window: span,
        baselineVersion: r.stableVersion,
        canaryVersion: r.canaryVersion,
        metrics: report.metrics.map((m) => ({
          name: m.name,
          classification: m.classification,
          effectSize: m.effectSize,
          pValue: m.pValue,
          reason: m.reason,
        })),
      },
    });
    const run: CanaryAnalysis = {
      index,
      rolloutId: r.id,
      stepIndex,
      trigger,
      window: span,
      baselineVersion: r.stableVersion,
      canaryVersion: r.canaryVersion,
      judgedAt: isoTime(this.deps.clock.now()),
      actor,
      decision,
      auditSeq,
      report,
    };
    runs.push(run);
    if (runs.length > RUNS_KEPT) runs.splice(0, runs.length - RUNS_KEPT);
    this.runs.set(r.id, runs);
    return run;
  }

  /** Applies the judge's decision; a refusal (someone acted first) is recorded, not thrown. */
  private async act(r: RolloutSnapshot, command: BackendCommand): Promise<void> {
    try {
      await this.deps.deployment.apply(r.id, command);
    } catch (error) {
      this.deps.record({
        actor: JUDGE_ACTOR,
        kind: 'analysis.not-applied',
        target: r.id,
        reason: error instanceof Error ? error.message : String(error),
        details: { command: command.kind },
      });
    }
  }

  private async exclusive(id: string, run: () => Promise<void>): Promise<void> {
    this.busy.add(id);
    try {
      await run();
    } finally {
      this.busy.delete(id);
    }
  }
}
