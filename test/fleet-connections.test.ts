import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, loadFleetFile } from '../src/main/backends/simulator/simulator';
import { findResourcesDir } from '../src/main/resources-dir';
import { AuditLog } from '../src/main/core/audit/audit-log';
import { ManualClock } from '../src/main/core/clock';
import { ControlRoom } from '../src/main/core/control-room';
import { ConnectionHealth } from '../src/main/core/connections/connection-health';
import { Fleet } from '../src/main/core/connections/fleet';

const START = Date.parse('2026-11-27T12:00:00Z');
// A second site: checkout in prod-eu (also in the demo fleet, so ambiguous) and in dr (only here).
const DR_FLEET = `environments: [prod-eu, dr]
strategies:
  quick: { kind: canary, steps: [{ setWeight: 50 }, { pause: 5m }] }
services:
  checkout: { stable: 2.3.1, requestRate: 100, errorRate: 0.002, latencyP50: 40, cpu: 0.4, versions: { 2.4.1: {} } }
rollouts:
  - { service: checkout, environment: dr, strategy: quick, canary: 2.4.1, step: 1, stepElapsed: 1m, startedAgo: 2m }
`;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function twoSites(health?: ConnectionHealth) {
  dir = mkdtempSync(join(tmpdir(), 'fleet-'));
  writeFileSync(join(dir, 'dr.yaml'), DR_FLEET);
  const clock = new ManualClock(START);
  const demo = createSimulator(loadFleetFile(join(findResourcesDir(), 'demo-fleet.yaml')), clock);
  const dr = createSimulator(loadFleetFile(join(dir, 'dr.yaml')), clock);
  const fleet = new Fleet([
    { name: 'simulator', backend: demo.deployments },
    { name: 'dr-site', backend: dr.deployments, ...(health ? { health, staleAfterMs: 1_000 } : {}) },
  ]);
  const audit = AuditLog.open(join(dir, 'audit.jsonl'), clock);
  const room = new ControlRoom({
    deployment: fleet,
    metrics: demo.metrics,
    audit,
    clock,
    session: { actor: 'tester', role: 'operator', mode: 'cli', workspace: dir, speed: 1, simulated: true },
  });
  return { fleet, room, audit };
}

describe('Fleet: every deployment connection as one', () => {
  it('lists the union, each id prefixed by its connection', () => {
    const { fleet } = twoSites();
    const ids = fleet.list().map((r) => r.id);
    expect(ids).toContain('simulator/checkout-prod-eu');
    expect(ids).toContain('dr-site/checkout-prod-eu');
    expect(ids).toContain('dr-site/checkout-dr');
    expect(fleet.get('dr-site/checkout-dr')).toMatchObject({ connection: 'dr-site', service: 'checkout' });
  });

  it('accepts a bare id when one connection has it, and names the candidates when several do', () => {
    const { fleet } = twoSites();
    expect(fleet.resolve('checkout-dr')).toBe('dr-site/checkout-dr');
    expect(fleet.resolve('payments-prod-us')).toBe('simulator/payments-prod-us');
    expect(() => fleet.resolve('checkout-prod-eu')).toThrow(
      /2 connections: say which, e.g. simulator\/checkout-prod-eu or dr-site\/checkout-prod-eu/,
    );
    expect(fleet.resolve('nowhere')).toBeUndefined();
  });

  it('acts on a bare id under its full id: the answer and the audit target name the connection', async () => {
    const { room, audit } = twoSites();
    const result = await room.act({ id: 'checkout-dr', action: 'pause', idempotencyKey: 'k1' }, 'alice');
    expect(result.rollout.id).toBe('dr-site/checkout-dr');
    expect(result.rollout.phase).toBe('paused');
    const targets = audit.history().map((r) => r.target);
    expect(targets).toContain('dr-site/checkout-dr');
    expect(targets).not.toContain('checkout-dr');
  });

  it('marks the rows of a connection that stopped answering stale with the age and the cause', () => {
    let wall = START;
    const health = new ConnectionHealth('dr-site', 'haproxy', ['deployment'], { now: () => wall });
    health.succeeded(4);
    const { fleet } = twoSites(health);
    expect(fleet.get('dr-site/checkout-dr')?.stale).toBeUndefined();
    wall += 30_000;
    health.failed(new Error('connect ECONNREFUSED 127.0.0.1:9999'));
    const dr = fleet.get('dr-site/checkout-dr');
    expect(dr?.stale).toEqual({ ageMs: 30_000, reason: 'dr-site: connect ECONNREFUSED 127.0.0.1:9999' });
    // The other connection's rows stay live.
    expect(fleet.get('simulator/checkout-prod-eu')?.stale).toBeUndefined();
    expect(
      fleet
        .list()
        .filter((r) => r.stale)
        .every((r) => r.connection === 'dr-site'),
    ).toBe(true);
  });
});
