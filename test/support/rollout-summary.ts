// A fleet row for unit tests: an in-flight, healthy canary at its first step, and what differs.
import type { RolloutSummary } from '../../src/shared/domain';

export function rolloutSummary(over: Partial<RolloutSummary> = {}): RolloutSummary {
  return {
    id: 'simulator/x',
    connection: 'simulator',
    service: 'svc',
    environment: 'prod',
    strategy: 'canary',
    stableVersion: '1.0.0',
    canaryVersion: '1.1.0',
    phase: 'progressing',
    message: '',
    currentStepIndex: 0,
    stepCount: 4,
    weight: 10,
    health: 'healthy',
    healthReason: '',
    stepStartedAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    revision: 1,
    pauseConditions: [],
    ...over,
  };
}
