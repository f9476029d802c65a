// A synthetic fleet of N in-flight rollouts for benchmarks: the demo fleet's strategies and
// services, multiplied out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { findResourcesDir } from '../src/main/resources-dir';

interface FleetYaml {
  environments: string[];
  strategies: Record<string, { steps: unknown[] }>;
  services: Record<string, Record<string, unknown>>;
  rollouts: unknown[];
}

export function largeFleetYaml(rollouts: number): string {
  const demo = parse(readFileSync(join(findResourcesDir(), 'demo-fleet.yaml'), 'utf8')) as FleetYaml;
  const environments = ['staging', 'prod-us', 'prod-eu', 'prod-ap', 'prod-sa'];
  const strategyNames = Object.keys(demo.strategies);
  const profiles = Object.values(demo.services);
  const services: FleetYaml['services'] = {};
  const list: unknown[] = [];
  const serviceCount = Math.ceil(rollouts / environments.length);
  for (let s = 0; s < serviceCount; s++) {
    const name = `svc-${String(s).padStart(3, '0')}`;
    services[name] = { ...profiles[s % profiles.length], versions: {} };
    environments.forEach((environment, e) => {
      if (list.length >= rollouts) return;
      const strategy = strategyNames[(s + e) % strategyNames.length] ?? 'canary-standard';
      const steps = demo.strategies[strategy]?.steps.length ?? 1;
      list.push({
        service: name,
        environment,
        strategy,
        canary: '9.9.9',
        step: (s + e) % steps,
        stepElapsed: '5s',
        startedAgo: '10m',
      });
    });
  }
  return stringify({ environments, settle: '30s', strategies: demo.strategies, services, rollouts: list });
}

export function writeLargeFleet(dir: string, rollouts: number): string {
  const path = join(dir, `fleet-${rollouts}.yaml`);
  writeFileSync(path, largeFleetYaml(rollouts));
  return path;
}
