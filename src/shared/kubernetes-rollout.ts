// What a rollout of a Kubernetes cluster (Argo Rollouts) shows beyond the common model: the object's
// generations, the weight as set and as the traffic router reports it, revisions with their images,
// and the controller's own AnalysisRuns with every measurement, so the UI can say why one failed.

export interface KubernetesRevision {
  /** `rollout.argoproj.io/revision` of its ReplicaSet. */
  revision: number;
  /** The ReplicaSet's `rollouts-pod-template-hash`. */
  podHash: string;
  replicaSet: string;
  /** Every container image of its pod template, `name=image`. */
  images: { container: string; image: string }[];
  /** What it is to the rollout now. */
  role: 'stable' | 'canary' | 'preview' | 'active' | 'old';
  /** Pods it runs now (ready of desired). */
  replicas: number;
  readyReplicas: number;
  /** When it last ran: when it was created, or when it last had pods. */
  lastRanAt: string;
  /** Whether undo to it would change nothing (the rollout's template already is this revision). */
  current: boolean;
}

export interface KubernetesMeasurement {
  /** The provider's value as reported (a number, a list, or text). */
  value?: string;
  phase: string;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
}

export interface KubernetesMetricResult {
  name: string;
  phase: string;
  /** The metric's conditions as written in the template, e.g. `result[0] < 0.05`. */
  successCondition?: string;
  failureCondition?: string;
  /** The provider (prometheus, web, job, …) and, where the provider reports it, the query it ran. */
  provider: string;
  resolvedQuery?: string;
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  failureLimit?: number;
  message?: string;
  measurements: KubernetesMeasurement[];
}

export interface KubernetesAnalysisRun {
  name: string;
  phase: string;
  message?: string;
  /** `rollout-type`: background, step, prePromotion, postPromotion. */
  type?: string;
  /** The canary step it belongs to (`step-index` label). */
  stepIndex?: number;
  /** The ReplicaSet pod hash of the revision it judged. */
  podHash?: string;
  startedAt?: string;
  metrics: KubernetesMetricResult[];
}

export interface KubernetesRolloutDetail {
  namespace: string;
  name: string;
  resourceVersion: string;
  generation: number;
  observedGeneration?: number;
  /** Argo's own phase and message; trusted only when the controller has observed this generation. */
  phase?: string;
  phaseMessage?: string;
  phaseTrusted: boolean;
  /** `spec.paused`: paused by a person (or a tool), apart from pause conditions. */
  specPaused: boolean;
  controllerPause: boolean;
  abort: boolean;
  abortedAt?: string;
  promoteFull: boolean;
  stableRS?: string;
  currentPodHash?: string;
  /** The canary's weight as the controller set it, and as the traffic router reports it (when it does). */
  weights?: { set: number; actual?: number; verified?: boolean };
  blueGreen?: {
    activeService: string;
    previewService?: string;
    autoPromotionEnabled: boolean;
    prePromotionAnalysis?: string[];
    postPromotionAnalysis?: string[];
    activeSelector?: string;
    previewSelector?: string;
  };
  revisions: KubernetesRevision[];
  analysisRuns: KubernetesAnalysisRun[];
  /** What the adapter found and does not understand (an unknown step, strategy or field): shown, never dropped. */
  unknown: string[];
  /** The pod template's containers, for the roll-forward dialog. */
  containers: { name: string; image: string }[];
}
