// Autocompletion while writing PromQL on the Settings screen: `connections.suggest` lists what a
// real Prometheus knows (metric names, a label's values) through the metrics backend's own look-up,
// and says plainly when the connection cannot suggest or cannot be reached.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSuggestions } from '../src/shared/api';
import { createControlRoom, type RunningControlRoom } from '../src/main/compose/create-control-room';
import { dispatchApiCall } from '../src/main/core/api/dispatch-api-call';
import { freeLoopbackPort } from '../src/main/free-loopback-port';
import { startMetricsTarget, type MetricsTarget } from './support/metrics-target';
import { startThrowawayPrometheus, type ThrowawayPrometheus } from './support/throwaway-prometheus';

let target: MetricsTarget;
let prom: ThrowawayPrometheus;
let dir: string;
let room: RunningControlRoom;

beforeAll(async () => {
  target = await startMetricsTarget();
  target.gauge({ service: 'checkout', environment: 'prod', version: '2.4.0' }, 1);
  prom = await startThrowawayPrometheus({ targets: [target.hostPort], scrapeInterval: '1s' });
  await prom.waitFor('demo_value');
  dir = mkdtempSync(join(tmpdir(), 'connection-suggest-'));
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      'connections:',
      '  - { name: simulator, kind: simulator }',
      `  - { name: prom, kind: prometheus, url: ${JSON.stringify(prom.url)}, timeout: 2s }`,
      `  - { name: gone, kind: prometheus, url: "http://127.0.0.1:${await freeLoopbackPort()}", timeout: 1s }`,
      '',
    ].join('\n'),
  );
  room = await createControlRoom({ workspaceDir: dir, mode: 'cli' });
}, 90_000);

afterAll(async () => {
  room?.close();
  await Promise.all([prom?.stop(), target?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const suggest = (input: { name: string; label?: string }) =>
  dispatchApiCall(room.handlers, 'connections.suggest', input, { role: 'observer', actor: 'viewer' });

describe('connections.suggest', () => {
  it('lists the metric names and a label’s values a real Prometheus knows', async () => {
    const names = await suggest({ name: 'prom' });
    expect(names).toMatchObject({ ok: true, value: { name: 'prom', label: '__name__' } });
    if (!names.ok) throw new Error('refused');
    expect((names.value as ConnectionSuggestions).values).toEqual(
      expect.arrayContaining(['demo_value', 'up']),
    );
    const services = await suggest({ name: 'prom', label: 'service' });
    expect(services.ok && (services.value as ConnectionSuggestions).values).toEqual(['checkout']);
  });

  it('says why when it cannot: not a metrics connection, not a label name, Prometheus not reachable', async () => {
    expect(await suggest({ name: 'simulator' })).toMatchObject({
      ok: false,
      error: { code: 'precondition-failed', message: expect.stringContaining('only metrics connections') },
    });
    expect(await suggest({ name: 'prom', label: 'no-dash' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'label' },
    });
    expect(await suggest({ name: 'gone' })).toMatchObject({
      ok: false,
      error: { code: 'backend-error', message: expect.stringMatching(/gone.*ECONNREFUSED|ECONNREFUSED/) },
    });
  });
});
