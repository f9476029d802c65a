// checkout 2.4.0 in prod-eu at 10% before its analysis, for the action unit tests only; the app
// always shows the API's data.
import type { RolloutDetail } from '../../../shared/domain';

export const checkoutRollout: RolloutDetail = {
  id: 'simulator/checkout-prod-eu',
  connection: 'simulator',
  service: 'checkout',
  environment: 'prod-eu',
  strategy: 'canary',
  stableVersion: '2.3.1',
  canaryVersion: '2.4.0',
  phase: 'paused',
  message: 'Paused',
  currentStepIndex: 1,
  stepCount: 4,
  weight: 10,
  health: 'warning',
  healthReason: '',
  stepStartedAt: '2026-11-27T11:48:00.000Z',
  updatedAt: '2026-11-27T11:48:00.000Z',
  revision: 7,
  steps: [
    { kind: 'setWeight', weight: 10 },
    { kind: 'pause', durationSec: 600 },
    { kind: 'analysis', durationSec: 300 },
    { kind: 'setWeight', weight: 50 },
  ],
  pauseConditions: [],
  startedAt: '2026-11-27T11:47:00.000Z',
  weightHistory: [],
  analyses: [],
  timeline: [],
  actions: [],
};
