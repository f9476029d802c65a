// The live-fire sandbox as a person uses it, through the built CLI: `sandbox up` starts a real
// HAProxy, Prometheus, demo instances and load; `fault` breaks a version and Prometheus sees it;
// `down` stops every process it started. One sandbox serves the whole file (Prometheus scrapes every
// 5 s, so each look at its data costs seconds); `down` comes last.
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, workspacePaths } from '../src/main/core/workspace';
import {
  controlRoom,
  eventually,
  processGone,
  startLiveSandbox,
  type LiveSandbox,
} from './support/live-sandbox';
import { apiCall, serve, stopServed } from './support/served-control-room';

const parent = mkdtempSync(join(tmpdir(), 'sandbox-test-'));
const dir = join(parent, 'sb');
let sandbox: LiveSandbox;

beforeAll(() => {
  sandbox = startLiveSandbox(dir);
}, 90_000);

afterAll(() => {
  // Whatever a failed test left: stop it by its pid files, then remove the folder.
  controlRoom(['sandbox', 'down', '--dir', dir]);
  rmSync(parent, { recursive: true, force: true });
});

/** One GET through a fresh connection; resolves with the status and the x-server header. */
function get(url: string): Promise<{ status: number; server: string | undefined; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          server: res.headers['x-server'] as string | undefined,
          ms: performance.now() - started,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('sandbox up', () => {
  it('prints the workspace, the HAProxy socket, the Prometheus URL and every pid as --json', () => {
    const { summary } = sandbox;
    expect(summary.workspace).toBe(dir);
    expect(statSync(summary.haproxy.socket).isSocket()).toBe(true);
    expect(summary.prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // 4 demo instances, HAProxy, Prometheus, the load generator: all running now.
    expect(summary.pids).toHaveLength(7);
    expect(summary.pids.filter((pid) => processGone(pid))).toEqual([]);
    expect(summary.instances.map((i) => `${i.name} ${i.version}`)).toEqual([
      'checkout-1 1.0.0',
      'checkout-2 1.0.0',
      'checkout-3 1.0.0',
      'checkout-4 1.1.0',
    ]);
  });

  it('writes a workspace whose config.yaml the control room accepts, pointing at the sandbox', () => {
    const config = loadConfig(workspacePaths(dir));
    const haproxy = config.connections?.find((c) => c.kind === 'haproxy');
    const prometheus = config.connections?.find((c) => c.kind === 'prometheus');
    expect(haproxy?.kind === 'haproxy' && haproxy.socket).toBe(sandbox.summary.haproxy.socket);
    expect(haproxy?.kind === 'haproxy' && haproxy.services[0]?.metrics).toBe(prometheus?.name);
    expect(prometheus?.kind === 'prometheus' && prometheus.url).toBe(sandbox.summary.prometheus.url);
    expect(Object.keys(prometheus?.kind === 'prometheus' ? prometheus.metrics : {})).toEqual(
      expect.arrayContaining(['errorRate', 'latencyP99', 'requestRate']),
    );
    // Every file the sandbox wrote is private.
    const files = [
      join(dir, 'config.yaml'),
      ...readdirSync(join(dir, 'sandbox')).map((n) => join(dir, 'sandbox', n)),
    ];
    const open = files.filter((f) => statSync(f).isFile() && (statSync(f).mode & 0o077) !== 0);
    expect(open).toEqual([]);
  });

  it('answers through HAProxy, spreading traffic over the three stable instances only', async () => {
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await get(sandbox.summary.haproxy.frontend));
    expect(answers.every((a) => a.status === 200 || a.status === 500)).toBe(true);
    const servers = [...new Set(answers.map((a) => a.server))].sort();
    expect(servers).toEqual(['checkout-1', 'checkout-2', 'checkout-3']);
    // The fault switch is not reachable through HAProxy.
    expect((await get(`${sandbox.summary.haproxy.frontend}_control/fault`)).status).toBe(404);
    // HAProxy's own count agrees: the new version's server took nothing.
    const stat = await sandbox.runtimeApi('show stat');
    const lbtot = (server: string) => {
      const header = stat.split('\n')[0]!.replace('# ', '').split(',');
      const row = stat
        .split('\n')
        .find((l) => l.startsWith(`checkout,${server},`))!
        .split(',');
      return Number(row[header.indexOf('lbtot')]);
    };
    expect(lbtot('checkout-4')).toBe(0);
    expect(lbtot('checkout-1')).toBeGreaterThan(0);
  });

  it('runs the load generator at a steady rate through HAProxy', async () => {
    const first = sandbox.loadStatus();
    await new Promise((r) => setTimeout(r, 3_000));
    const later = sandbox.loadStatus();
    expect(later.pid).toBe(sandbox.summary.loadGenerator.pid);
    const perSecond =
      (later.total.requests - first.total.requests) /
      ((Date.parse(later.updatedAt) - Date.parse(first.updatedAt)) / 1000);
    expect(perSecond).toBeGreaterThan(15);
    expect(perSecond).toBeLessThan(25);
    expect(Object.keys(later.byServer).sort()).toEqual(['checkout-1', 'checkout-2', 'checkout-3']);
    expect(later.recent.errorRate).toBeLessThan(0.05);
  });

  it('has Prometheus scrape all 4 instances, labelled with service, environment and version', async () => {
    const up = await eventually('up == 1 for 4 demo instances', async () => {
      const samples = await sandbox.query('up{job="demo"} == 1');
      return samples.length === 4 ? samples : undefined;
    });
    expect(up.map((s) => s.metric.instance).sort()).toEqual(
      sandbox.summary.instances.map((i) => i.url.replace('http://', '')).sort(),
    );
    const versions = await sandbox.query(
      'count by (service, environment, version) (http_requests_total{code="200"})',
    );
    expect(
      versions
        .map((s) => `${s.metric.service}/${s.metric.environment}/${s.metric.version}=${s.value}`)
        .sort(),
    ).toEqual(['checkout/sandbox/1.0.0=3', 'checkout/sandbox/1.1.0=1']);
  }, 45_000);

  it('listens on 127.0.0.1 only', () => {
    const loopback = /^0100007F:/;
    const listening = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((table) =>
      readFileSync(table, 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[3] === '0A')
        .map((f) => ({ address: f[1]!, inode: f[9]! })),
    );
    const ours = sandbox.summary.pids.flatMap((pid) =>
      readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
        try {
          const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
          return listening.filter((s) => target === `socket:[${s.inode}]`).map((s) => ({ pid, ...s }));
        } catch {
          return [];
        }
      }),
    );
    // HAProxy (frontend, stats page), Prometheus, and the 4 instances.
    expect(ours.length).toBeGreaterThanOrEqual(7);
    expect(ours.filter((s) => !loopback.test(s.address))).toEqual([]);
  });
});

describe('a second sandbox up on the same folder', () => {
  it('is refused, naming the sandbox that runs there, and leaves it running', () => {
    const configBefore = readFileSync(join(dir, 'config.yaml'), 'utf8');
    const second = controlRoom(['sandbox', 'up', '--dir', dir, '--json']);
    expect(second.code).toBe(1);
    expect(second.out).toBe('');
    expect(second.err).toContain(`A sandbox is already running in ${dir}`);
    expect(second.err).toContain(`pid ${sandbox.summary.haproxy.pid}`);
    expect(second.err).toContain(sandbox.summary.prometheus.url);
    expect(second.err).toContain(`control-room sandbox down --dir ${dir}`);
    expect(sandbox.summary.pids.filter((pid) => processGone(pid))).toEqual([]);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(configBefore);
  });
});

describe('sandbox fault', () => {
  it('makes the faulty version fail, and Prometheus and the load generator see its error rate rise', async () => {
    // Give the new version traffic, as a canary step would, through the Runtime API.
    expect((await sandbox.runtimeApi('set weight checkout/checkout-4 100')).trim()).toBe('');
    const set = controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0', '--error-rate', '50%']);
    expect(set.code, set.err).toBe(0);
    expect(set.out).toContain('checkout-4 (checkout 1.1.0): 50% errors, +0 ms');

    const errorRate = (version: string) =>
      sandbox.query(sandbox.templateQuery('errorRate', version)).then((s) => s[0]?.value);
    const canary = await eventually(
      "the new version's error rate in Prometheus above 30%",
      async () => {
        const rate = await errorRate('1.1.0');
        return rate != null && rate > 0.3 ? rate : undefined;
      },
      40_000,
    );
    expect(canary).toBeLessThanOrEqual(0.6);
    expect(await errorRate('1.0.0')).toBeLessThan(0.05);
    // The load generator looks back 10 s, which began before the fault: wait for it to fill.
    await eventually(
      "the load generator's recent error rate on 1.1.0 above 30%",
      () => {
        const rate = sandbox.loadStatus().recent.byVersion['1.1.0']?.errorRate;
        return rate != null && rate > 0.3 ? rate : undefined;
      },
      20_000,
    );
    expect(sandbox.loadStatus().recent.byVersion['1.0.0']?.errorRate).toBeLessThan(0.05);
  }, 60_000);

  it('--clear ends the errors, and the load generator and Prometheus see the version healthy again', async () => {
    const clear = controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0', '--clear']);
    expect(clear.code, clear.err).toBe(0);
    expect(clear.out).toContain('checkout-4 (checkout 1.1.0): no fault');
    // The load generator looks back 10 s; HAProxy keeps sending the new version its share meanwhile.
    const seen = await eventually(
      "the load generator's recent error rate on 1.1.0 back under 5%",
      () => {
        const recent = sandbox.loadStatus().recent.byVersion['1.1.0'];
        return recent?.errorRate != null && recent.requests > 0 && recent.errorRate < 0.05
          ? recent
          : undefined;
      },
      20_000,
    );
    expect(seen.requests).toBeGreaterThan(0);
    // Prometheus: no more 5xx between the last scrapes (15 s = three scrapes), while requests go on.
    const since = (code: string) =>
      sandbox
        .query(`sum(rate(http_requests_total{version="1.1.0",code=~"${code}"}[15s]))`)
        .then((s) => s[0]?.value ?? 0);
    await eventually(
      'Prometheus to see no 5xx on 1.1.0 over the last 15 s',
      async () => ((await since('5..')) === 0 ? true : undefined),
      30_000,
    );
    expect(await since('2..')).toBeGreaterThan(0);
  }, 60_000);

  it('adds latency to every instance of the version, and --clear takes the fault away', async () => {
    const canary = sandbox.summary.instances.find((i) => i.version === '1.1.0')!;
    expect(
      controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0', '--latency-ms', '300']).code,
    ).toBe(0);
    expect((await get(canary.url)).ms).toBeGreaterThanOrEqual(300);
    const clear = controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0', '--clear']);
    expect(clear.code, clear.err).toBe(0);
    expect(clear.out).toContain('checkout-4 (checkout 1.1.0): no fault');
    expect((await get(canary.url)).ms).toBeLessThan(300);
    const state = (await fetch(`${canary.url}/_control/fault`).then((r) => r.json())) as object;
    expect(state).toEqual({ errorRate: 0, latencyMs: 0 });
  });

  it('refuses a version the sandbox does not run, and values out of range, naming them', () => {
    const unknown = controlRoom([
      'sandbox',
      'fault',
      '--dir',
      dir,
      'checkout',
      '9.9.9',
      '--error-rate',
      '0.2',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(
      'runs no instance of checkout 9.9.9; it runs checkout 1.0.0, checkout 1.1.0',
    );
    const tooHigh = controlRoom([
      'sandbox',
      'fault',
      '--dir',
      dir,
      'checkout',
      '1.1.0',
      '--error-rate',
      '20',
    ]);
    expect(tooHigh.code).toBe(2);
    expect(tooHigh.err).toContain('--error-rate "20"');
    const nothing = controlRoom(['sandbox', 'fault', '--dir', dir, 'checkout', '1.1.0']);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toContain('give --error-rate, --latency-ms, or --clear');
  });
});

describe('control-room serve on the sandbox workspace', () => {
  it('reads the config it wrote and reports both sandbox connections reachable', async () => {
    const served = await serve(dir);
    try {
      const status = await apiCall(served, 'connections.status', {});
      const lines = status.body.value as unknown as { name: string; kind: string; reachable: boolean }[];
      expect(
        lines
          .filter((c) => c.name.startsWith('sandbox-'))
          .map((c) => [c.name, c.kind])
          .sort(),
      ).toEqual([
        ['sandbox-haproxy', 'haproxy'],
        ['sandbox-prometheus', 'prometheus'],
      ]);
      // A first read may still be under way at start; each must come up reachable soon after.
      for (const name of ['sandbox-haproxy', 'sandbox-prometheus'])
        await eventually(`${name} reachable`, async () => {
          const now = await apiCall(served, 'connections.status', {});
          const line = (now.body.value as unknown as { name: string; reachable: boolean }[]).find(
            (c) => c.name === name,
          );
          return line?.reachable ? line : undefined;
        });
    } finally {
      await stopServed(served);
    }
  }, 30_000);
});

describe('sandbox down', () => {
  it('stops every process it started, and is safe to run twice', async () => {
    const down = controlRoom(['sandbox', 'down', '--dir', dir]);
    expect(down.code, down.err).toBe(0);
    for (const name of ['checkout-1', 'checkout-4', 'haproxy', 'prometheus', 'load-generator'])
      expect(down.out).toMatch(new RegExp(`${name} \\(pid \\d+\\): stopped`));
    await eventually('every sandbox pid gone', () =>
      sandbox.summary.pids.every((pid) => processGone(pid)) ? true : undefined,
    );
    expect(
      readdirSync(join(dir, 'sandbox')).filter((n) => n.endsWith('.pid') || n === 'sandbox.json'),
    ).toEqual([]);
    await expect(sandbox.runtimeApi('show info')).rejects.toThrow();

    const again = controlRoom(['sandbox', 'down', '--dir', dir]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('nothing to stop');
  });
});
