// Builds the simulated world a fleet file describes: every service in every environment, with the
// listed rollouts mid-flight as if the controller had been running them for a while.
import type {
  Strategy,
  RolloutStep,
  TimelineEvent,
  WeightPoint,
  AnalysisResult,
} from '../../../shared/domain';
import { isoTime } from '../../core/clock';
import type { FleetFile } from './fleet-file';
import { stepLabel, type ControlledRollout } from '../rollout-controller/rollout-machine';

const STEADY_FOR_MS = 2 * 86_400_000;

export function rolloutId(service: string, environment: string): string {
  return `${service}-${environment}`;
}

function lastWeightBefore(steps: RolloutStep[], index: number): number {
  for (let i = index; i >= 0; i--) {
    const step = steps[i];
    if (step?.kind === 'setWeight') return step.weight;
    if (step?.kind === 'switch') return 100;
  }
  return 0;
}

function midFlight(
  base: Pick<ControlledRollout, 'id' | 'service' | 'environment'>,
  strategy: Strategy,
  steps: RolloutStep[],
  stable: string,
  canary: string,
  stepIndex: number,
  startedAt: number,
  stepStartedAt: number,
): ControlledRollout {
  // Spread the earlier steps evenly over the time before the current one began.
  const perStep = stepIndex > 0 ? (stepStartedAt - startedAt) / stepIndex : 0;
  const timeline: TimelineEvent[] = [
    {
      time: isoTime(startedAt),
      kind: 'rollout-started',
      actor: 'deploy-bot',
      message: `Rolling out ${canary}`,
    },
  ];
  const weightHistory: WeightPoint[] = [{ time: isoTime(startedAt), weight: 0 }];
  const analyses: AnalysisResult[] = [];
  for (let i = 0; i <= stepIndex; i++) {
    const step = steps[i];
    if (!step) break;
    const at = i === stepIndex ? stepStartedAt : startedAt + i * perStep;
    timeline.push({
      time: isoTime(at),
      kind: 'step-started',
      actor: 'controller',
      message: `Step ${i + 1}/${steps.length}: ${stepLabel(step)}`,
      stepIndex: i,
    });
    const weight = lastWeightBefore(steps, i);
    if (weight !== weightHistory.at(-1)?.weight) weightHistory.push({ time: isoTime(at), weight });
    if (step.kind === 'analysis') {
      const finished = i < stepIndex;
      analyses.push({
        stepIndex: i,
        startedAt: isoTime(at),
        ...(finished ? { finishedAt: isoTime(at + step.durationSec * 1000), score: 100 } : {}),
        verdict: finished ? 'pass' : 'running',
        reason: finished ? 'canary within allowed bounds on every metric' : 'collecting samples',
      });
    }
  }
  return {
    ...base,
    strategy,
    steps,
    stableVersion: stable,
    canaryVersion: canary,
    currentStepIndex: stepIndex,
    weight: lastWeightBefore(steps, stepIndex),
    completed: false,
    stableSince: startedAt - STEADY_FOR_MS,
    retired: [],
    startedAt,
    stepStartedAt,
    updatedAt: stepStartedAt,
    revision: 1,
    weightHistory,
    analyses,
    timeline,
  };
}

export function buildWorld(fleet: FleetFile, now: number): ControlledRollout[] {
  const world: ControlledRollout[] = [];
  const [firstStrategy] = Object.values(fleet.strategies);
  for (const [service, profile] of Object.entries(fleet.services)) {
    for (const environment of fleet.environments) {
      const id = rolloutId(service, environment);
      const listed = fleet.rollouts.find((r) => r.service === service && r.environment === environment);
      const strategy = listed ? fleet.strategies[listed.strategy] : firstStrategy;
      if (!strategy) throw new Error('the fleet file defines no strategy');
      if (listed) {
        world.push(
          midFlight(
            { id, service, environment },
            strategy.kind,
            strategy.steps,
            profile.stable,
            listed.canary,
            listed.step,
            now - listed.startedAgo,
            now - listed.stepElapsed,
          ),
        );
        continue;
      }
      const since = now - STEADY_FOR_MS;
      world.push({
        id,
        service,
        environment,
        strategy: strategy.kind,
        steps: strategy.steps,
        stableVersion: profile.stable,
        canaryVersion: profile.stable,
        currentStepIndex: strategy.steps.length,
        weight: 100,
        completed: true,
        stableSince: since,
        retired: [],
        startedAt: since,
        stepStartedAt: since,
        updatedAt: since,
        revision: 1,
        weightHistory: [{ time: isoTime(since), weight: 100 }],
        analyses: [],
        timeline: [
          {
            time: isoTime(since),
            kind: 'completed',
            actor: 'controller',
            message: `${profile.stable} serves all traffic`,
          },
        ],
      });
    }
  }
  return world;
}
