// Argo Rollouts' own AnalysisRuns as the rollout screen lists them: newest run first, and in each
// run the metric that failed (or could not decide) first, so "why did it fail" needs no click.
import type {
  KubernetesAnalysisRun,
  KubernetesMeasurement,
  KubernetesMetricResult,
} from '../../../shared/kubernetes-rollout';
import type { IconName } from '../../components/status-icon';

/** The verdict class of the step timeline's markers: the same colours for the same meaning. */
export type PhaseTone = 'pass' | 'fail' | 'inconclusive' | 'running' | 'pending';

interface PhaseLook {
  icon: IconName;
  word: string;
  tone: PhaseTone;
  /** 0 answers "why did it fail" first. */
  rank: number;
}

// AnalysisRun, metric and measurement phases share these words (argoproj.io/v1alpha1 AnalysisPhase).
const PHASES: Record<string, PhaseLook> = {
  Failed: { icon: 'cross', word: 'Failed', tone: 'fail', rank: 0 },
  Error: { icon: 'critical', word: 'Error', tone: 'fail', rank: 1 },
  Inconclusive: { icon: 'unknown', word: 'Inconclusive', tone: 'inconclusive', rank: 2 },
  Running: { icon: 'clock', word: 'Running', tone: 'running', rank: 4 },
  Pending: { icon: 'dot', word: 'Pending', tone: 'pending', rank: 5 },
  Successful: { icon: 'check', word: 'Successful', tone: 'pass', rank: 6 },
};

/** A phase the control room does not know is shown as it came, and ranked as needing a look. */
export function analysisPhase(phase: string): PhaseLook {
  return PHASES[phase] ?? { icon: 'unknown', word: phase || 'Unknown', tone: 'inconclusive', rank: 3 };
}

/** A measurement (or metric) that did not pass: marked in the table. */
export function isFailing(phase: string): boolean {
  return analysisPhase(phase).rank <= 3;
}

/** Newest first; a run that has not started yet is the newest of all. */
export function orderRuns(runs: readonly KubernetesAnalysisRun[]): KubernetesAnalysisRun[] {
  const at = (r: KubernetesAnalysisRun) => (r.startedAt === undefined ? Infinity : Date.parse(r.startedAt));
  return [...runs].sort((a, b) => at(b) - at(a) || a.name.localeCompare(b.name));
}

/** Failed, then Error, Inconclusive, Running, Pending, Successful; by name within one phase. */
export function orderMetrics(metrics: readonly KubernetesMetricResult[]): KubernetesMetricResult[] {
  return [...metrics].sort(
    (a, b) => analysisPhase(a.phase).rank - analysisPhase(b.phase).rank || a.name.localeCompare(b.name),
  );
}

/** Newest measurement first: the one that tipped the metric over is on top. */
export function orderMeasurements(measurements: readonly KubernetesMeasurement[]): KubernetesMeasurement[] {
  const at = (m: KubernetesMeasurement) => Date.parse(m.finishedAt ?? m.startedAt ?? '') || 0;
  return measurements
    .map((m, i) => ({ m, i }))
    .sort((a, b) => at(b.m) - at(a.m) || b.i - a.i)
    .map((x) => x.m);
}

/** "3 measured: 1 successful, 2 failed (limit 1), 0 inconclusive, 0 errors". */
export function metricCounts(m: KubernetesMetricResult): string {
  const limit = m.failureLimit === undefined ? '' : ` (limit ${m.failureLimit})`;
  return `${m.count} measured: ${m.successful} successful, ${m.failed} failed${limit}, ${m.inconclusive} inconclusive, ${m.error} ${m.error === 1 ? 'error' : 'errors'}`;
}

/** Argo labels runs `Step`, `Background`, `PrePromotion`, `PostPromotion`; said in lower case. */
const RUN_TYPES: Record<string, string> = {
  step: 'step',
  background: 'background',
  prepromotion: 'pre-promotion',
  postpromotion: 'post-promotion',
};

/** What the run judged: "step 2", "background", "pre-promotion", … (labels `rollout-type`, `step-index`). */
export function runKind(run: KubernetesAnalysisRun): string {
  const type = run.type === undefined ? 'analysis' : (RUN_TYPES[run.type.toLowerCase()] ?? run.type);
  if (run.stepIndex === undefined) return type;
  return type === 'step' ? `step ${run.stepIndex + 1}` : `${type} · step ${run.stepIndex + 1}`;
}

/** The newest run of an analysis step, for the step timeline's link to it. */
export function runOfStep(
  runs: readonly KubernetesAnalysisRun[],
  stepIndex: number,
): KubernetesAnalysisRun | undefined {
  return orderRuns(runs).find((r) => r.stepIndex === stepIndex);
}

/** The element id of a run in the panel (Kubernetes names are valid ids). */
export function runElementId(name: string): string {
  return `analysis-run-${name}`;
}
