// Which rollouts' releases an inject implicates: the rollouts whose own release is part of the fault,
// so that changing that release (abort, roll forward, …) can be the answer. A fault from outside any
// release (a database failover, a config push, a metrics outage, refused writes) implicates none:
// changing a release for it is collateral, however much the fault shows on that rollout's metrics.
// An alert is a symptom, not a cause: it implicates nothing by itself. A flag flip changes no
// release either: the flag is the cause, and turning it off the answer.
import { rolloutIdsOf, type DrillFleet, type Inject } from './scenario-schema';

/** The rollouts of a service (in one environment, or all) that run one of `versions` (any when absent). */
function rolloutsRunning(
  fleet: DrillFleet,
  service: string,
  environment: string | undefined,
  versions: readonly string[] | undefined,
): string[] {
  const stable = fleet.services[service]?.stable;
  return (environment === undefined ? fleet.environments : [environment]).flatMap((env) => {
    const listed = fleet.rollouts.find((r) => r.service === service && r.environment === env);
    const running = [stable, listed?.canary].filter((v): v is string => v !== undefined);
    const hit = versions === undefined || running.some((v) => versions.includes(v));
    return hit && rolloutIdsOf(fleet).includes(`${service}-${env}`) ? [`${service}-${env}`] : [];
  });
}

export function implicatedRollouts(inject: Inject, fleet: DrillFleet): string[] {
  switch (inject.kind) {
    case 'metric-fault':
    case 'slow-leak':
      return rolloutsRunning(
        fleet,
        inject.service,
        inject.environment,
        inject.version === undefined ? undefined : [inject.version],
      );
    case 'migration-phase':
      return rolloutsRunning(fleet, inject.service, inject.environment, inject.breaks);
    case 'rollback-fails':
      return [inject.rollout];
    case 'alert':
    case 'config-push':
    case 'database-failover':
    case 'metrics-outage':
    case 'deploy-writes-refused':
    case 'flag-flip':
      return [];
  }
}
