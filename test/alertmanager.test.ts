// Alerts from a real Alertmanager (Debian's prometheus-alertmanager): posted to it as Prometheus
// would, read back through the app's API with their playbook within one poll interval, silenced from
// the app (visible in Alertmanager, audited), and shown stale with their age when it dies.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsOverview } from '../src/shared/api';
import { createControlRoom, type RunningControlRoom } from '../src/main/compose/create-control-room';
import { dispatchApiCall } from '../src/main/core/api/dispatch-api-call';
import { startThrowawayAlertmanager, type ThrowawayAlertmanager } from './support/throwaway-alertmanager';

const POLL_MS = 1_000;
let am: ThrowawayAlertmanager;
let running: RunningControlRoom;
let stop: () => void;
const dir = mkdtempSync(join(tmpdir(), 'alertmanager-room-'));

const call = (method: string, input: unknown, actor = 'dana') =>
  dispatchApiCall(running.handlers, method, input, { role: 'operator', actor });

async function overview(): Promise<AlertsOverview> {
  const answer = await call('alerts.list', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as AlertsOverview;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  am = await startThrowawayAlertmanager();
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      'connections:',
      '  - { name: simulator, kind: simulator }',
      `  - { name: am, kind: alertmanager, url: "${am.url}", timeout: 1s, pollInterval: 1s }`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'playbooks'));
  writeFileSync(
    join(dir, 'playbooks', 'checkout-down.md'),
    [
      '---',
      'alert: CheckoutDown',
      'title: Checkout answers no health checks',
      'description: Every checkout instance in the environment failed its probe.',
      'impact: Nobody can pay.',
      'fix: [Pause every rollout in the environment, Restart the instances]',
      'countermeasures:',
      '  - { label: Pause checkout, action: pause }',
      '---',
      '',
    ].join('\n'),
  );
  running = await createControlRoom({ workspaceDir: dir, mode: 'browser', tickMs: 60_000 });
  stop = running.start();
}, 60_000);

afterAll(async () => {
  stop?.();
  running?.close();
  await am?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a real Alertmanager as an alert source', () => {
  it('shows an alert posted to it, with its playbook, within one poll interval, and silences it from the app', async () => {
    // Let the first (empty) read land, so the wait below measures one beat, not the start-up.
    await waitFor(
      'first read',
      async () => ((await overview()).sources.find((s) => s.name === 'am')?.ok ? true : undefined),
      10_000,
    );
    const posted = Date.now();
    await am.post([
      {
        labels: {
          alertname: 'CheckoutDown',
          service: 'checkout',
          environment: 'prod-eu',
          severity: 'critical',
        },
        annotations: { summary: 'checkout is down', runbook_url: 'https://runbooks.example/checkout-down' },
      },
    ]);
    const alert = await waitFor(
      'CheckoutDown in the app',
      async () => (await overview()).alerts.find((a) => a.name === 'CheckoutDown'),
      POLL_MS + 1_500,
    );
    expect(Date.now() - posted).toBeLessThan(POLL_MS + 1_500);
    expect(alert).toMatchObject({
      connection: 'am',
      state: 'firing',
      service: 'checkout',
      environment: 'prod-eu',
      severity: 'critical',
      runbookUrl: 'https://runbooks.example/checkout-down',
      playbook: {
        title: 'Checkout answers no health checks',
        impact: 'Nobody can pay.',
        origin: 'workspace',
      },
    });
    expect(alert.stale).toBeUndefined();
    // The demo's checkout rollout in prod-eu is what the countermeasure would pause.
    expect(alert.countermeasures[0]).toMatchObject({
      action: 'pause',
      rollout: 'simulator/checkout-prod-eu',
    });

    // A silence without a reason is refused at the boundary, naming the field.
    const until = new Date(Date.now() + 2 * 3600_000).toISOString();
    const refused = await call('alerts.silence', { id: alert.id, until, reason: '   ' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'reason' } });
    expect(await am.silences()).toEqual([]);

    const silenced = await call('alerts.silence', { id: alert.id, until, reason: 'known: failover drill' });
    expect(silenced.ok, JSON.stringify(silenced)).toBe(true);
    const silences = await am.silences();
    expect(silences).toHaveLength(1);
    expect(silences[0]).toMatchObject({
      createdBy: 'dana',
      comment: 'known: failover drill',
      status: { state: 'active' },
    });
    expect(silences[0]?.matchers).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'alertname', value: 'CheckoutDown' })]),
    );
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; actor: string; reason: string; target: string });
    expect(audit.filter((r) => r.kind === 'alert.silenced')).toEqual([
      expect.objectContaining({ actor: 'dana', reason: 'known: failover drill', target: alert.id }),
    ]);
    await waitFor(
      'the alert shown silenced',
      async () =>
        (await overview()).alerts.find((a) => a.id === alert.id)?.state === 'silenced' ? true : undefined,
      POLL_MS * 3,
    );
  });

  it('shows the last alerts stale with their age when Alertmanager dies, never "no alerts"', async () => {
    await am.kill();
    const after = await waitFor(
      'the source marked stale',
      async () => {
        const o = await overview();
        return o.sources.find((s) => s.name === 'am')?.stale ? o : undefined;
      },
      10_000,
    );
    const source = after.sources.find((s) => s.name === 'am');
    expect(source?.error).toMatch(/could not list alerts/);
    const alert = after.alerts.find((a) => a.name === 'CheckoutDown');
    expect(alert?.stale).toMatchObject({ reason: expect.stringMatching(/could not list alerts/) });
    expect(alert?.stale?.ageMs).toBeGreaterThan(0);
    // The top bar's connection chip says so too.
    const status = running.room.connections().find((c) => c.name === 'am');
    expect(status).toMatchObject({ reachable: false, roles: ['alerts'] });
  });
});
