// What changed: audit records and backend history as one de-duplicated list, filtered, in a window,
// with lanes whose burn is read or says why not, and the suspect change named.
import { afterEach, describe, expect, it } from 'vitest';
import { flagChangedEntry } from '../../../../test/support/flag-audit-entry';
import { makeTestRoom, START } from '../../../../test/support/test-room';
import type { AlertSpan } from '../../../shared/alerts';
import type { RolloutDetail } from '../../../shared/domain';
import type { MetricsBackend } from '../rollouts/metrics-backend';
import { MetricsUnavailable } from '../rollouts/metrics-backend';
import { ChangesService, type ChangesDeps } from './changes-service';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const MIN = 60_000;

function setup(overrides: Partial<ChangesDeps> = {}) {
  const t = makeTestRoom();
  cleanup = t.cleanup;
  const service = new ChangesService({
    audit: t.audit,
    rollouts: () => t.room.fleet(),
    rollout: (id) => t.room.rollout(id),
    metrics: t.sim.metrics,
    clock: t.clock,
    ...overrides,
  });
  return { ...t, service };
}

describe('ChangesService.list', () => {
  it('lists a pause and an abort once each, with actor, reason and the rollout’s lane, newest first', async () => {
    const t = setup();
    t.clock.set(START + 5 * MIN);
    await t.room.act(
      { id: 'checkout-prod-eu', action: 'pause', idempotencyKey: 'k1', reason: 'looking' },
      'alice',
    );
    t.clock.set(START + 6 * MIN);
    await t.room.act({ id: 'checkout-prod-eu', action: 'abort', idempotencyKey: 'k2' }, 'bob');
    const { changes, actors } = t.service.list(t.service.windowRange(60 * MIN));
    const audited = changes.filter((c) => c.source === 'audit');
    // The backend's rollout.paused / rollout.aborted echoes of the same actions are not listed twice.
    expect(audited.map((c) => [c.kind, c.actor])).toEqual([
      ['aborted', 'bob'],
      ['paused', 'alice'],
    ]);
    expect(audited[1]).toMatchObject({
      rollout: 'simulator/checkout-prod-eu',
      service: 'checkout',
      environment: 'prod-eu',
      connection: 'simulator',
      summary: expect.stringContaining('“looking”'),
    });
    expect(actors).toEqual(expect.arrayContaining(['alice', 'bob']));
  });

  it('maps migration, incident and freeze records, and skips records that change nothing', () => {
    const t = setup();
    const w = t.room.writer;
    w.write([
      {
        actor: 'dana',
        kind: 'migration.advanced',
        target: 'orders',
        reason: '',
        details: { message: 'P1 done' },
      },
    ]);
    w.write([
      { actor: 'dana', kind: 'migration.rolled-back', target: 'orders', reason: 'lock', details: {} },
    ]);
    w.write([
      {
        actor: 'erin',
        kind: 'incident.declared',
        target: 'INC-1',
        reason: '',
        details: { title: 'Checkout 500s' },
      },
    ]);
    w.write([
      {
        actor: 'erin',
        kind: 'freeze.overridden',
        target: 'INC-1',
        reason: 'hotfix',
        details: { action: 'promote' },
      },
    ]);
    w.write([{ actor: 'erin', kind: 'incident.resolved', target: 'INC-1', reason: '', details: {} }]);
    w.write([
      {
        actor: 'erin',
        kind: 'action.rejected',
        target: 'simulator/checkout-prod-eu',
        reason: '',
        details: {},
      },
    ]);
    const kinds = t.service.list(t.service.windowRange(MIN)).changes.filter((c) => c.source === 'audit');
    expect(kinds.map((c) => c.kind)).toEqual([
      'freeze-lifted',
      'freeze-overridden',
      'freeze-declared',
      'migration-phase',
      'migration-phase',
    ]);
    expect(kinds[2]?.summary).toContain('Checkout 500s');
  });

  it('lists a connection added, removed or given a new secret as a config change, never the secret', () => {
    const t = setup();
    const w = t.room.writer;
    w.write([
      {
        actor: 'fay',
        kind: 'connection.saved',
        target: 'prom-eu',
        reason: '',
        details: { kind: 'prometheus', created: true, settings: { name: 'prom-eu' } },
      },
    ]);
    w.write([
      {
        actor: 'fay',
        kind: 'connection.secret-set',
        target: 'prom-eu',
        reason: '',
        details: { field: 'bearerToken', secret: 'prom-eu-token' },
      },
    ]);
    w.write([{ actor: 'fay', kind: 'connection.removed', target: 'prom-eu', reason: 'moved', details: {} }]);
    w.write([
      {
        actor: 'fay',
        kind: 'freeze-window.saved',
        target: 'weekend',
        reason: '',
        details: { created: false, renamedFrom: 'weekends' },
      },
    ]);
    const all = t.service.list(t.service.windowRange(MIN)).changes;
    expect(all[0]).toMatchObject({
      kind: 'config-changed',
      summary: 'Freeze window weekend (was weekends) changed in config.yaml',
    });
    const changes = t.service.list(t.service.windowRange(MIN), { connection: 'prom-eu' }).changes;
    expect(changes.map((c) => [c.kind, c.summary])).toEqual([
      ['config-changed', 'Connection prom-eu removed from config.yaml — “moved”'],
      ['config-changed', 'New bearerToken stored for connection prom-eu'],
      ['config-changed', 'Connection prom-eu (prometheus) added to config.yaml'],
    ]);
  });

  it('includes what the backend reports from before the room started, once, and Kubernetes revisions', () => {
    const t = setup();
    const real = (id: string) => t.room.rollout(id);
    const id = t.room.fleet()[0]?.id ?? '';
    const started = new Date(START - 30 * MIN).toISOString();
    const detail = (rid: string): RolloutDetail => {
      const d = real(rid);
      if (rid !== id)
        return { ...d, startedAt: new Date(START - 10 * 86_400_000).toISOString(), currentStepIndex: 0 };
      return {
        ...d,
        startedAt: started,
        currentStepIndex: 0,
        kubernetes: {
          revisions: [
            {
              revision: 3,
              podHash: 'abc',
              replicaSet: 'x-abc',
              images: [{ container: 'app', image: 'app:1.2' }],
              role: 'old',
              replicas: 0,
              readyReplicas: 0,
              lastRanAt: new Date(START - 50 * MIN).toISOString(),
              current: false,
            },
          ],
        } as unknown as RolloutDetail['kubernetes'],
      };
    };
    t.room.writer.write([
      { actor: 'argo', kind: 'rollout.rollout-started', target: id, reason: '', details: {} },
    ]);
    const service = new ChangesService({
      audit: t.audit,
      rollouts: () => t.room.fleet(),
      rollout: detail,
      metrics: t.sim.metrics,
      clock: t.clock,
    });
    const backend = service.list(service.windowRange(60 * MIN)).changes.filter((c) => c.source === 'backend');
    expect(backend.map((c) => [c.kind, c.time, c.rollout])).toEqual([
      ['rollout-started', started, id],
      ['rollout-started', new Date(START - 50 * MIN).toISOString(), id],
    ]);
    expect(backend[1]?.summary).toContain('app:1.2');
    // The same start recorded in the audit log too: listed once, from the audit log.
    const sameTime = (rid: string): RolloutDetail => ({
      ...detail(rid),
      startedAt: new Date(START).toISOString(),
    });
    const again = new ChangesService({
      audit: t.audit,
      rollouts: () => t.room.fleet(),
      rollout: sameTime,
      metrics: t.sim.metrics,
      clock: t.clock,
    });
    const starts = again
      .list(again.windowRange(60 * MIN))
      .changes.filter((c) => c.rollout === id && c.kind === 'rollout-started');
    expect(starts.filter((c) => !c.id.includes(':revision:')).map((c) => c.source)).toEqual(['audit']);
  });

  it('filters by service, environment, connection and actor, keeps freezes under place filters, and keeps window bounds', async () => {
    const t = setup();
    t.clock.set(START + 10 * MIN);
    await t.room.act({ id: 'checkout-prod-eu', action: 'pause', idempotencyKey: 'a' }, 'alice');
    t.clock.set(START + 20 * MIN);
    await t.room.act({ id: 'search-prod-us', action: 'pause', idempotencyKey: 'b' }, 'bob');
    t.room.writer.write([
      { actor: 'erin', kind: 'incident.declared', target: 'INC-1', reason: '', details: {} },
    ]);
    const range = { from: START, to: START + 30 * MIN };
    const audited = (f: Parameters<ChangesService['list']>[1]) =>
      t.service
        .list(range, f)
        .changes.filter((c) => c.source === 'audit')
        .map((c) => c.actor);
    expect(audited({ service: 'Checkout' })).toEqual(['erin', 'alice']);
    expect(audited({ environment: 'prod-us' })).toEqual(['erin', 'bob']);
    expect(audited({ connection: 'elsewhere' })).toEqual(['erin']);
    expect(audited({ actor: 'bob' })).toEqual(['bob']);
    // The actor menu lists everyone in the range, whoever is picked.
    expect(t.service.list(range, { actor: 'bob' }).actors).toEqual(
      expect.arrayContaining(['alice', 'bob', 'erin']),
    );
    // Both bounds inclusive; a change a millisecond outside is not in.
    const at = (from: number, to: number) =>
      t.service
        .list({ from, to })
        .changes.filter((c) => c.source === 'audit')
        .map((c) => c.actor);
    expect(at(START + 10 * MIN, START + 10 * MIN)).toEqual(['alice']);
    expect(at(START + 10 * MIN + 1, START + 20 * MIN - 1)).toEqual([]);
  });
});

describe('flag changes on the what-changed axis', () => {
  it('puts a flag change on the lane of each service it touches, with its environment, reason and flag', () => {
    const t = setup();
    t.clock.set(START + 5 * MIN);
    t.room.writer.write([
      flagChangedEntry({
        flag: 'new-checkout',
        environment: 'prod-eu',
        services: ['checkout', 'payments'],
        change: 'enable',
        before: { enabled: false },
        after: { enabled: true },
        reason: 'launch',
      }),
    ]);
    // A refused change changed nothing: not on the axis.
    t.room.writer.write([
      {
        actor: 'dana',
        kind: 'flag.change-refused',
        target: 'new-checkout',
        reason: '',
        details: { environment: 'prod-eu', change: 'enable', services: ['checkout'] },
      },
    ]);
    const range = t.service.windowRange(10 * MIN);
    const flags = t.service.list(range).changes.filter((c) => c.kind === 'flag-changed');
    expect(flags.map((c) => [c.service, c.environment, c.flag, c.connection])).toEqual([
      ['checkout', 'prod-eu', 'new-checkout', 'unleash'],
      ['payments', 'prod-eu', 'new-checkout', 'unleash'],
    ]);
    expect(new Set(flags.map((c) => c.id)).size).toBe(2);
    expect(flags[0]?.summary).toBe('new-checkout in prod-eu: off → on — “launch”');
    // Filterable like any change: by service, environment and the flags connection.
    expect(t.service.list(range, { service: 'payments' }).changes.map((c) => c.kind)).toEqual([
      'flag-changed',
    ]);
    expect(t.service.list(range, { connection: 'unleash' }).changes).toHaveLength(2);
    expect(t.service.list(range, { environment: 'prod-us' }).changes.some((c) => c.flag)).toBe(false);
  });

  it('names a flag flip just before the error rate rose as the suspect, over an earlier deploy', async () => {
    const rise = START + 40 * MIN;
    // The regression the flag caused: 0.5% errors until 12:40, 8% after.
    const metrics: MetricsBackend = {
      name: 'prometheus',
      query: (q) => {
        const out = [];
        for (let time = q.from; time < q.to; time += q.stepMs)
          out.push({ time, value: time < rise ? 0.005 : 0.08 });
        return Promise.resolve(out);
      },
    };
    const t = setup({ metrics });
    t.clock.set(START + 20 * MIN);
    await t.room.act({ id: 'checkout-prod-eu', action: 'promote', idempotencyKey: 'p' }, 'alice');
    t.clock.set(START + 38 * MIN);
    t.room.writer.write([
      flagChangedEntry({
        flag: 'new-checkout',
        environment: 'prod-eu',
        services: ['checkout'],
        change: 'set-rollout',
        before: { enabled: true, rolloutPercent: 10 },
        after: { enabled: true, rolloutPercent: 50 },
      }),
    ]);
    t.clock.set(START + 60 * MIN);
    const range = t.service.windowRange(60 * MIN);
    const { changes } = t.service.list(range, { service: 'checkout' });
    const lanes = await t.service.lanes(range, { service: 'checkout' }, changes, []);
    const eu = lanes.find((l) => l.environment === 'prod-eu');
    const flag = changes.find((c) => c.kind === 'flag-changed');
    expect(eu?.suspect).toEqual({
      changeId: flag?.id,
      why: expect.stringContaining('the error rate rose to 8.0%'),
    });
  });
});

describe('ChangesService.lanes', () => {
  it('draws each lane’s error rate, says why when metrics cannot be read, and names the suspect change', async () => {
    const t = setup();
    t.clock.set(START + 30 * MIN);
    await t.room.act({ id: 'checkout-prod-eu', action: 'pause', idempotencyKey: 'p' }, 'alice');
    t.clock.set(START + 60 * MIN);
    const range = t.service.windowRange(60 * MIN);
    const { changes } = t.service.list(range, { service: 'checkout' });
    const alerts: AlertSpan[] = [
      {
        id: 'a1',
        name: 'CheckoutErrors',
        service: 'checkout',
        environment: 'prod-eu',
        startsAt: new Date(START + 40 * MIN).toISOString(),
      },
    ];
    const lanes = await t.service.lanes(range, { service: 'checkout' }, changes, alerts);
    const eu = lanes.find((l) => l.environment === 'prod-eu');
    expect(eu && 'points' in eu.burn ? eu.burn.points.length : 0).toBeGreaterThanOrEqual(60);
    expect(eu && 'points' in eu.burn && eu.burn.points.some((p) => (p.stable ?? 0) > 0)).toBe(true);
    const pause = changes.find((c) => c.kind === 'paused' && c.environment === 'prod-eu');
    expect(eu?.suspect).toEqual({
      changeId: pause?.id,
      why: expect.stringContaining('alert CheckoutErrors began at 12:40'),
    });

    const down: MetricsBackend = {
      name: 'prometheus',
      query: () => Promise.reject(new MetricsUnavailable('connection refused')),
    };
    const hung: MetricsBackend = { name: 'prometheus', query: () => new Promise(() => {}) };
    const unread = new ChangesService({
      audit: t.audit,
      rollouts: () => t.room.fleet(),
      rollout: (id) => t.room.rollout(id),
      metrics: down,
      clock: t.clock,
    });
    const [lane] = await unread.lanes(range, { service: 'checkout' }, changes, []);
    expect(lane?.burn).toEqual({ unavailable: expect.stringContaining('connection refused') });
    const slow = new ChangesService({
      audit: t.audit,
      rollouts: () => t.room.fleet(),
      rollout: (id) => t.room.rollout(id),
      metrics: hung,
      clock: t.clock,
      metricsTimeoutMs: 50,
    });
    const [late] = await slow.lanes(range, { service: 'checkout' }, changes, []);
    expect(late?.burn).toEqual({ unavailable: expect.stringContaining('did not answer within') });
  });

  it('says the alerts could not be read instead of showing none', () => {
    const t = setup({
      alertSpans: () => {
        throw new Error('alertmanager is down');
      },
    });
    expect(t.service.alerts(t.service.windowRange(MIN), {})).toEqual({
      alerts: [],
      unavailable: 'alertmanager is down',
    });
  });
});
