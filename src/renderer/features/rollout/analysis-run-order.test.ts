import { describe, expect, it } from 'vitest';
import type { KubernetesAnalysisRun, KubernetesMetricResult } from '../../../shared/kubernetes-rollout';
import {
  analysisPhase,
  isFailing,
  metricCounts,
  orderMeasurements,
  orderMetrics,
  orderRuns,
  runKind,
  runOfStep,
} from './analysis-run-order';
import { kubernetesDetail } from './kubernetes-rollout-fixture';

const metric = (name: string, phase: string): KubernetesMetricResult => ({
  name,
  phase,
  provider: 'prometheus',
  count: 0,
  successful: 0,
  failed: 0,
  inconclusive: 0,
  error: 0,
  measurements: [],
});

const run = (name: string, startedAt: string | undefined, stepIndex?: number): KubernetesAnalysisRun => ({
  name,
  phase: 'Successful',
  metrics: [],
  ...(startedAt === undefined ? {} : { startedAt }),
  ...(stepIndex === undefined ? {} : { stepIndex, type: 'Step' }),
});

describe('the AnalysisRuns of a Kubernetes rollout, in the order a person reads them', () => {
  it('puts the failed metric first, then error, inconclusive, running, pending and successful', () => {
    const metrics = [
      metric('a-ok', 'Successful'),
      metric('b-waiting', 'Pending'),
      metric('c-running', 'Running'),
      metric('d-undecided', 'Inconclusive'),
      metric('e-broke', 'Error'),
      metric('f-failed', 'Failed'),
    ];
    expect(orderMetrics(metrics).map((m) => m.name)).toEqual([
      'f-failed',
      'e-broke',
      'd-undecided',
      'c-running',
      'b-waiting',
      'a-ok',
    ]);
  });

  it('ranks a phase it does not know among those needing a look, and shows its word as it came', () => {
    expect(analysisPhase('Terminating')).toMatchObject({ word: 'Terminating', icon: 'unknown' });
    expect(orderMetrics([metric('ok', 'Successful'), metric('odd', 'Terminating')])[0]?.name).toBe('odd');
    expect(isFailing('Terminating')).toBe(true);
    expect(isFailing('Running')).toBe(false);
  });

  it('lists runs newest first, a run not started yet before all', () => {
    const runs = [
      run('old', '2026-11-27T10:00:00Z'),
      run('new', '2026-11-27T12:00:00Z'),
      run('queued', undefined),
    ];
    expect(orderRuns(runs).map((r) => r.name)).toEqual(['queued', 'new', 'old']);
  });

  it('lists measurements newest first, so the one that tipped the metric over is on top', () => {
    const latency = kubernetesDetail.analysisRuns[1]?.metrics[1];
    expect(latency?.name).toBe('latency-p99');
    expect(orderMeasurements(latency?.measurements ?? []).map((m) => m.value)).toEqual(['[0.62]', '[0.21]']);
  });

  it('counts a metric the way its failure limit judges it', () => {
    const latency = kubernetesDetail.analysisRuns[1]?.metrics[1];
    if (!latency) throw new Error('fixture changed');
    expect(metricCounts(latency)).toBe(
      '2 measured: 1 successful, 1 failed (limit 1), 0 inconclusive, 0 errors',
    );
  });

  it("finds a step's newest run by its step-index label, and names what each run judged", () => {
    const runs = [
      run('first', '2026-11-27T10:00:00Z', 1),
      run('retried', '2026-11-27T11:00:00Z', 1),
      run('bg', '2026-11-27T12:00:00Z'),
    ];
    expect(runOfStep(runs, 1)?.name).toBe('retried');
    expect(runOfStep(runs, 3)).toBeUndefined();
    expect(runKind(runs[0]!)).toBe('step 2');
    // Argo's label values, as the adapter passes them on.
    expect(runKind({ ...run('pre', undefined), type: 'PrePromotion' })).toBe('pre-promotion');
    expect(runKind({ ...run('bg', undefined), type: 'Background' })).toBe('background');
    expect(runKind({ ...run('odd', undefined), type: 'Canary' })).toBe('Canary');
  });
});
