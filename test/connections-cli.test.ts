// `control-room connections list|test` as a script runs them: the built CLI as a child process, in
// process on a workspace whose config.yaml points at a real Prometheus and a real HAProxy (started
// here on loopback) and at a listener that accepts and never answers.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionList, ConnectionTestResult } from '../src/shared/api';
import { ensureBuild } from './support/ensure-build';
import { startHangingListener, type HangingListener } from './support/hanging-listener';
import { BUILT_CLI } from './support/served-control-room';
import { tempDirs } from './support/temp-dirs';
import { startThrowawayHaproxy, type ThrowawayHaproxy } from './support/throwaway-haproxy';
import { startThrowawayPrometheus, type ThrowawayPrometheus } from './support/throwaway-prometheus';

const root = join(import.meta.dirname, '..');
const tempDir = tempDirs('connections-cli-');
const TOKEN = 'cli-bearer-9d41c07e55';
let prom: ThrowawayPrometheus;
let haproxy: ThrowawayHaproxy;
let hanging: HangingListener;

beforeAll(async () => {
  ensureBuild(root);
  [prom, haproxy, hanging] = await Promise.all([
    startThrowawayPrometheus({ targets: [] }),
    startThrowawayHaproxy({ servers: ['web-1', 'web-2'] }),
    startHangingListener(),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([prom?.stop(), haproxy?.stop(), hanging?.close()]);
});

/** Runs the CLI without blocking this process (the listeners here must keep answering). */
function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += String(c)));
    child.stderr.on('data', (c: Buffer) => (err += String(c)));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

function workspace(): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      '# a lab with every kind',
      'connections:',
      '  - name: prom',
      '    kind: prometheus',
      `    url: ${prom.url}`,
      '    bearerToken: { env: LAB_PROM_TOKEN }',
      '  - name: edge',
      '    kind: haproxy',
      `    socket: ${haproxy.socket}`,
      '    services:',
      '      - { service: checkout, environment: prod, backend: web, servers: { web-1: "1.0", web-2: "1.1" } }',
      '  - name: dead',
      '    kind: prometheus',
      `    url: http://127.0.0.1:${hanging.port}`,
      '    timeout: 500ms',
      '',
    ].join('\n'),
  );
  return dir;
}

describe('control-room connections', () => {
  it('lists every connection with its kind, settings and secrets as set or not set, never their values', async () => {
    const dir = workspace();
    const json = await cli(['connections', 'list', '--json', '--workspace', dir], { LAB_PROM_TOKEN: TOKEN });
    expect(json.code, json.err).toBe(0);
    const list = JSON.parse(json.out) as ConnectionList;
    expect(list.connections.map((c) => [c.name, c.kind])).toEqual([
      ['prom', 'prometheus'],
      ['edge', 'haproxy'],
      ['dead', 'prometheus'],
    ]);
    expect(list.connections[0]?.secrets).toEqual([
      expect.objectContaining({ field: 'bearerToken', from: 'env', ref: 'LAB_PROM_TOKEN', state: 'set' }),
    ]);
    expect(list.connections[1]?.settings.socket).toBe(haproxy.socket);
    const text = await cli(['connections', 'list', '--workspace', dir], { LAB_PROM_TOKEN: TOKEN });
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^prom\s+prometheus\s+.*bearerToken set$/m);
    expect(text.out).toMatch(/^edge\s+haproxy\s+/m);
    expect(json.out + text.out + json.err + text.err).not.toContain(TOKEN);
  }, 60_000);

  it('tests a real Prometheus and a real HAProxy: exit 0, the checks in words', async () => {
    const dir = workspace();
    const prometheus = await cli(['connections', 'test', 'prom', '--workspace', dir], {
      LAB_PROM_TOKEN: TOKEN,
    });
    expect(prometheus.code, prometheus.out + prometheus.err).toBe(0);
    expect(prometheus.out).toMatch(/^✔ prom \(prometheus\): reachable in \d+ ms$/m);
    expect(prometheus.out).toContain('✔ API answers: Prometheus 2.');
    const edge = await cli(['connections', 'test', 'edge', '--json', '--workspace', dir]);
    expect(edge.code, edge.out + edge.err).toBe(0);
    const result = JSON.parse(edge.out) as { ok: boolean; results: ConnectionTestResult[] };
    expect(result.ok).toBe(true);
    expect(result.results[0]?.checks).toEqual([
      { name: 'Runtime API answers', ok: true, detail: expect.stringMatching(/^HAProxy 2\./) },
      { name: 'Admin level', ok: true, detail: 'admin: weights and server states can be set' },
      { name: 'Backend web', ok: true, detail: expect.stringMatching(/^2 servers, \d up, 2 versions/) },
    ]);
  }, 60_000);

  it('exits 1 when any connection is unreachable, naming the cause: one that never answers, a secret not set', async () => {
    const dir = workspace();
    const started = Date.now();
    const all = await cli(['connections', 'test', '--json', '--workspace', dir]);
    expect(all.code, all.err).toBe(1);
    const { ok, results } = JSON.parse(all.out) as { ok: boolean; results: ConnectionTestResult[] };
    expect(ok).toBe(false);
    const by = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(by.edge?.reachable).toBe(true);
    expect(by.dead).toMatchObject({
      reachable: false,
      error: expect.stringMatching(/no answer within 500 ms/),
    });
    expect(by.prom).toMatchObject({
      reachable: false,
      error: 'prom: bearerToken: the environment variable LAB_PROM_TOKEN is not set',
    });
    // The tests run side by side: a hung connection costs its own timeout, not the sum.
    expect(Date.now() - started).toBeLessThan(20_000);
    const text = await cli(['connections', 'test', 'dead', '--workspace', dir]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/^✖ dead \(prometheus\): unreachable: .*no answer within 500 ms/m);
    const unknown = await cli(['connections', 'test', 'nope', '--workspace', dir]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('No connection named nope');
  }, 60_000);
});
