import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../core/config/parse-yaml-file';
import { ManualClock } from '../../core/clock';
import { fleetFileSchema } from './fleet-file';
import { createSimulator } from './simulator';

const START = Date.parse('2026-03-04T09:00:00Z');

// orders 3.0.0 calls payments' new endpoint: it is fully out in prod, payments 5.13.0 is not yet.
const FLEET = `environments: [prod]
strategies:
  halves: { kind: canary, steps: [{ setWeight: 50 }, { pause: indefinite }, { setWeight: 100 }] }
  full: { kind: canary, steps: [{ setWeight: 100 }] }
services:
  orders:
    stable: 2.9.0
    requestRate: 50
    errorRate: 0.002
    latencyP50: 40
    cpu: 0.2
    versions: { 3.0.0: { requires: [{ service: payments, version: 5.13.0, errorRate: 0.4 }] } }
  payments: { stable: 5.12.0, requestRate: 50, errorRate: 0.001, latencyP50: 60, cpu: 0.2, versions: { 5.13.0: {} } }
rollouts:
  - { service: orders, environment: prod, strategy: full, canary: 3.0.0, step: 0, startedAgo: 10m, stepElapsed: 10m }
`;

function world() {
  const clock = new ManualClock(START);
  const sim = createSimulator(parseYamlText(FLEET, 'fleet.yaml', fleetFileSchema), clock);
  const errors = (service: string, version: string) => {
    const samples = sim.metrics.querySync({
      service,
      environment: 'prod',
      version,
      metric: 'errorRate',
      from: clock.now() - 60_000,
      to: clock.now(),
      stepMs: 10_000,
    });
    return samples.reduce((sum, s) => sum + s.value, 0) / samples.length;
  };
  const later = (ms: number) => {
    clock.advance(ms);
    sim.deployments.tick(clock.now());
  };
  return { clock, sim, errors, later };
}

describe('coupled releases in the simulator', () => {
  it('fails orders 3.0.0 while payments 5.13.0 is missing, in proportion to the payments traffic not on it yet', async () => {
    const { sim, errors, later } = world();
    expect(sim.deployments.get('orders-prod')?.phase).toBe('completed');
    expect(errors('orders', '3.0.0')).toBeGreaterThan(0.35);

    await sim.deployments.apply('payments-prod', { kind: 'roll-forward', toVersion: '5.13.0', actor: 't' });
    later(2 * 60_000);
    expect(sim.deployments.get('payments-prod')?.weight).toBe(50);
    const half = errors('orders', '3.0.0');
    expect(half).toBeGreaterThan(0.15);
    expect(half).toBeLessThan(0.25);
    await sim.deployments.apply('payments-prod', { kind: 'promote', actor: 't' });
    later(2 * 60_000);
    expect(sim.deployments.get('payments-prod')?.phase).toBe('completed');
    expect(errors('orders', '3.0.0')).toBeLessThan(0.01);
    expect(errors('payments', '5.13.0')).toBeLessThan(0.01);
  });

  it('keeps history: the minutes before payments moved still show the errors', async () => {
    const { sim, clock, later } = world();
    const before = clock.now();
    await sim.deployments.apply('payments-prod', { kind: 'roll-forward', toVersion: '5.13.0', actor: 't' });
    later(5 * 60_000);
    const past = sim.metrics.querySync({
      service: 'orders',
      environment: 'prod',
      version: '3.0.0',
      metric: 'errorRate',
      from: before - 60_000,
      to: before,
      stepMs: 10_000,
    });
    expect(Math.min(...past.map((s) => s.value))).toBeGreaterThan(0.35);
  });

  it('names file:line of a requirement on a version the fleet does not have', () => {
    const broken = FLEET.replace('version: 5.13.0, errorRate', 'version: 5.14.0, errorRate');
    expect(() => parseYamlText(broken, 'fleet.yaml', fleetFileSchema)).toThrow(
      /fleet.yaml:12: services.orders.versions.3.0.0.requires.0.version: orders 3.0.0 requires payments 5.14.0, a version the fleet does not have \(known: 5.12.0, 5.13.0\)/,
    );
    const unknown = FLEET.replace('service: payments, version', 'service: paymnets, version');
    expect(() => parseYamlText(unknown, 'fleet.yaml', fleetFileSchema)).toThrow(
      /fleet.yaml:12: .*requires unknown service "paymnets"/,
    );
  });
});
