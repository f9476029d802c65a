// The haproxy kind composed as the app composes it: config.yaml's connection becomes a fleet member
// with a health line, read in the background, so a socket that never answers blocks no list.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createControlRoom, type RunningControlRoom } from '../src/main/compose/create-control-room';
import { startHangingListener, type HangingListener } from './support/hanging-listener';
import { tempDirs } from './support/temp-dirs';
import { startThrowawayHaproxy, type ThrowawayHaproxy } from './support/throwaway-haproxy';

const tempDir = tempDirs('crc-haproxy-wiring-');
let running: RunningControlRoom | undefined;
let haproxy: ThrowawayHaproxy | undefined;
let hanging: HangingListener | undefined;
afterEach(async () => {
  running?.close();
  await haproxy?.stop();
  await hanging?.close();
});

async function until(ok: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('haproxy connections in config.yaml', () => {
  it('lists the HAProxy fleet beside a hung one, whose rows never block the list', async () => {
    haproxy = await startThrowawayHaproxy({ servers: ['web-1', 'web-2'] });
    hanging = await startHangingListener();
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.yaml'),
      `connections:
  - name: edge
    kind: haproxy
    socket: ${haproxy.socket}
    services:
      - { service: web, environment: prod, backend: web, servers: { web-1: 1.0.0, web-2: 1.1.0 } }
  - name: wedged
    kind: haproxy
    socket: tcp://127.0.0.1:${hanging.port}
    timeout: 1s
    services:
      - { service: api, environment: prod, backend: api, servers: { api-1: 1.0.0 } }
`,
    );
    running = await createControlRoom({ workspaceDir: dir, mode: 'cli' });
    const room = running.room;
    // While the wedged socket holds its first read, the fleet answers at once from memory.
    const started = performance.now();
    room.fleet();
    expect(performance.now() - started).toBeLessThan(100);
    await until(() => room.fleet().some((r) => r.id === 'edge/web-prod'));
    await until(() => room.connections().find((c) => c.name === 'wedged')?.reachable === false);
    const t = performance.now();
    const rows = room.fleet();
    expect(performance.now() - t).toBeLessThan(100);
    expect(rows.find((r) => r.id === 'edge/web-prod')).toMatchObject({
      stableVersion: '1.0.0',
      connection: 'edge',
    });
    expect(rows.some((r) => r.id.startsWith('wedged/'))).toBe(false);
    const lines = room.connections();
    expect(lines.find((c) => c.name === 'edge')).toMatchObject({ kind: 'haproxy', reachable: true });
    expect(lines.find((c) => c.name === 'wedged')?.lastError?.message).toMatch(
      /got no answer within 1000 ms/,
    );
  }, 20_000);
});
