// The HAProxy DeploymentBackend against a real haproxy (Debian's 2.6) started per test: weights read
// back through the Runtime API, traffic counted through the frontend, and the faults of issue 8.
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHaproxyFleet, type OpenedHaproxyFleet } from '../src/main/backends/haproxy/open-haproxy-fleet';
import { parseLiveState, type LiveBackend } from '../src/main/backends/haproxy/haproxy-state';
import { RuntimeApi } from '../src/main/backends/haproxy/runtime-api';
import { ConnectionHealth } from '../src/main/core/connections/connection-health';
import { haproxyConnectionSchema } from '../src/main/core/connections/haproxy-connection';
import { actionAvailability } from '../src/main/core/rollouts/action-preconditions';
import { BackendRefusal, type RolloutSnapshot } from '../src/main/core/rollouts/deployment-backend';
import { startThrowawayHaproxy, type ThrowawayHaproxy } from './support/throwaway-haproxy';
import { tempDirs } from './support/temp-dirs';

const tempDir = tempDirs('crc-haproxy-ws-');
const clock = { now: () => Date.now() };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const SERVERS = { 'web-1': '1.0.0', 'web-2': '1.0.0', 'web-3': '1.0.0', 'web-4': '1.1.0' };

async function haproxy(
  options: { balance?: string; backendLines?: string[] } = {},
): Promise<ThrowawayHaproxy> {
  const h = await startThrowawayHaproxy({ servers: Object.keys(SERVERS), ...options });
  cleanups.push(() => h.stop());
  return h;
}

async function liveOf(socket: string): Promise<LiveBackend> {
  const api = new RuntimeApi(socket, new ConnectionHealth('check', 'haproxy', ['deployment']), 2_000);
  const live = parseLiveState(await api.send('show servers state'), await api.send('show stat'));
  return live.get('web') as LiveBackend;
}

function weights(live: LiveBackend): Record<string, number> {
  return Object.fromEntries([...live.servers].map(([n, s]) => [n, s.weight]));
}

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function open(socket: string, service: Record<string, unknown> = {}, dir = tempDir()) {
  const connection = haproxyConnectionSchema.parse({
    name: 'edge',
    kind: 'haproxy',
    socket,
    timeout: '1s',
    services: [
      {
        service: 'web',
        environment: 'prod',
        backend: 'web',
        servers: SERVERS,
        steps: [{ setWeight: 25 }, { pause: 'indefinite' }],
        ...service,
      },
    ],
  });
  const notices: string[] = [];
  const fleet: OpenedHaproxyFleet = openHaproxyFleet(connection, dir, clock, notices);
  cleanups.push(() => fleet.close());
  await fleet.backend.refresh().catch(() => undefined);
  return { fleet, backend: fleet.backend, dir, connection };
}

async function waitUp(h: ThrowawayHaproxy): Promise<void> {
  await until('every server UP', async () =>
    [...(await liveOf(h.socket)).servers.values()].every((s) => s.up),
  );
}

describe('HAProxy fleet', () => {
  it('a canary step sets weights HAProxy reports back, and traffic follows them', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend, dir, connection } = await open(h.socket);
    expect(backend.get('web-prod')).toMatchObject({ stableVersion: '1.0.0', phase: 'completed' });
    // Taking control: the stable version's servers carry all the traffic.
    expect(weights(await liveOf(h.socket))['web-4']).toBe(0);

    const answer = await backend.apply('web-prod', {
      kind: 'roll-forward',
      actor: 'ana',
      toVersion: '1.1.0',
    });
    expect(answer.rollout).toMatchObject({ canaryVersion: '1.1.0', weight: 25 });
    const w = weights(await liveOf(h.socket));
    const share = (w['web-4'] as number) / Object.values(w).reduce((a, b) => a + b, 0);
    expect(share).toBeCloseTo(0.25, 2);

    // The load-balanced totals agree: a quarter of new sessions went to the canary.
    const before = (await liveOf(h.socket)).servers.get('web-4')?.lbtot ?? 0;
    const answers = await h.load(200);
    const after = (await liveOf(h.socket)).servers.get('web-4')?.lbtot ?? 0;
    expect(answers.filter((a) => a === 'web-4').length).toBe(after - before);
    expect((after - before) / 200).toBeCloseTo(0.25, 1);
    await backend.refresh();
    expect(backend.get('web-prod')?.message).toMatch(/HAProxy sent 2\d\.\d% of 200 new sessions to 1\.1\.0/);

    // Saved before it was answered: a reopened workspace has the canary at 25%.
    const reopened = openHaproxyFleet(connection, dir, clock, []);
    cleanups.push(() => reopened.close());
    expect(reopened.backend.get('web-prod')).toMatchObject({ canaryVersion: '1.1.0', weight: 25 });
  }, 30_000);

  it('checks a finished rollout against lbtot too: the promoted version takes every new session', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend } = await open(h.socket);
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    await backend.apply('web-prod', { kind: 'promote-full', actor: 'ana' });
    await backend.refresh();
    await h.load(120);
    await backend.refresh();
    expect(backend.get('web-prod')).toMatchObject({ phase: 'completed', stableVersion: '1.1.0' });
    expect(backend.get('web-prod')?.message).toBe(
      '1.1.0 serves all traffic; HAProxy sent 100.0% of 120 new sessions to 1.1.0',
    );
  }, 30_000);

  it('says so when the traffic does not follow the weights (lbtot deltas)', async () => {
    // Hashing by source sends every request from this one client to one server, whatever the weights.
    const h = await haproxy({ balance: 'source', backendLines: ['hash-type consistent'] });
    await waitUp(h);
    const { backend } = await open(h.socket, { hashType: 'consistent' });
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    await h.load(150);
    await backend.refresh();
    expect(backend.get('web-prod')?.message).toMatch(
      /^Traffic does not follow the weights: HAProxy sent (0|100)\.0% of 150 new sessions to 1\.1\.0, set 25%$/,
    );
  }, 30_000);

  it('abort sets the canary servers to weight 0 and drains them', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend } = await open(h.socket);
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    const answer = await backend.apply('web-prod', { kind: 'abort', actor: 'ana' });
    expect(answer.rollout.phase).toBe('aborted');
    const canary = (await liveOf(h.socket)).servers.get('web-4');
    expect(canary).toMatchObject({ weight: 0, drain: true });
    const answers = await h.load(30);
    expect(answers).not.toContain('web-4');
  }, 30_000);

  it('a hand-made set weight is reported as drift, and re-applying puts the weights back', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend } = await open(h.socket);
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    const set = weights(await liveOf(h.socket))['web-4'];
    const api = new RuntimeApi(h.socket, new ConnectionHealth('hand', 'haproxy', ['deployment']), 2_000);
    await api.set('set weight web/web-4 200');
    await backend.refresh();
    const drifted = backend.get('web-prod');
    expect(drifted?.message).toContain(`web-4 has weight 200 (set ${set})`);
    expect(drifted?.message).toContain('changed outside the control room');
    expect(drifted?.timeline.at(-1)).toMatchObject({ kind: 'drift' });
    // Drift holds the rollout: the controller does not write over a person's change by itself.
    expect(weights(await liveOf(h.socket))['web-4']).toBe(200);

    // The core offers Re-apply exactly while drift is reported.
    expect(drifted?.drift).toContain('web-4 has weight 200');
    const offered = (r: RolloutSnapshot | undefined) =>
      r && actionAvailability(r).find((a) => a.action === 'reapply')?.enabled;
    expect(offered(drifted)).toBe(true);

    await backend.apply('web-prod', { kind: 'reapply', actor: 'ana', idempotencyKey: 'reapply-1' });
    expect(weights(await liveOf(h.socket))['web-4']).toBe(set);
    const fixed = backend.get('web-prod');
    expect(fixed?.message).not.toContain('Drift');
    expect(fixed?.drift).toBeUndefined();
    expect(fixed?.timeline.at(-1)).toMatchObject({ kind: 'action', actor: 'ana' });
    expect(offered(fixed)).toBe(false);
    await expect(
      backend.apply('web-prod', { kind: 'reapply', actor: 'ana', idempotencyKey: 'reapply-2' }),
    ).rejects.toThrow('nothing to re-apply: HAProxy matches the rollout');
  }, 30_000);

  it('drift holds the rollout even after a passing analysis, and a failing one still aborts it', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend } = await open(h.socket, {
      steps: [{ setWeight: 25 }, { analysis: '10m' }, { setWeight: 50 }, { pause: 'indefinite' }],
    });
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    await until('the analysis step', async () => {
      await backend.refresh();
      return backend.get('web-prod')?.currentStepIndex === 1;
    });
    const api = new RuntimeApi(h.socket, new ConnectionHealth('hand', 'haproxy', ['deployment']), 2_000);
    await api.set('set weight web/web-4 200');
    await backend.refresh();
    expect(backend.get('web-prod')?.drift).toContain('web-4 has weight 200');

    const verdict = { kind: 'analysis-result', actor: 'judge', stepIndex: 1, score: 100 } as const;
    await backend.apply('web-prod', { ...verdict, verdict: 'pass', reason: 'all within bounds' });
    await backend.refresh();
    // The judge's pass does not write the next step's weights over the person's change.
    expect(backend.get('web-prod')).toMatchObject({ currentStepIndex: 1, weight: 25 });
    expect(weights(await liveOf(h.socket))['web-4']).toBe(200);
    await backend.apply('web-prod', { kind: 'reapply', actor: 'ana' });
    await backend.refresh();
    await until('the next step after the re-apply', async () => {
      await backend.refresh();
      return backend.get('web-prod')?.currentStepIndex === 3;
    });
    expect(backend.get('web-prod')?.weight).toBe(50);

    // Drift again, this time on the stable side, then a failing verdict at a fresh analysis step.
    await backend.apply('web-prod', { kind: 'abort', actor: 'ana' });
    await backend.apply('web-prod', { kind: 'retry', actor: 'ana' });
    await until('the analysis step again', async () => {
      await backend.refresh();
      return backend.get('web-prod')?.currentStepIndex === 1;
    });
    await api.set('set weight web/web-1 7');
    await backend.refresh();
    expect(backend.get('web-prod')?.drift).toContain('web-1 has weight 7');
    await backend.apply('web-prod', { ...verdict, verdict: 'fail', score: 0, reason: 'error rate' });
    await backend.refresh();
    expect(backend.get('web-prod')).toMatchObject({ phase: 'degraded', weight: 0 });
    expect(weights(await liveOf(h.socket))['web-4']).toBe(0);
  }, 30_000);

  it('names a reload when HAProxy is back on its config weights', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend } = await open(h.socket);
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    // What a reload without a server-state file does: every runtime weight back to the config's.
    const api = new RuntimeApi(h.socket, new ConnectionHealth('hand', 'haproxy', ['deployment']), 2_000);
    for (const server of Object.keys(SERVERS)) await api.set(`set weight web/${server} 100`);
    await backend.refresh();
    expect(backend.get('web-prod')?.message).toMatch(
      /^Drift: HAProxy was reloaded or restarted and reset the runtime weights to its config: /,
    );
  }, 30_000);

  it('blue-green: the preview gets no traffic until promoted, then all of it in one step', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend } = await open(h.socket, { strategy: 'blueGreen', steps: undefined });
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    expect(backend.get('web-prod')?.phase).toBe('awaiting-promotion');
    expect(weights(await liveOf(h.socket))).toEqual({ 'web-1': 100, 'web-2': 100, 'web-3': 100, 'web-4': 0 });
    await backend.apply('web-prod', { kind: 'promote', actor: 'ana' });
    await backend.refresh();
    expect(weights(await liveOf(h.socket))).toEqual({ 'web-1': 0, 'web-2': 0, 'web-3': 0, 'web-4': 100 });
    expect(backend.get('web-prod')).toMatchObject({ phase: 'completed', stableVersion: '1.1.0' });
    expect(new Set(await h.load(10))).toEqual(new Set(['web-4']));
  }, 30_000);

  it('refuses a canary on a static balance algorithm, naming it, and writes nothing', async () => {
    const h = await haproxy({ balance: 'static-rr' });
    await waitUp(h);
    const { backend } = await open(h.socket);
    const before = weights(await liveOf(h.socket));
    const attempt = backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    await expect(attempt).rejects.toBeInstanceOf(BackendRefusal);
    await expect(attempt).rejects.toThrow(/balances by static-rr, a static algorithm/);
    expect(weights(await liveOf(h.socket))).toEqual(before);
    expect(backend.get('web-prod')).toMatchObject({ canaryVersion: '1.0.0', phase: 'completed' });
  }, 30_000);

  it('refuses to shift traffic to a version whose servers are all DOWN', async () => {
    const h = await haproxy();
    await waitUp(h);
    const { backend } = await open(h.socket);
    h.servers.find((s) => s.name === 'web-4')?.setHealthy(false);
    await until('web-4 DOWN', async () => (await liveOf(h.socket)).servers.get('web-4')?.up === false);
    const attempt = backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    await expect(attempt).rejects.toThrow(/every server of 1.1.0 .* is DOWN .*\(web-4\)/);
    expect(weights(await liveOf(h.socket))['web-4']).toBe(0);
    expect(backend.get('web-prod')?.canaryVersion).toBe('1.0.0');
  }, 30_000);

  it('names a configured server HAProxy does not know', async () => {
    const h = await haproxy();
    const { backend } = await open(h.socket, { servers: { ...SERVERS, 'web-9': '1.1.0' } });
    expect(backend.configProblems()).toEqual([
      'web in prod: service web: server "web-9" is not in HAProxy backend "web" (it has web-1, web-2, web-3, web-4)',
    ]);
    expect(backend.list()).toEqual([]);
  }, 30_000);

  it('the socket gone mid-action: the action fails with the cause, weights come back, nothing is applied twice', async () => {
    const h = await haproxy();
    await waitUp(h);
    const relay = await startRelay(h.socket);
    cleanups.push(() => relay.close());
    const { backend } = await open(`tcp://127.0.0.1:${relay.port}`);
    const before = weights(await liveOf(h.socket));
    relay.failAfterSets(1);
    const attempt = backend.apply('web-prod', {
      kind: 'roll-forward',
      actor: 'ana',
      toVersion: '1.1.0',
      idempotencyKey: 'k1',
    });
    await expect(attempt).rejects.toThrow(
      /the action failed at "set weight web\/web-\d \d+" \(.*\); 1 of \d changes reached HAProxy/,
    );
    expect(backend.get('web-prod')).toMatchObject({ canaryVersion: '1.0.0', phase: 'completed' });
    expect(weights(await liveOf(h.socket))).not.toEqual(before);

    // The socket returns: the state is re-read and the partial write put back.
    relay.heal();
    await backend.refresh();
    expect(weights(await liveOf(h.socket))).toEqual(before);
    expect(backend.durableChanges().filter((c) => c.idempotencyKey === 'k1')).toEqual([]);

    await backend.apply('web-prod', {
      kind: 'roll-forward',
      actor: 'ana',
      toVersion: '1.1.0',
      idempotencyKey: 'k2',
    });
    const started = backend.durableChanges().filter((c) => c.kind === 'rollout-started');
    expect(started).toHaveLength(1);
    expect(backend.get('web-prod')?.weight).toBe(25);
  }, 30_000);

  it('a rolling upgrade over three servers never has more than one out of service', async () => {
    const h = await startThrowawayHaproxy({ servers: ['web-1', 'web-2', 'web-3'], checkInterMs: 100 });
    cleanups.push(() => h.stop());
    await waitUp(h);
    const dir = tempDir();
    const { backend } = await open(
      h.socket,
      {
        servers: { 'web-1': '1.0.0', 'web-2': '1.0.0', 'web-3': '1.0.0' },
        strategy: 'rolling',
        steps: undefined,
        upgrade: {
          command: ['sh', '-c', 'echo "$HAPROXY_SERVER $FROM_VERSION $TO_VERSION" >> upgraded.txt'],
          versions: ['1.1.0'],
          drainTimeout: '2s',
          healthTimeout: '5s',
        },
      },
      dir,
    );
    let sampling = true;
    let mostOut = 0;
    const sampler = (async () => {
      while (sampling) {
        const live = await liveOf(h.socket);
        const out = [...live.servers.values()].filter((s) => !s.up || s.maint || s.drain).length;
        mostOut = Math.max(mostOut, out);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const failures: unknown[] = [];
    const traffic = (async () => {
      while (sampling) await h.load(1).catch((e: unknown) => failures.push(e));
    })();
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    await until(
      'the upgrade to complete',
      async () => {
        await backend.refresh();
        return backend.get('web-prod')?.phase === 'completed';
      },
      20_000,
    );
    sampling = false;
    await Promise.all([sampler, traffic]);
    expect(mostOut).toBe(1);
    expect(failures).toEqual([]);
    expect(readFileSync(join(dir, 'upgraded.txt'), 'utf8')).toBe(
      'web-1 1.0.0 1.1.0\nweb-2 1.0.0 1.1.0\nweb-3 1.0.0 1.1.0\n',
    );
    expect(backend.get('web-prod')).toMatchObject({ stableVersion: '1.1.0', phase: 'completed' });
    const live = await liveOf(h.socket);
    expect([...live.servers.values()].every((s) => s.up && !s.maint && !s.drain)).toBe(true);
  }, 40_000);

  it('a failing upgrade hook pauses the rolling upgrade with its words, that server left in maintenance', async () => {
    const h = await startThrowawayHaproxy({ servers: ['web-1', 'web-2', 'web-3'], checkInterMs: 100 });
    cleanups.push(() => h.stop());
    await waitUp(h);
    const { backend } = await open(h.socket, {
      servers: { 'web-1': '1.0.0', 'web-2': '1.0.0', 'web-3': '1.0.0' },
      strategy: 'rolling',
      steps: undefined,
      upgrade: { command: ['sh', '-c', 'echo disk full >&2; exit 3'], versions: ['1.1.0'] },
    });
    await backend.apply('web-prod', { kind: 'roll-forward', actor: 'ana', toVersion: '1.1.0' });
    await until('the upgrade to pause', async () => {
      await backend.refresh();
      return backend.get('web-prod')?.phase === 'paused';
    });
    expect(backend.get('web-prod')?.timeline.at(-1)?.message).toMatch(
      /^Rolling upgrade paused at web-1: the upgrade hook failed \(.*\): disk full; it stays in maintenance$/,
    );
    const live = await liveOf(h.socket);
    expect(live.servers.get('web-1')?.maint).toBe(true);
    expect(['web-2', 'web-3'].map((s) => live.servers.get(s)?.maint)).toEqual([false, false]);
  }, 30_000);
});

/** A TCP relay to HAProxy's unix socket that can drop every connection after a number of `set`s. */
async function startRelay(unixPath: string) {
  let setsLeft = Number.POSITIVE_INFINITY;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    client.once('data', (data) => {
      const command = data.toString();
      if (command.startsWith('set ')) {
        if (setsLeft <= 0) {
          client.destroy();
          return;
        }
        setsLeft -= 1;
      }
      const upstream = connect(unixPath);
      upstream.on('error', () => client.destroy());
      upstream.write(data);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    failAfterSets: (n: number) => (setsLeft = n),
    heal: () => (setsLeft = Number.POSITIVE_INFINITY),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
