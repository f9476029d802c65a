import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/domain';
import { deliveryMetrics } from './delivery-metrics';
import { deliveryPeriod } from './delivery-period';
import { deliveryEvents } from './deployment-history';
import { flagDeliveryEvents } from './flag-change-history';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const H = 3_600_000;

let seq = 0;
function rec(at: number, kind: string, target: string, details: Record<string, unknown> = {}): AuditRecord {
  seq++;
  return {
    seq,
    time: new Date(at).toISOString(),
    actor: 'x',
    kind,
    target,
    reason: '',
    details,
    prev: '',
    hash: '',
  };
}

const place = (id: string): { service: string; environment: string } | undefined =>
  ({
    'sim/checkout-prod': { service: 'checkout', environment: 'prod' },
    'sim/search-prod': { service: 'search', environment: 'prod' },
  })[id];

/**
 * checkout/prod: 1.1 deployed (change made 2 h before), 1.2 aborted, 1.3 deployed 3 h after the
 * abort (rework), 1.4 deployed then undone 1 h later, never recovered. search/prod: 2 deployed.
 */
function log(): AuditRecord[] {
  const c = 'sim/checkout-prod';
  const s = 'sim/search-prod';
  return [
    rec(T0 + 1 * H, 'rollout.rollout-started', c, {
      version: '1.1',
      commitTime: new Date(T0 - 1 * H).toISOString(),
    }),
    rec(T0 + 1 * H, 'action.requested', c, { action: 'promote' }),
    rec(T0 + 2 * H, 'rollout.completed', c, { version: '1.1' }),
    rec(T0 + DAY, 'rollout.rollout-started', c, { version: '1.2' }),
    rec(T0 + DAY + 1 * H, 'rollout.aborted', c, { version: '1.2' }),
    rec(T0 + DAY + 2 * H, 'rollout.rollout-started', c, { version: '1.3' }),
    rec(T0 + DAY + 4 * H, 'rollout.completed', c, { version: '1.3' }),
    rec(T0 + 2 * DAY, 'rollout.rollout-started', c, { version: '1.4' }),
    rec(T0 + 2 * DAY + 1 * H, 'rollout.completed', c, { version: '1.4' }),
    rec(T0 + 2 * DAY + 2 * H, 'action.succeeded', c, { action: 'undo' }),
    rec(T0 + 3 * H, 'rollout.rollout-started', s, { version: '2.0' }),
    rec(T0 + 4 * H, 'rollout.completed', s, { version: '2.0' }),
    rec(T0 + 3 * DAY, 'rollout.rollout-started', s, { version: '2.1' }),
    rec(T0 + 3 * DAY + 1 * H, 'rollout.completed', s, { version: '2.1' }),
  ];
}

describe('delivery metrics', () => {
  const m = deliveryMetrics(deliveryEvents(log(), place), T0, T0 + 4 * DAY);
  const checkout = m.groups.find((g) => g.service === 'checkout');
  const search = m.groups.find((g) => g.service === 'search');

  it('counts completed rollouts as deployments per service and environment', () => {
    expect(m.groups.map((g) => `${g.service}/${g.environment}`)).toEqual(['checkout/prod', 'search/prod']);
    expect(checkout?.deployments).toBe(3);
    expect(search?.deployments).toBe(2);
    expect(m.total.deployments).toBe(5);
    expect(m.total.deploymentFrequency.perDay).toBeCloseTo(5 / 4);
  });

  it('counts aborted and undone changes as failed', () => {
    // 3 deployments + 1 abort = 4 changes ended; the abort and the undo failed.
    expect(checkout?.changeFailRate).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(checkout?.changeFailRate.note).toBe('4 changes: too few to call a rate');
    expect(search?.changeFailRate).toMatchObject({ numerator: 0, denominator: 2, rate: 0 });
  });

  it('measures recovery to the next deployment and says when one never came', () => {
    expect(checkout?.failedDeploymentRecoveryTime).toMatchObject({ samples: 1, medianMs: 3 * H, unknown: 1 });
  });

  it('counts the fix after a failure as rework', () => {
    expect(checkout?.deploymentReworkRate).toMatchObject({ numerator: 1, denominator: 3 });
    expect(search?.deploymentReworkRate.numerator).toBe(0);
  });

  it('gives a lead time only where the change time is known', () => {
    expect(checkout?.changeLeadTime).toMatchObject({ samples: 1, medianMs: 3 * H, unknown: 2 });
    expect(search?.changeLeadTime).toMatchObject({ samples: 0, medianMs: null, unknown: 2 });
    expect(search?.changeLeadTime.note).toMatch(/^unknown: 2 cases with no change time/);
  });

  it('keeps only the period, and looks back before it for rework', () => {
    const later = deliveryMetrics(deliveryEvents(log(), place), T0 + DAY + 3 * H, T0 + 4 * DAY);
    const c = later.groups.find((g) => g.service === 'checkout');
    expect(c?.deployments).toBe(2);
    // 1.3 fixed the abort from before the period: still rework.
    expect(c?.deploymentReworkRate.numerator).toBe(1);
    expect(later.definitions.changeFailRate).toMatch(/^Change fail rate:/);
  });

  it('reads a period from a duration or a time and names a bad one', () => {
    expect(deliveryPeriod({ since: '30d' }, T0 + 30 * DAY)).toEqual({ since: T0, until: T0 + 30 * DAY });
    expect(
      deliveryPeriod({ since: new Date(T0).toISOString(), until: new Date(T0 + DAY).toISOString() }, 0),
    ).toEqual({ since: T0, until: T0 + DAY });
    expect(() => deliveryPeriod({ since: '2026-04-01T00:00:00Z', until: '2026-03-01T00:00:00Z' }, 0)).toThrow(
      /must be before until/,
    );
  });
});

function flag(at: number, key: string, services: string[], before: object, after: object): AuditRecord {
  return rec(at, 'flag.changed', key, {
    connection: 'unleash',
    environment: 'prod',
    change: 'set-rollout',
    before,
    after,
    services,
    message: `${key} changed`,
    idempotencyKey: `k${seq}`,
  });
}

describe('flag changes in delivery metrics', () => {
  const off = { enabled: false };
  const on = (rolloutPercent?: number) => ({ enabled: true, ...(rolloutPercent ? { rolloutPercent } : {}) });
  /**
   * new-cart (checkout + search): enabled, ramped 10 → 50 (two changes), killed 2 h later: both
   * failed. dark-mode (checkout): enabled, disabled 3 days later with no incident: it stood. fast-pay
   * (checkout): enabled, disabled 2 days later during INC-1: failed. A ramp down never counts.
   */
  function flagLog(): AuditRecord[] {
    return [
      ...log(),
      flag(T0 + 5 * H, 'new-cart', ['checkout', 'search'], off, on(10)),
      flag(T0 + 6 * H, 'new-cart', ['checkout', 'search'], on(10), on(50)),
      flag(T0 + 8 * H, 'new-cart', ['checkout', 'search'], on(50), off),
      flag(T0 + 6 * H, 'dark-mode', ['checkout'], off, on()),
      flag(T0 + 3 * DAY + 7 * H, 'dark-mode', ['checkout'], on(), off),
      flag(T0 + 7 * H, 'fast-pay', ['checkout'], off, on()),
      rec(T0 + 2 * DAY + 9 * H, 'incident.declared', 'INC-1', {}),
      flag(T0 + 2 * DAY + 10 * H, 'fast-pay', ['checkout'], on(), on(20)),
      rec(T0 + 2 * DAY + 11 * H, 'incident.resolved', 'INC-1', {}),
    ].sort((a, b) => a.time.localeCompare(b.time));
  }
  const records = flagLog();
  const m = deliveryMetrics(deliveryEvents(records, place), T0, T0 + 4 * DAY, flagDeliveryEvents(records));
  const checkout = m.groups.find((g) => g.service === 'checkout');
  const search = m.groups.find((g) => g.service === 'search');

  it('counts an enable or ramp up as a change and one taken back soon or in an incident as failed', () => {
    // checkout: 4 rollout changes (2 failed) + 4 flag changes (new-cart ×2, fast-pay failed).
    expect(checkout?.changeSplit).toEqual({
      deploys: { changes: 4, failed: 2 },
      flags: { changes: 4, failed: 3 },
    });
    expect(checkout?.changeFailRate).toMatchObject({ numerator: 5, denominator: 8 });
    // search: 2 deploys that stood, and new-cart's two failed changes.
    expect(search?.changeFailRate).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5 });
    // A flag touching two services is one change in the total, not two.
    expect(m.total.changeSplit.flags).toEqual({ changes: 4, failed: 3 });
    // Flags are changes, not deployments.
    expect(checkout?.deployments).toBe(3);
  });
});
