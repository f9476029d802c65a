// The drills benchmark's scenario: 50 services x 4 environments = 200 rollouts, every one in flight
// (canaries, blue-green, rolling, phased at assorted steps), with a few faults on the timeline.
// Generated here rather than shipped: it is a load, not a drill a team would practise.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { findResourcesDir } from '../src/main/resources-dir';

const ENVIRONMENTS = ['staging', 'prod-us', 'prod-eu', 'prod-ap'];
const CANARY = '9.9.9';

interface DemoFleet {
  strategies: Record<string, { steps: unknown[] }>;
  services: Record<string, Record<string, unknown>>;
}

const svc = (n: number) => `svc-${String(n).padStart(3, '0')}`;

export function drillFleetScenarioYaml(services = 50): string {
  const demo = parse(readFileSync(join(findResourcesDir(), 'demo-fleet.yaml'), 'utf8')) as DemoFleet;
  const strategyNames = Object.keys(demo.strategies);
  const profiles = Object.values(demo.services);
  const fleetServices: Record<string, unknown> = {};
  const rollouts: unknown[] = [];
  for (let s = 0; s < services; s++) {
    const profile = profiles[s % profiles.length] as Record<string, unknown>;
    fleetServices[svc(s)] = { ...profile, versions: { [CANARY]: {} } };
    ENVIRONMENTS.forEach((environment, e) => {
      const strategy = strategyNames[(s + e) % strategyNames.length] as string;
      const steps = demo.strategies[strategy]?.steps.length ?? 1;
      rollouts.push({
        service: svc(s),
        environment,
        strategy,
        canary: CANARY,
        step: (s + e) % steps,
        stepElapsed: '20s',
        startedAgo: '5m',
      });
    });
  }
  // Probes on the services the faults hit and on a few bystanders: each is read every step.
  const probed = [3, 10, 20, 30, 40, 45];
  const scenario = {
    id: 'bench-200-rollouts',
    title: 'Benchmark: 200 rollouts in flight with a few faults',
    briefing: '50 services in 4 environments, every one mid-rollout; faults land one after another.',
    duration: '30m',
    seed: 11,
    fleet: {
      environments: ENVIRONMENTS,
      settle: '30s',
      strategies: demo.strategies,
      services: fleetServices,
      rollouts,
    },
    steadyState: {
      title: 'the probed services answer with under 1% errors and p99 under 2 s in prod',
      probes: probed.flatMap((n) => [
        {
          name: `${svc(n)}-eu-errors`,
          metric: 'errorRate',
          service: svc(n),
          environment: 'prod-eu',
          max: 0.01,
        },
        {
          name: `${svc(n)}-us-p99`,
          metric: 'latencyP99',
          service: svc(n),
          environment: 'prod-us',
          max: 2000,
        },
      ]),
    },
    timeline: [
      {
        id: 'eu-errors',
        at: '2m',
        kind: 'metric-fault',
        service: svc(3),
        environment: 'prod-eu',
        version: CANARY,
        effect: 'error-rate',
        factor: 9,
      },
      {
        id: 'us-latency',
        at: '4m',
        kind: 'metric-fault',
        service: svc(10),
        environment: 'prod-us',
        effect: 'latency',
        factor: 4,
        duration: '10m',
      },
      {
        id: 'leak',
        at: '1m',
        kind: 'slow-leak',
        service: svc(20),
        version: CANARY,
        growth: 0.5,
        every: '5m',
      },
      { id: 'metrics-down', at: '9m', kind: 'metrics-outage', duration: '2m' },
      { id: 'writes-refused', at: '12m', kind: 'deploy-writes-refused', duration: '1m' },
      {
        id: 'bad-config',
        at: '14m',
        kind: 'config-push',
        service: svc(30),
        environment: 'prod-eu',
        key: 'pool.size',
        value: 2,
        effect: 'saturation',
        factor: 5,
      },
    ],
    expected: [
      {
        id: 'stop-eu',
        after: 'eu-errors',
        actions: ['pause', 'abort'],
        rollout: `${svc(3)}-prod-eu`,
        within: '5m',
        why: 'the failing canary is held',
      },
    ],
    scoring: { fault: 'eu-errors' },
  };
  return stringify(scenario);
}

/** A scripted team: pauses then rolls back the failing canary once the steady state breaks. */
export const DRILL_FLEET_SCRIPT = `responses:
  - { when: steady-state-broken, after: 1m, action: pause, rollout: ${svc(3)}-prod-eu }
  - { when: steady-state-broken, after: 3m, action: abort, rollout: ${svc(3)}-prod-eu }
  - { when: inject bad-config, after: 2m, action: revert-config, config: bad-config }
`;

export function writeDrillFleetScenario(dir: string): string {
  const path = join(dir, 'bench-200-rollouts.yaml');
  writeFileSync(path, drillFleetScenarioYaml());
  return path;
}
