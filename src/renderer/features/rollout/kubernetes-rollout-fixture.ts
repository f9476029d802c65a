// checkout of namespace shop on an Argo Rollouts cluster: revision 5 (2.4.0) is the canary at 20%
// in a 10 min pause after its step analysis passed; its background analysis has one failed
// measurement (of a limit of 1); revision 4 (2.3.1) is stable.
// Built from the contract types, for the unit tests only; the app always shows the API's data.
import type { RolloutDetail } from '../../../shared/domain';
import type { KubernetesRevision, KubernetesRolloutDetail } from '../../../shared/kubernetes-rollout';

const image = (tag: string) => `registry.example/shop/checkout:${tag}`;

/** A revision of checkout with its envoy sidecar; ready as many pods as it runs. */
function revision(
  n: number,
  podHash: string,
  tag: string,
  role: KubernetesRevision['role'],
  replicas: number,
  lastRanAt: string,
): KubernetesRevision {
  return {
    revision: n,
    podHash,
    replicaSet: `checkout-${podHash}`,
    images: [
      { container: 'checkout', image: image(tag) },
      { container: 'envoy', image: 'envoyproxy/envoy:v1.29.1' },
    ],
    role,
    replicas,
    readyReplicas: replicas,
    lastRanAt,
    current: false,
  };
}

export const kubernetesDetail: KubernetesRolloutDetail = {
  namespace: 'shop',
  name: 'checkout',
  resourceVersion: '81723',
  generation: 9,
  observedGeneration: 9,
  phase: 'Paused',
  phaseMessage: 'CanaryPauseStep',
  phaseTrusted: true,
  specPaused: false,
  controllerPause: true,
  abort: false,
  promoteFull: false,
  stableRS: '6d4f8b9c7',
  currentPodHash: '7c9b2d5f4',
  weights: { set: 20, actual: 20, verified: true },
  revisions: [
    revision(3, '5b8c7d6e1', '2.3.0', 'old', 0, '2026-11-20T09:12:00.000Z'),
    { ...revision(5, '7c9b2d5f4', '2.4.0', 'canary', 1, '2026-11-27T11:47:00.000Z'), current: true },
    revision(4, '6d4f8b9c7', '2.3.1', 'stable', 4, '2026-11-27T11:48:00.000Z'),
  ],
  analysisRuns: [
    {
      name: 'checkout-7c9b2d5f4-5-1',
      phase: 'Successful',
      type: 'Step',
      stepIndex: 1,
      podHash: '7c9b2d5f4',
      startedAt: '2026-11-27T11:47:30.000Z',
      metrics: [
        {
          name: 'error-rate',
          phase: 'Successful',
          successCondition: 'result[0] < 0.05',
          provider: 'prometheus',
          resolvedQuery: 'sum(rate(http_requests_total{app="checkout",code=~"5.."}[2m]))',
          count: 1,
          successful: 1,
          failed: 0,
          inconclusive: 0,
          error: 0,
          measurements: [
            {
              value: '[0.004]',
              phase: 'Successful',
              startedAt: '2026-11-27T11:47:30.000Z',
              finishedAt: '2026-11-27T11:47:31.000Z',
            },
          ],
        },
      ],
    },
    {
      name: 'checkout-7c9b2d5f4-5-background',
      phase: 'Running',
      type: 'Background',
      podHash: '7c9b2d5f4',
      startedAt: '2026-11-27T11:47:10.000Z',
      metrics: [
        {
          name: 'success-rate',
          phase: 'Running',
          successCondition: 'result[0] >= 0.95',
          provider: 'prometheus',
          resolvedQuery:
            'sum(rate(http_requests_total{app="checkout",code!~"5.."}[5m])) / sum(rate(http_requests_total{app="checkout"}[5m]))',
          count: 2,
          successful: 2,
          failed: 0,
          inconclusive: 0,
          error: 0,
          measurements: [
            { value: '[0.991]', phase: 'Successful', startedAt: '2026-11-27T11:47:10.000Z' },
            { value: '[0.987]', phase: 'Successful', startedAt: '2026-11-27T11:48:10.000Z' },
          ],
        },
        {
          name: 'latency-p99',
          phase: 'Running',
          successCondition: 'result[0] < 0.3',
          failureCondition: 'result[0] >= 0.5',
          provider: 'prometheus',
          resolvedQuery:
            'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{app="checkout"}[5m])) by (le))',
          count: 2,
          successful: 1,
          failed: 1,
          inconclusive: 0,
          error: 0,
          failureLimit: 1,
          measurements: [
            { value: '[0.21]', phase: 'Successful', startedAt: '2026-11-27T11:47:10.000Z' },
            { value: '[0.62]', phase: 'Failed', startedAt: '2026-11-27T11:48:10.000Z' },
          ],
        },
      ],
    },
  ],
  unknown: [],
  containers: [
    { name: 'checkout', image: image('2.4.0') },
    { name: 'envoy', image: 'envoyproxy/envoy:v1.29.1' },
  ],
};

export const kubernetesRollout: RolloutDetail = {
  id: 'prod-eu/shop/checkout',
  connection: 'prod-eu',
  namespace: 'shop',
  service: 'checkout',
  environment: 'shop',
  strategy: 'canary',
  stableVersion: image('2.3.1'),
  canaryVersion: image('2.4.0'),
  phase: 'paused',
  message: 'Paused at step 3: pause 10m',
  currentStepIndex: 2,
  stepCount: 5,
  weight: 20,
  health: 'unknown',
  healthReason: '',
  stepStartedAt: '2026-11-27T11:48:00.000Z',
  updatedAt: '2026-11-27T11:48:00.000Z',
  revision: 12,
  steps: [
    { kind: 'setWeight', weight: 20 },
    { kind: 'analysisRun', templates: ['error-rate'] },
    { kind: 'pause', durationSec: 600 },
    { kind: 'setWeight', weight: 50 },
    { kind: 'pause' },
  ],
  pauseConditions: [
    { reason: 'pause-step', since: '2026-11-27T11:48:00.000Z', until: '2026-11-27T11:58:00.000Z' },
  ],
  startedAt: '2026-11-27T11:47:00.000Z',
  weightHistory: [],
  analyses: [],
  timeline: [],
  actions: [],
  kubernetes: kubernetesDetail,
};
