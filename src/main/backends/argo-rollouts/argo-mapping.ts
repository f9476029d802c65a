// An Argo Rollouts Rollout, with its ReplicaSets and AnalysisRuns, in the control room's terms. The
// rules are Argo's own: currentStepIndex nil means 0 and equal to the number of steps means done;
// the phase is trusted only once status.observedGeneration matches metadata.generation; a timed
// pause resumes at its condition's startTime plus the step's duration. Whatever is not understood is
// listed in `unknown`, never dropped.
import type {
  AnalysisResult,
  PauseCondition,
  PauseReason,
  RolloutPhase,
  RolloutStep,
  Strategy,
  TimelineEvent,
  WeightPoint,
} from '../../../shared/domain';
import type {
  KubernetesAnalysisRun,
  KubernetesMetricResult,
  KubernetesRevision,
  KubernetesRolloutDetail,
} from '../../../shared/kubernetes-rollout';
import { isoTime } from '../../core/clock';
import { parseDuration } from '../../core/config/duration';
import type { RolloutSnapshot } from '../../core/rollouts/deployment-backend';
import type { KubeObject } from './kube-client';

export const POD_HASH_LABEL = 'rollouts-pod-template-hash';
export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
const bool = (v: unknown): boolean => v === true;

/** Argo's durations: "10m", "1h30m", or a number of seconds. */
export function argoDurationSec(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = parseDuration(value);
  return ms === undefined ? undefined : ms / 1000;
}

const templateNames = (v: unknown): string[] =>
  arr(obj(v).templates)
    .map((t) => str(obj(t).templateName) ?? str(obj(t).name) ?? str(obj(t).clusterTemplateName) ?? '?')
    .filter((n) => n.length > 0);

const STEP_KEYS = new Set([
  'setWeight',
  'pause',
  'analysis',
  'experiment',
  'setCanaryScale',
  'setHeaderRoute',
  'setMirrorRoute',
]);

function headerMatch(m: unknown): string {
  const match = obj(m);
  const value = obj(match.headerValue);
  const [how, what] = Object.entries(value)[0] ?? ['', ''];
  return `${str(match.headerName) ?? '?'} ${how} ${String(what)}`;
}

/** One canary step; its index and an `unknown` entry when the step is not understood. */
export function mapStep(raw: unknown, index: number, unknown: string[]): RolloutStep {
  const step = obj(raw);
  const keys = Object.keys(step);
  const known = keys.filter((k) => STEP_KEYS.has(k));
  const strange = keys.filter((k) => !STEP_KEYS.has(k));
  if (known.length !== 1) {
    const what = keys.length === 0 ? 'an empty step' : `a ${keys.join('+')} step`;
    unknown.push(
      `spec.strategy.canary.steps[${index}]: ${what}, which this control room does not understand`,
    );
    return { kind: 'other', what: keys.join('+') || 'empty' };
  }
  if (strange.length > 0)
    unknown.push(
      `spec.strategy.canary.steps[${index}]: ${strange.join(', ')} beside ${known[0]} not understood`,
    );
  if ('setWeight' in step) return { kind: 'setWeight', weight: num(step.setWeight) ?? 0 };
  if ('pause' in step) {
    const pause = obj(step.pause);
    const durationSec = argoDurationSec(pause.duration);
    if (pause.duration !== undefined && durationSec === undefined)
      unknown.push(
        `spec.strategy.canary.steps[${index}].pause.duration: "${String(pause.duration)}" is not a duration`,
      );
    return durationSec === undefined ? { kind: 'pause' } : { kind: 'pause', durationSec };
  }
  if ('analysis' in step) return { kind: 'analysisRun', templates: templateNames(step.analysis) };
  if ('experiment' in step) {
    const experiment = obj(step.experiment);
    const durationSec = argoDurationSec(experiment.duration);
    return {
      kind: 'experiment',
      templates: arr(experiment.templates).map((t) => str(obj(t).name) ?? '?'),
      ...(durationSec === undefined ? {} : { durationSec }),
    };
  }
  if ('setCanaryScale' in step) {
    const scale = obj(step.setCanaryScale);
    const replicas = num(scale.replicas);
    const weight = num(scale.weight);
    return {
      kind: 'setCanaryScale',
      ...(replicas === undefined ? {} : { replicas }),
      ...(weight === undefined ? {} : { weight }),
      ...(bool(scale.matchTrafficWeight) ? { matchTrafficWeight: true } : {}),
    };
  }
  if ('setHeaderRoute' in step) {
    const route = obj(step.setHeaderRoute);
    return {
      kind: 'setHeaderRoute',
      name: str(route.name) ?? '?',
      matches: arr(route.match).map(headerMatch),
    };
  }
  const mirror = obj(step.setMirrorRoute);
  const percentage = num(mirror.percentage);
  return {
    kind: 'setMirrorRoute',
    name: str(mirror.name) ?? '?',
    matches: arr(mirror.match).length,
    ...(percentage === undefined ? {} : { percentage }),
  };
}

/** The tag of an image reference (or its digest, short), which is what people call its version. */
export function imageVersion(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1, at + 1 + 19);
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon >= 0 ? image.slice(colon + 1) : 'latest';
}

export function containersOf(template: unknown): { name: string; image: string }[] {
  return arr(obj(obj(template).spec).containers).map((c) => ({
    name: str(obj(c).name) ?? '?',
    image: str(obj(c).image) ?? '?',
  }));
}

/** Every field of `a` is the same in `b` (b may have more: defaults the API server filled in). */
export function deepDerivative(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return true;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepDerivative(x, b[i]));
  if (typeof a === 'object') {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return false;
    return Object.entries(a).every(([k, v]) => deepDerivative(v, (b as Json)[k]));
  }
  return a === b;
}

/** A pod template without the label Argo adds per ReplicaSet: how the plugin compares and restores them. */
export function withoutPodHash(template: unknown): Json {
  const copy = structuredClone(obj(template));
  const metadata = obj(copy.metadata);
  const labels = { ...obj(metadata.labels) };
  delete labels[POD_HASH_LABEL];
  if (copy.metadata !== undefined) copy.metadata = { ...metadata, labels };
  return copy;
}

export function revisionOf(rs: KubeObject): number {
  return num(rs.metadata.annotations?.[REVISION_ANNOTATION]) ?? 0;
}

/** The ReplicaSets the rollout controls (controller ownerReference), as the plugin lists them. */
export function ownedBy(rollout: KubeObject, objects: Iterable<KubeObject>): KubeObject[] {
  const uid = rollout.metadata.uid;
  const owned: KubeObject[] = [];
  for (const o of objects)
    if (
      o.metadata.namespace === rollout.metadata.namespace &&
      (o.metadata.ownerReferences ?? []).some(
        (ref) => (uid ? ref.uid === uid : ref.name === rollout.metadata.name) && ref.kind === 'Rollout',
      )
    )
      owned.push(o);
  return owned;
}

const PAUSE_REASONS: Record<string, PauseReason> = {
  CanaryPauseStep: 'pause-step',
  BlueGreenPause: 'blue-green-promotion',
  InconclusiveAnalysisRun: 'analysis-inconclusive',
  InconclusiveExperiment: 'experiment-inconclusive',
};

function measurementValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function mapAnalysisRun(run: KubeObject): KubernetesAnalysisRun {
  const labels = run.metadata.labels ?? {};
  const spec = obj(run.spec);
  const status = obj(run.status);
  const specMetrics = new Map(arr(spec.metrics).map((m) => [str(obj(m).name) ?? '?', obj(m)] as const));
  const results = arr(status.metricResults).map(obj);
  const names = [...new Set([...specMetrics.keys(), ...results.map((r) => str(r.name) ?? '?')])];
  const metrics: KubernetesMetricResult[] = names.map((name) => {
    const m = specMetrics.get(name) ?? {};
    const r = results.find((x) => x.name === name) ?? {};
    const provider = obj(m.provider);
    const providerName = Object.keys(provider)[0] ?? 'unknown';
    const metadata = obj(r.metadata);
    const resolved =
      str(metadata.ResolvedPrometheusQuery) ??
      Object.entries(metadata).find(([k]) => /^Resolved.*Query$/.test(k))?.[1] ??
      str(obj(provider[providerName]).query);
    const failureLimit = num(m.failureLimit);
    return {
      name,
      phase: str(r.phase) ?? 'Pending',
      ...(str(m.successCondition) ? { successCondition: str(m.successCondition) } : {}),
      ...(str(m.failureCondition) ? { failureCondition: str(m.failureCondition) } : {}),
      provider: providerName,
      ...(typeof resolved === 'string' ? { resolvedQuery: resolved } : {}),
      count: num(r.count) ?? 0,
      successful: num(r.successful) ?? 0,
      failed: num(r.failed) ?? 0,
      inconclusive: num(r.inconclusive) ?? 0,
      error: num(r.error) ?? 0,
      ...(failureLimit === undefined ? {} : { failureLimit }),
      ...(str(r.message) ? { message: str(r.message) } : {}),
      measurements: arr(r.measurements).map((x) => {
        const ms = obj(x);
        const value = measurementValue(ms.value);
        return {
          phase: str(ms.phase) ?? '?',
          ...(value === undefined ? {} : { value }),
          ...(str(ms.startedAt) ? { startedAt: str(ms.startedAt) } : {}),
          ...(str(ms.finishedAt) ? { finishedAt: str(ms.finishedAt) } : {}),
          ...(str(ms.message) ? { message: str(ms.message) } : {}),
        };
      }),
    };
  });
  const stepIndex = num(labels['step-index']);
  return {
    name: run.metadata.name,
    phase: str(status.phase) ?? 'Pending',
    ...(str(status.message) ? { message: str(status.message) } : {}),
    ...(labels['rollout-type'] ? { type: labels['rollout-type'] } : {}),
    ...(stepIndex === undefined ? {} : { stepIndex }),
    ...(labels[POD_HASH_LABEL] ? { podHash: labels[POD_HASH_LABEL] } : {}),
    ...((str(status.startedAt) ?? run.metadata.creationTimestamp)
      ? { startedAt: str(status.startedAt) ?? run.metadata.creationTimestamp }
      : {}),
    metrics,
  };
}

/** What the control room itself observed of a rollout since it started watching. */
export interface ObservedHistory {
  revision: number;
  timeline: TimelineEvent[];
  weightHistory: WeightPoint[];
}

export interface MapInput {
  rollout: KubeObject;
  replicaSets: KubeObject[];
  analysisRuns: KubeObject[];
  history: ObservedHistory;
  now: number;
}

function analysisVerdict(phase: string): AnalysisResult['verdict'] {
  if (phase === 'Successful') return 'pass';
  if (phase === 'Failed' || phase === 'Error') return 'fail';
  if (phase === 'Inconclusive') return 'inconclusive';
  return 'running';
}

/** The last setWeight at or before the step, as Argo computes the desired canary weight. */
function stepWeight(steps: RolloutStep[], index: number): number {
  let weight = 0;
  for (let i = 0; i < Math.min(index + 1, steps.length); i++) {
    const s = steps[i];
    if (s?.kind === 'setWeight') weight = s.weight;
  }
  return weight;
}

export function mapRollout({ rollout, replicaSets, analysisRuns, history, now }: MapInput): RolloutSnapshot {
  const unknown: string[] = [];
  const spec = obj(rollout.spec);
  const status = obj(rollout.status);
  const strategySpec = obj(spec.strategy);
  const canary = strategySpec.canary === undefined ? undefined : obj(strategySpec.canary);
  const blueGreen = strategySpec.blueGreen === undefined ? undefined : obj(strategySpec.blueGreen);
  const otherStrategies = Object.keys(strategySpec).filter((k) => k !== 'canary' && k !== 'blueGreen');
  if (otherStrategies.length > 0 || (!canary && !blueGreen))
    unknown.push(
      `spec.strategy: ${otherStrategies.join(', ') || 'neither canary nor blueGreen'}, which this control room does not understand`,
    );
  const strategy: Strategy = blueGreen ? 'blueGreen' : 'canary';
  const steps: RolloutStep[] = canary ? arr(canary.steps).map((s, i) => mapStep(s, i, unknown)) : [];
  if (blueGreen) {
    // Blue-green in steps: wait (for a person unless auto-promotion), then switch.
    if (blueGreen.autoPromotionEnabled === false) steps.push({ kind: 'pause' });
    else {
      const seconds = num(blueGreen.autoPromotionSeconds);
      if (seconds) steps.push({ kind: 'pause', durationSec: seconds });
    }
    steps.push({ kind: 'switch' });
  }
  if (spec.workloadRef !== undefined)
    unknown.push(
      `spec.workloadRef: the pod template lives in ${str(obj(spec.workloadRef).kind) ?? 'another object'} ${str(obj(spec.workloadRef).name) ?? ''}; undo and roll forward act on the Rollout's own template only`,
    );

  const generation = rollout.metadata.generation ?? 0;
  const observedGeneration = num(status.observedGeneration);
  const phaseTrusted = observedGeneration === generation;
  const argoPhase = str(status.phase);
  const stableRS = str(status.stableRS);
  const currentPodHash = str(status.currentPodHash);
  const abort = bool(status.abort);
  const specPaused = bool(spec.paused);
  const controllerPause = bool(status.controllerPause);
  const promoteFull = bool(status.promoteFull);
  const rawIndex = num(status.currentStepIndex) ?? 0;
  const canarySteps = canary ? steps.length : 0;

  const template = obj(spec.template);
  const containers = containersOf(template);
  const byHash = new Map(replicaSets.map((rs) => [rs.metadata.labels?.[POD_HASH_LABEL] ?? '', rs] as const));
  const stableImages = stableRS ? containersOf(obj(byHash.get(stableRS)?.spec).template) : [];
  const canaryVersion = imageVersion(containers[0]?.image ?? '?');
  const stableVersion = stableImages[0] ? imageVersion(stableImages[0].image) : canaryVersion;

  const statusBlueGreen = obj(status.blueGreen);
  const activeSelector = str(statusBlueGreen.activeSelector);
  const previewSelector = str(statusBlueGreen.previewSelector);
  const revisions: KubernetesRevision[] = replicaSets
    .map((rs): KubernetesRevision => {
      const hash = rs.metadata.labels?.[POD_HASH_LABEL] ?? '';
      const rsStatus = obj(rs.status);
      const replicas = num(rsStatus.replicas) ?? 0;
      const role: KubernetesRevision['role'] = blueGreen
        ? hash === activeSelector
          ? 'active'
          : hash === previewSelector
            ? 'preview'
            : hash === stableRS
              ? 'stable'
              : 'old'
        : hash === stableRS
          ? 'stable'
          : hash === currentPodHash
            ? 'canary'
            : 'old';
      const rsTemplate = obj(obj(rs.spec).template);
      return {
        revision: revisionOf(rs),
        podHash: hash,
        replicaSet: rs.metadata.name,
        images: containersOf(rsTemplate).map((c) => ({ container: c.name, image: c.image })),
        role,
        replicas,
        readyReplicas: num(rsStatus.readyReplicas) ?? 0,
        lastRanAt:
          replicas > 0
            ? isoTime(now)
            : (rs.metadata.annotations?.['rollout.argoproj.io/scale-down-deadline'] ??
              rs.metadata.creationTimestamp ??
              isoTime(now)),
        current: deepDerivative(withoutPodHash(template), withoutPodHash(rsTemplate)),
      };
    })
    .sort((a, b) => b.revision - a.revision);

  const runs = analysisRuns
    .map(mapAnalysisRun)
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));

  // Pause conditions, with a countdown for a timed canary pause step.
  const stepIndex = Math.min(rawIndex, canarySteps);
  const currentStep = steps[stepIndex];
  const pauseConditions: PauseCondition[] = arr(status.pauseConditions).map((raw) => {
    const c = obj(raw);
    const reasonName = str(c.reason) ?? '?';
    const reason = PAUSE_REASONS[reasonName];
    if (!reason)
      unknown.push(
        `status.pauseConditions: reason ${reasonName}, which this control room does not understand`,
      );
    const since = str(c.startTime) ?? isoTime(now);
    // A canary pause step's duration, or a blue-green preview's auto-promotion delay.
    const timed =
      reason === 'pause-step' && currentStep?.kind === 'pause'
        ? currentStep.durationSec
        : reason === 'blue-green-promotion' && blueGreen && blueGreen.autoPromotionEnabled !== false
          ? num(blueGreen.autoPromotionSeconds)
          : undefined;
    return {
      reason: reason ?? 'pause-step',
      since,
      ...(timed === undefined ? {} : { until: isoTime(Date.parse(since) + timed * 1000) }),
    };
  });
  if (specPaused)
    pauseConditions.unshift({
      reason: 'manual',
      since: pauseConditions[0]?.since ?? isoTime(now),
      // Kubernetes does not say who set it: kubectl, a pipeline or a person.
      actor: 'whoever set spec.paused',
    });

  const done = canary ? stepIndex >= canarySteps && currentPodHash === stableRS : currentPodHash === stableRS;
  const stepsDone = canary ? stepIndex >= canarySteps : false;
  let phase: RolloutPhase;
  let message: string;
  const argoMessage = str(status.message);
  if (abort) {
    phase = 'aborted';
    message = `Aborted${str(status.abortedAt) ? ` at ${str(status.abortedAt)}` : ''}: traffic on ${stableVersion}; the spec still names ${canaryVersion}, so it stays Degraded until retried or undone`;
  } else if (phaseTrusted && argoPhase === 'Degraded') {
    phase = 'degraded';
    message = `Degraded: ${argoMessage ?? 'the controller reports it degraded'}`;
  } else if (!phaseTrusted) {
    phase = 'progressing';
    message = `Waiting for the controller to observe generation ${generation} (observed ${observedGeneration ?? 'none'})`;
  } else if (specPaused) {
    phase = 'paused';
    message = `Paused (spec.paused) at step ${Math.min(stepIndex + 1, Math.max(steps.length, 1))}/${steps.length}`;
  } else if (pauseConditions.some((c) => c.reason === 'blue-green-promotion')) {
    phase = 'awaiting-promotion';
    message = `Preview ${canaryVersion} ready: promote to switch traffic`;
  } else if (
    pauseConditions.some(
      (c) => c.reason === 'analysis-inconclusive' || c.reason === 'experiment-inconclusive',
    )
  ) {
    phase = 'paused';
    message = `Analysis inconclusive at step ${stepIndex + 1}/${steps.length}: promote to go on, or abort`;
  } else if (pauseConditions.some((c) => c.reason === 'pause-step' && c.until === undefined)) {
    phase = 'paused';
    message = `Waiting for judgment at step ${stepIndex + 1}/${steps.length}`;
  } else if (pauseConditions.some((c) => c.reason === 'pause-step' && c.until !== undefined)) {
    phase = 'progressing';
    const until = pauseConditions.find((c) => c.until)?.until ?? '';
    message = `Timed pause at step ${stepIndex + 1}/${steps.length}: resumes by itself at ${until.slice(11, 19)} UTC`;
  } else if (done && argoPhase !== 'Progressing') {
    phase = 'completed';
    message = `${stableVersion} serves all traffic`;
  } else {
    phase = 'progressing';
    message = argoMessage
      ? `${argoPhase ?? 'Progressing'}: ${argoMessage}`
      : `${argoPhase ?? 'Progressing'} at step ${stepIndex + 1}/${steps.length}`;
  }

  const weightsStatus = obj(obj(status.canary).weights);
  const actual = num(obj(weightsStatus.canary).weight);
  const setWeight = abort
    ? 0
    : done || promoteFull || stepsDone
      ? 100
      : blueGreen
        ? currentPodHash === activeSelector
          ? 100
          : 0
        : stepWeight(steps, stepIndex);
  // Completed: the new version is the stable one and takes everything, whatever the router last said.
  const weight = phase === 'completed' ? 100 : (actual ?? setWeight);
  const firstPause = pauseConditions[0];
  const stepStartedAt =
    firstPause?.since ??
    str(obj(arr(status.conditions).find((c) => obj(c).type === 'Progressing')).lastUpdateTime) ??
    arr(status.conditions)
      .map((c) => str(obj(c).lastUpdateTime) ?? '')
      .filter(Boolean)
      .sort()
      .at(-1) ??
    rollout.metadata.creationTimestamp ??
    isoTime(now);

  const analyses: AnalysisResult[] = runs.map((r) => ({
    stepIndex: r.stepIndex ?? (r.type === 'Background' ? -1 : steps.length - 1),
    startedAt: r.startedAt ?? isoTime(now),
    ...(analysisVerdict(r.phase) === 'running' ? {} : { finishedAt: r.startedAt ?? isoTime(now) }),
    verdict: analysisVerdict(r.phase),
    reason: r.message ?? `${r.name}: ${r.phase}`,
  }));

  // Conditions are what the cluster remembers of the rollout's past: the timeline starts with them.
  const conditionEvents: TimelineEvent[] = arr(status.conditions).map((raw) => {
    const c = obj(raw);
    return {
      time: str(c.lastTransitionTime) ?? str(c.lastUpdateTime) ?? isoTime(now),
      kind: 'action',
      actor: 'argo-rollouts',
      message: `${str(c.type) ?? '?'} ${str(c.status) ?? ''}: ${str(c.reason) ?? ''}${str(c.message) ? ` — ${str(c.message)}` : ''}`,
    };
  });
  const timeline = [...conditionEvents, ...history.timeline].sort((a, b) => a.time.localeCompare(b.time));

  const detail: KubernetesRolloutDetail = {
    namespace: rollout.metadata.namespace ?? 'default',
    name: rollout.metadata.name,
    resourceVersion: rollout.metadata.resourceVersion ?? '',
    generation,
    ...(observedGeneration === undefined ? {} : { observedGeneration }),
    ...(argoPhase ? { phase: argoPhase } : {}),
    ...(argoMessage ? { phaseMessage: argoMessage } : {}),
    phaseTrusted,
    specPaused,
    controllerPause,
    abort,
    ...(str(status.abortedAt) ? { abortedAt: str(status.abortedAt) } : {}),
    promoteFull,
    ...(stableRS ? { stableRS } : {}),
    ...(currentPodHash ? { currentPodHash } : {}),
    ...(canary
      ? {
          weights: {
            set: setWeight,
            ...(actual === undefined ? {} : { actual }),
            ...(weightsStatus.verified === undefined ? {} : { verified: bool(weightsStatus.verified) }),
          },
        }
      : {}),
    ...(blueGreen
      ? {
          blueGreen: {
            activeService: str(blueGreen.activeService) ?? '?',
            ...(str(blueGreen.previewService) ? { previewService: str(blueGreen.previewService) } : {}),
            autoPromotionEnabled: blueGreen.autoPromotionEnabled !== false,
            ...(blueGreen.prePromotionAnalysis
              ? { prePromotionAnalysis: templateNames(blueGreen.prePromotionAnalysis) }
              : {}),
            ...(blueGreen.postPromotionAnalysis
              ? { postPromotionAnalysis: templateNames(blueGreen.postPromotionAnalysis) }
              : {}),
            ...(activeSelector ? { activeSelector } : {}),
            ...(previewSelector ? { previewSelector } : {}),
          },
        }
      : {}),
    revisions,
    analysisRuns: runs,
    unknown,
    containers,
  };

  // Argo's own judge: the newest AnalysisRun of the revision in flight (or any, when none is).
  const judging = runs.find((r) => r.podHash === undefined || r.podHash === currentPodHash) ?? runs[0];
  const failing = judging?.metrics.find((m) => m.phase === 'Failed' || m.phase === 'Error' || m.failed > 0);
  const controllerHealth: RolloutSnapshot['controllerHealth'] =
    judging === undefined
      ? undefined
      : judging.phase === 'Failed' || judging.phase === 'Error'
        ? {
            health: 'critical',
            reason: `AnalysisRun ${judging.name} ${judging.phase.toLowerCase()}${failing ? `: ${failing.name} ${failing.failed} failed of ${failing.count}` : ''}`,
          }
        : judging.phase === 'Inconclusive' || failing
          ? {
              health: 'warning',
              reason: `AnalysisRun ${judging.name} ${judging.phase.toLowerCase()}${failing ? `: ${failing.name} ${failing.failed} failed of ${failing.count}` : ''}`,
            }
          : judging.phase === 'Successful'
            ? { health: 'healthy', reason: `AnalysisRun ${judging.name} successful` }
            : { health: 'healthy', reason: `AnalysisRun ${judging.name} running, no failed measurement` };

  const namespace = detail.namespace;
  const labels = rollout.metadata.labels ?? {};
  return {
    id: `${namespace}/${rollout.metadata.name}`,
    namespace,
    service: labels['app.kubernetes.io/name'] ?? labels.app ?? rollout.metadata.name,
    // Clusters rarely label environments; the namespace is the usual stand-in.
    environment: labels.environment ?? namespace,
    strategy,
    stableVersion,
    canaryVersion: phase === 'completed' ? stableVersion : canaryVersion,
    phase,
    message,
    currentStepIndex: blueGreen
      ? done
        ? steps.length
        : currentPodHash === activeSelector
          ? steps.length - 1
          : 0
      : Math.min(rawIndex, steps.length),
    stepCount: steps.length,
    weight,
    stepStartedAt,
    updatedAt: [
      rollout.metadata.creationTimestamp ?? '',
      stepStartedAt,
      ...arr(status.conditions).map((c) => str(obj(c).lastUpdateTime) ?? ''),
    ].reduce((a, b) => (b > a ? b : a)),
    revision: history.revision,
    steps,
    pauseConditions,
    startedAt: revisions.find((r) => r.podHash === currentPodHash)
      ? (replicaSets.find((rs) => rs.metadata.labels?.[POD_HASH_LABEL] === currentPodHash)?.metadata
          .creationTimestamp ?? stepStartedAt)
      : stepStartedAt,
    weightHistory: history.weightHistory,
    analyses,
    timeline,
    kubernetes: detail,
    ...(controllerHealth ? { controllerHealth } : {}),
  };
}
