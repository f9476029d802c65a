// flags.compare on a real audit log and the simulator's metrics: the judge fails a flip after
// which checkout's error rate rose, passes the services it did not hurt, and says plainly when
// there is no flip or too little data after it.
import { afterEach, describe, expect, it } from 'vitest';
import { flagChangedEntry } from '../../../../test/support/flag-audit-entry';
import { makeTestRoom, START } from '../../../../test/support/test-room';
import { ApiError } from '../api/api-error';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { createFlagComparison } from './flag-comparison';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const MIN = 60_000;
const FLIP = START + 30 * MIN;

function setup() {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  // The regression the flag causes: checkout's errors ×10 from the flip on; the rest as simulated.
  const metrics: MetricsBackend = {
    name: 'simulator',
    query: async (q) => {
      const samples = await t.sim.metrics.query(q);
      if (q.service !== 'checkout' || q.metric !== 'errorRate') return samples;
      return samples.map((s) => ({ ...s, value: s.time >= FLIP ? s.value * 10 + 0.05 : s.value }));
    },
  };
  const compare = createFlagComparison({
    find: (flag) =>
      flag === 'new-checkout'
        ? Promise.resolve({ services: ['checkout', 'search'] })
        : Promise.reject(new ApiError('not-found', `No flag ${flag}`, 'flag')),
    history: () => t.audit.history(),
    fleet: () => t.room.fleet(),
    canaryConfig: (id) => t.room.canaryConfigOf(id),
    metrics,
    clock: t.clock,
  });
  const flip = () =>
    t.room.writer.write([
      flagChangedEntry({
        flag: 'new-checkout',
        environment: 'prod-eu',
        services: ['checkout', 'catalog'],
        change: 'enable',
        before: { enabled: false },
        after: { enabled: true },
        reason: 'launch',
      }),
    ]);
  const ask = (over: { auditSeq?: number; windowSec?: number } = {}) =>
    compare({ flag: 'new-checkout', environment: 'prod-eu', windowSec: 600, ...over });
  return { ...t, flip, ask };
}

describe('flags.compare', () => {
  it('fails the service whose error rate rose after the flip and passes the one it left alone', async () => {
    const t = setup();
    t.clock.set(FLIP);
    const [record] = t.flip();
    t.clock.set(FLIP + 10 * MIN);
    const c = await t.ask();
    expect(c.mode).toBe('before-after');
    expect(c.flip).toEqual({
      at: new Date(FLIP).toISOString(),
      auditSeq: record?.seq,
      summary: 'new-checkout in prod-eu: off → on — “launch”',
    });
    expect(c.problem).toBeUndefined();
    const checkout = c.reports.find((r) => r.service === 'checkout')?.report;
    const catalog = c.reports.find((r) => r.service === 'catalog')?.report;
    expect(checkout?.verdict).toBe('fail');
    expect(checkout?.metrics[0]).toMatchObject({ name: 'errorRate' });
    expect(catalog?.verdict).not.toBe('fail');
    // The same judgement when the flip is named by its record.
    expect((await t.ask({ auditSeq: record?.seq })).reports.map((r) => r.report.verdict)).toEqual(
      c.reports.map((r) => r.report.verdict),
    );
  });

  it('says there is no flip, or too little after it, and names a record that is not one', async () => {
    const t = setup();
    t.clock.set(FLIP);
    expect((await t.ask()).problem).toMatch(/No change of new-checkout in prod-eu is recorded/);
    t.flip();
    t.clock.set(FLIP + 20_000);
    const early = await t.ask();
    expect(early.reports).toEqual([]);
    expect(early.problem).toMatch(/Only 20 s of data after the flip at 12:30:00 UTC/);
    await expect(t.ask({ auditSeq: 1_000 })).rejects.toThrow(/Audit record 1000 is not a change/);
    await expect(
      createFlagComparison({
        find: () => Promise.reject(new ApiError('not-found', 'No flag nope', 'flag')),
        history: () => [],
        fleet: () => [],
        canaryConfig: () => t.room.canaryConfigOf('checkout-prod-eu'),
        metrics: t.sim.metrics,
        clock: t.clock,
      })({ flag: 'nope', environment: 'prod-eu', windowSec: 600 }),
    ).rejects.toThrow('No flag nope');
  });
});
