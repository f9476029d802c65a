// The shared drill room as its people use it: a real server on a loopback port, real HTTP and the
// event socket, with the facilitator's, an operator's and an observer's tokens. The workspace's
// config.yaml lists a Prometheus connection that must never be called by the drill.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLiveDrill, type RunningDrill } from '../src/main/compose/create-live-drill';
import { findResourcesDir } from '../src/main/resources-dir';
import { startServer, type RunningServer } from '../src/main/server/start-server';
import type { DrillStatus } from '../src/shared/drills';

const ROLLOUT = 'simulator/checkout-prod-eu';

let dir: string;
let drill: RunningDrill;
let server: RunningServer;
let stop: () => void;
/** A Prometheus look-alike: it only counts who calls. */
let prometheus: Server;
let prometheusCalls = 0;
const tokens = { facilitator: '', dana: '', watcher: '' };

interface Envelope<T> {
  ok: boolean;
  value: T;
  error: { code: string; message: string; field?: string };
}

async function call<T = unknown>(who: keyof typeof tokens, method: string, body: unknown = {}) {
  const res = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Envelope<T>;
}

const status = async (who: keyof typeof tokens) => (await call<DrillStatus>(who, 'drill.status')).value;

beforeAll(async () => {
  prometheus = createServer((socket) => {
    prometheusCalls++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
  const address = prometheus.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  dir = mkdtempSync(join(tmpdir(), 'drill-room-'));
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      'actor: fran',
      'connections:',
      '  - { name: simulator, kind: simulator, metrics: prom }',
      '  - name: prom',
      '    kind: prometheus',
      `    url: http://127.0.0.1:${port}`,
      '    timeout: 1s',
      '    metrics:',
      '      errorRate: { query: "sum(rate(errors[1m]))", unit: ratio }',
      '',
    ].join('\n'),
  );
  drill = createLiveDrill({ workspaceDir: dir, scenario: 'canary-error-rate', team: 'blue', speed: 60 });
  server = await startServer({
    room: drill.events,
    handlers: drill.handlers,
    invitations: [
      { name: 'fran', role: 'operator' },
      { name: 'dana', role: 'operator' },
      { name: 'watcher', role: 'observer' },
    ],
  });
  const [fran, dana, watcher] = server.invitations;
  tokens.facilitator = fran?.token ?? '';
  tokens.dana = dana?.token ?? '';
  tokens.watcher = watcher?.token ?? '';
  stop = drill.start();
});

afterAll(async () => {
  stop?.();
  await server?.close();
  drill?.close();
  await new Promise((resolve) => prometheus?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('serve --drill: the shared room', () => {
  it('starts ready, with the DRILL mark on every session and only the simulator behind it', async () => {
    const session = await call<{
      drill: unknown;
      backends: unknown;
      workspace: string;
    }>('watcher', 'session.get');
    expect(session.value.drill).toEqual({
      scenario: 'canary-error-rate',
      title: 'Canary error-rate regression',
      state: 'ready',
    });
    expect(session.value.backends).toEqual({ deployment: 'simulator', metrics: 'simulator' });
    expect(session.value.workspace).toBe(join(dir, 'drills', 'canary-error-rate-1'));
    const connections = await call<{ name: string; kind: string }[]>('facilitator', 'connections.status');
    expect(connections.value.map((c) => c.kind)).not.toContain('prometheus');
    expect(connections.value.map((c) => c.name)).toEqual(['simulator']);
    // The drill's own audit log is private to this user.
    expect(statSync(join(session.value.workspace, 'audit.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('lets only the facilitator drive it: an operator and an observer are refused', async () => {
    const byOperator = await call('dana', 'drill.control', { command: 'start' });
    expect(byOperator.error.code).toBe('forbidden');
    expect(byOperator.error.message).toContain('fran');
    const byObserver = await call('watcher', 'drill.control', { command: 'start' });
    expect(byObserver.error.code).toBe('forbidden');
    expect((await call('dana', 'drill.speed', { speed: 10 })).error.code).toBe('forbidden');
    expect((await call('dana', 'drill.inject', { inject: { kind: 'metrics-outage' } })).error.code).toBe(
      'forbidden',
    );
    expect((await status('watcher')).state).toBe('ready');
    const faster = await call<DrillStatus>('facilitator', 'drill.speed', { speed: 30 });
    expect(faster.value.speed).toBe(30);
    expect((await status('watcher')).speed).toBe(30);
    // The session's clock says how fast time moves now: a drill not yet started stands still.
    const session = await call<{ clock: { speed: number } }>('watcher', 'session.get');
    expect(session.value.clock.speed).toBe(0);
  });

  it("shows an operator's pause to the observer (actions, fleet) and pushes a drill event", async () => {
    const stepped = await call<DrillStatus>('facilitator', 'drill.control', { command: 'step' });
    expect(stepped.value.offset).toBe(10_000);
    const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/api/events`, {
      headers: { authorization: `Bearer ${tokens.watcher}` },
    });
    const events: { type: string }[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data)) as { type: string }));
    await new Promise((resolve) => socket.once('open', resolve));

    const refused = await call('watcher', 'rollout.act', {
      id: ROLLOUT,
      action: 'abort',
      idempotencyKey: 'watcher-abort-1',
    });
    expect(refused.error.code).toBe('forbidden');
    const paused = await call('dana', 'rollout.act', {
      id: ROLLOUT,
      action: 'pause',
      idempotencyKey: 'dana-pause-1',
      reason: 'error rate looks off',
    });
    expect(paused.ok).toBe(true);

    await expect.poll(() => events.some((e) => e.type === 'drill'), { timeout: 1_000 }).toBe(true);
    socket.close();
    const seen = await status('watcher');
    const action = seen.actions.find((a) => a.actor === 'dana');
    expect(action).toMatchObject({ action: 'pause', target: 'checkout-prod-eu', outcome: 'succeeded' });
    // Both times are on the record: the simulated offset and the wall time it happened.
    expect(action?.offset).toBe(10_000);
    expect(Math.abs(Date.parse(action?.wallTime ?? '') - Date.now())).toBeLessThan(60_000);
    expect(seen.actions.some((a) => a.actor === 'watcher')).toBe(false);
    const fleet = await call<{ id: string; paused: boolean; phase: string }[]>('watcher', 'fleet.list');
    expect(fleet.value.find((r) => r.id === ROLLOUT)).toMatchObject({ phase: 'paused' });
  });

  it("shows a live inject to the participants, and never the scenario's injects to come", async () => {
    const upcoming = (await status('facilitator')).upcoming ?? [];
    expect(upcoming.map((i) => i.id)).toContain('canary-errors');
    expect((await status('dana')).upcoming).toBeUndefined();

    const made = await call<{ id: string; live: boolean }>('facilitator', 'drill.inject', {
      inject: {
        id: 'pager',
        kind: 'alert',
        name: 'CheckoutPaged',
        service: 'checkout',
        environment: 'prod-eu',
        summary: 'customers report failed payments',
      },
    });
    expect(made.value).toMatchObject({ id: 'pager', live: true });
    for (const who of ['dana', 'watcher'] as const) {
      const seen = await status(who);
      expect(seen.happened.map((i) => i.id)).toEqual(['pager']);
      expect(seen.upcoming).toBeUndefined();
      expect(seen.facilitator).toBe(false);
    }
    // Participants see it where a page would land: under Alerts.
    await expect
      .poll(async () => {
        const alerts = await call<{ alerts: { name: string }[] }>('dana', 'alerts.list');
        return alerts.value.alerts.map((a) => a.name);
      })
      .toContain('CheckoutPaged');
  });

  it('refuses a live inject that is not valid, naming the field', async () => {
    const unknownService = await call('facilitator', 'drill.inject', {
      inject: { kind: 'metric-fault', service: 'nosuch', effect: 'error-rate', factor: 3 },
    });
    expect(unknownService.error.code).toBe('invalid-input');
    expect(unknownService.error.message).toMatch(/^inject\.service: unknown service "nosuch"/);
    // The field travels on its own too, so a form puts the error beside the right input.
    expect(unknownService.error.field).toBe('inject.service');
    const badFactor = await call('facilitator', 'drill.inject', {
      inject: { kind: 'metric-fault', service: 'checkout', effect: 'error-rate', factor: -1 },
    });
    expect(badFactor.error.message).toMatch(/^inject\.factor:/);
    expect(badFactor.error.field).toBe('inject.factor');
    const again = await call('facilitator', 'drill.inject', {
      inject: { id: 'pager', kind: 'metrics-outage' },
    });
    expect(again.error.message).toMatch(/^inject\.id: an inject "pager" is already/);
    expect((await status('facilitator')).happened.map((i) => i.id)).toEqual(['pager']);
  });

  it('lets a participant revert a config push, on the record; never an observer, never another inject', async () => {
    await call('facilitator', 'drill.inject', {
      inject: {
        id: 'flags',
        kind: 'config-push',
        service: 'payments',
        key: 'retries',
        value: 0,
        effect: 'error-rate',
        factor: 4,
      },
    });
    expect((await call('watcher', 'drill.revertConfig', { config: 'flags' })).error.code).toBe('forbidden');
    const silent = await call('dana', 'drill.revertConfig', { config: 'pager' });
    expect(silent.error).toMatchObject({ code: 'precondition-failed' });
    const reverted = await call<{ action: string; actor: string; outcome: string }>(
      'dana',
      'drill.revertConfig',
      { config: 'flags', reason: 'undo the retries change' },
    );
    expect(reverted.value).toMatchObject({ action: 'revert-config', actor: 'dana', outcome: 'succeeded' });
    const seen = await status('watcher');
    expect(seen.happened.find((i) => i.id === 'flags')?.endedAt).toBe(seen.offset);
    expect(seen.actions.map((a) => a.action)).toContain('revert-config');
    expect((await call('dana', 'drill.revertConfig', { config: 'flags' })).error.code).toBe(
      'precondition-failed',
    );
  });

  it('saves the run in the drill history at the end, and never called the real connection', async () => {
    const ended = await call<DrillStatus>('facilitator', 'drill.control', { command: 'end' });
    expect(ended.value.state).toBe('ended');
    const runId = ended.value.runId ?? '';
    expect(runId).toBe('canary-error-rate-1');
    expect((await status('watcher')).runId).toBe(runId);
    const result = join(dir, 'drills', runId, 'result.json');
    expect(existsSync(result)).toBe(true);
    expect(statSync(result).mode & 0o777).toBe(0o600);
    expect((await call('facilitator', 'drill.control', { command: 'step' })).error.code).toBe(
      'precondition-failed',
    );
    expect(prometheusCalls).toBe(0);
  });
});

describe('serve --drill: reset', () => {
  it('starts over in a fresh room and folder; the API and the event socket follow it', async () => {
    const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/api/events`, {
      headers: { authorization: `Bearer ${tokens.dana}` },
    });
    const events: { type: string }[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data)) as { type: string }));
    await new Promise((resolve) => socket.once('open', resolve));
    const reset = await call<DrillStatus>('facilitator', 'drill.control', { command: 'reset' });
    expect(reset.value).toMatchObject({ state: 'ready', offset: 0, happened: [], actions: [] });
    expect(reset.value.runId).toBeUndefined();
    const session = await call<{ workspace: string }>('dana', 'session.get');
    expect(session.value.workspace).toBe(join(dir, 'drills', 'canary-error-rate-2'));
    const fleet = await call<{ id: string; phase: string }[]>('dana', 'fleet.list');
    expect(fleet.value.find((r) => r.id === ROLLOUT)?.phase).not.toBe('paused');
    events.length = 0;
    await call('dana', 'rollout.act', { id: ROLLOUT, action: 'pause', idempotencyKey: 'dana-pause-2' });
    await expect.poll(() => events.some((e) => e.type === 'drill'), { timeout: 1_000 }).toBe(true);
    socket.close();
    expect((await status('watcher')).actions.map((a) => a.action)).toEqual(['pause']);
  });
});

describe('serve --drill: the duration running out', () => {
  it('ends the drill by itself, saves the run, and a person who joins late sees it', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'drill-room-short-'));
    const shipped = readFileSync(join(findResourcesDir(), 'scenarios', 'canary-error-rate.yaml'), 'utf8');
    mkdirSync(join(workspace, 'scenarios'));
    writeFileSync(
      join(workspace, 'scenarios', 'one-minute.yaml'),
      shipped
        .replace('id: canary-error-rate', 'id: one-minute')
        .replace('duration: 30m', 'duration: 1m')
        .replace('at: 3m', 'at: 20s'),
    );
    const short = createLiveDrill({ workspaceDir: workspace, scenario: 'one-minute', actor: 'fran' });
    const room = await startServer({
      room: short.events,
      handlers: short.handlers,
      invitations: [{ name: 'fran', role: 'operator' }],
    });
    const stopShort = short.start();
    try {
      const ask = async <T>(token: string, method: string, body: unknown = {}) =>
        (
          (await (
            await fetch(`${room.origin}/api/${method}`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            })
          ).json()) as Envelope<T>
        ).value;
      const fran = room.invitations[0]?.token ?? '';
      await ask(fran, 'drill.control', { command: 'start' });
      await expect
        .poll(async () => (await ask<DrillStatus>(fran, 'drill.status')).runId, { timeout: 10_000 })
        .toBe('one-minute-1');
      expect(existsSync(join(workspace, 'drills', 'one-minute-1', 'result.json'))).toBe(true);
      const invited = await ask<{ url: string }>(fran, 'session.invite', { name: 'late', role: 'observer' });
      const late = await ask<DrillStatus>(invited.url.split('token=')[1] ?? '', 'drill.status');
      expect(late).toMatchObject({
        state: 'ended',
        offset: 60_000,
        runId: 'one-minute-1',
        facilitator: false,
      });
      // The fault is silent: a participant is not told of it, even after the end.
      expect(late.happened).toEqual([]);
    } finally {
      stopShort();
      await room.close();
      short.close();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
