// The Prometheus MetricsBackend against a real Prometheus (Debian's package) scraping a real
// prom-client target every second: samples per side on the step grid, no data, NaN and ±Inf,
// escaping of label values, Prometheus's own parse errors with the template's line:col, a killed
// and a hung server, the bearer token sent and never shown, and the autocompletion look-ups.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { judge } from '../../core/canary/judge';
import { gatherJudgeInput, withSources } from '../../core/canary/gather-judge-input';
import { canaryConfigSchema } from '../../core/canary/canary-config';
import { ConnectionHealth } from '../../core/connections/connection-health';
import {
  prometheusConnectionSchema,
  type PrometheusConnectionInput,
} from '../../core/connections/prometheus-connection';
import { secretResolver } from '../../core/connections/secret-resolver';
import { MetricsUnavailable, type MetricQuery } from '../../core/rollouts/metrics-backend';
import { startMetricsTarget, type MetricsTarget } from '../../../../test/support/metrics-target';
import {
  startThrowawayPrometheus,
  type ThrowawayPrometheus,
} from '../../../../test/support/throwaway-prometheus';
import { createPrometheusMetrics } from './prometheus-metrics';

const SEL = 'service="{{service}}",environment="{{environment}}",version="{{version}}"';
const ERROR_RATE = `sum(rate(http_requests_total{${SEL},code=~"5.."}[{{window}}])) / sum(rate(http_requests_total{${SEL}}[{{window}}]))`;
const P99_MS = `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[{{window}}]))) * 1000`;
const GAUGE = `max(demo_value{${SEL}})`;
const web = { service: 'web', environment: 'prod' };

let target: MetricsTarget;
let prom: ThrowawayPrometheus;
const stops: (() => void)[] = [];

beforeAll(async () => {
  target = await startMetricsTarget();
  stops.push(
    target.traffic({ ...web, version: '1.0.0' }, { perSecond: 200, errorRatio: 0.01, latencyMs: 20 }),
  );
  stops.push(
    target.traffic({ ...web, version: '1.1.0' }, { perSecond: 200, errorRatio: 0.2, latencyMs: 80 }),
  );
  target.gauge({ service: 'odd', environment: 'prod', version: 'nan' }, Number.NaN);
  target.gauge({ service: 'odd', environment: 'prod', version: 'inf' }, Number.POSITIVE_INFINITY);
  target.gauge({ service: 'odd', environment: 'prod', version: 'minus-inf' }, Number.NEGATIVE_INFINITY);
  target.gauge({ service: 'esc', environment: 'prod', version: '1.0.0' }, 1);
  target.gauge({ service: 'esc', environment: 'prod', version: '1x0x0' }, 2);
  target.gauge({ service: 'esc', environment: 'prod', version: '2.0"q\\z' }, 3);
  prom = await startThrowawayPrometheus({ targets: [target.hostPort], scrapeInterval: '1s' });
  // Twelve seconds of scrapes: enough for 1 s samples over a 10 s window.
  await prom.waitFor('count_over_time(up[15s]) >= 12', { timeoutMs: 40_000 });
}, 60_000);

afterAll(async () => {
  stops.forEach((stop) => stop());
  await prom?.stop();
  await target?.stop();
});

function connection(overrides: Partial<PrometheusConnectionInput> = {}) {
  return prometheusConnectionSchema.parse({
    name: 'prom',
    kind: 'prometheus',
    url: prom.url,
    timeout: '3s',
    metrics: {
      errorRate: { query: ERROR_RATE, unit: 'ratio', window: '5s', step: '1s' },
      latencyP99: { query: P99_MS, unit: 'ms', window: '5s', step: '1s' },
      cpu: { query: GAUGE, step: '1s' },
    },
    ...overrides,
  });
}

function backend(overrides: Partial<PrometheusConnectionInput> = {}, env: Record<string, string> = {}) {
  const health = new ConnectionHealth('prom', 'prometheus', ['metrics']);
  const metrics = createPrometheusMetrics(connection(overrides), { secrets: secretResolver(env), health });
  return { metrics, health };
}

/** The last `seconds` seconds, ending now. */
function lastSeconds(metric: MetricQuery['metric'], version: string, seconds = 10, side = web): MetricQuery {
  const to = Date.now();
  return { ...side, version, metric, from: to - seconds * 1000, to, stepMs: 1000 };
}

type Forwarding = (req: IncomingMessage, res: ServerResponse, forward: () => void) => void;

/** An HTTP server in front of the test's Prometheus: `handle` answers itself, or forwards. */
async function forwardingProxy(handle: Forwarding): Promise<Server> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      handle(req, res, () => {
        fetch(`${prom.url}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' },
          ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        })
          .then(async (upstream) =>
            res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text()),
          )
          .catch(() => res.writeHead(502).end());
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

function urlOf(server: Server | TcpServer): string {
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('Prometheus metrics backend', () => {
  it('reads baseline and canary samples on the step grid, within the window', async () => {
    const { metrics, health } = backend();
    const q = lastSeconds('errorRate', '1.0.0');
    const baseline = await metrics.query(q);
    const canary = await metrics.query({ ...q, version: '1.1.0' });
    for (const samples of [baseline, canary]) {
      expect(samples.length).toBeGreaterThanOrEqual(8);
      for (const s of samples) {
        expect(s.time % 1000).toBe(0);
        expect(s.time).toBeGreaterThanOrEqual(q.from);
        expect(s.time).toBeLessThan(q.to);
      }
    }
    for (const s of baseline) expect(s.value).toBeLessThan(0.05);
    for (const s of canary) expect(s.value).toBeGreaterThan(0.1);
    const p99 = await metrics.query({ ...lastSeconds('latencyP99', '1.1.0') });
    for (const s of p99) expect(s.value).toBeGreaterThan(50);
    expect(health.status()).toMatchObject({ name: 'prom', reachable: true });
  });

  it('judges the canary from those samples, with each side’s query, sample count and graph link', async () => {
    const { metrics } = backend();
    const config = canaryConfigSchema.parse({
      metrics: { errorRate: { direction: 'increase', allowedIncrease: 1.5, mustHaveData: true } },
    });
    const to = Date.now();
    const rollout = { ...web, stableVersion: '1.0.0', canaryVersion: '1.1.0' };
    const gathered = await gatherJudgeInput(metrics, rollout, config, { from: to - 60_000, to });
    const report = withSources(judge(gathered.input), gathered.sources);
    const [errorRate] = report.metrics;
    expect(errorRate?.classification).toBe('high');
    expect(report.verdict).toBe('fail');
    const canary = errorRate?.sources?.canary;
    expect(canary?.query).toBe(
      ERROR_RATE.replaceAll('{{service}}', 'web')
        .replaceAll('{{environment}}', 'prod')
        .replaceAll('{{version}}', '1.1.0')
        .replaceAll('{{window}}', '5s'),
    );
    expect(canary?.samples).toBeGreaterThan(0);
    expect(canary?.samples).toBe(errorRate?.canaryStats.count);
    // The link opens Prometheus's own graph page on the same query and window.
    const link = new URL(canary?.link ?? '');
    expect(`${link.origin}${link.pathname}`).toBe(`${prom.url}/graph`);
    expect(link.searchParams.get('g0.expr')).toBe(canary?.query);
    expect(link.searchParams.get('g0.range_input')).toBe('1m');
    expect((await fetch(link)).status).toBe(200);
  });

  it('gives no data, never a zero, for a version without series; the judge says nodata', async () => {
    const { metrics } = backend();
    expect(await metrics.query(lastSeconds('errorRate', '9.9.9'))).toEqual([]);
    const config = canaryConfigSchema.parse({ metrics: { errorRate: { direction: 'increase' } } });
    const to = Date.now();
    const rollout = { ...web, stableVersion: '1.0.0', canaryVersion: '9.9.9' };
    const { input } = await gatherJudgeInput(metrics, rollout, config, { from: to - 30_000, to });
    const report = judge(input);
    expect(report.metrics[0]?.classification).toBe('nodata');
    expect(report.verdict).not.toBe('pass');
  });

  it('hands NaN and ±Inf to the metric’s NaN strategy', async () => {
    const { metrics } = backend();
    const odd = { service: 'odd', environment: 'prod' };
    const nan = await metrics.query(lastSeconds('cpu', 'nan', 10, odd));
    const inf = await metrics.query(lastSeconds('cpu', 'inf', 10, odd));
    const minusInf = await metrics.query(lastSeconds('cpu', 'minus-inf', 10, odd));
    expect(nan.length).toBeGreaterThan(5);
    expect(nan.every((s) => Number.isNaN(s.value))).toBe(true);
    expect(inf.every((s) => s.value === Number.POSITIVE_INFINITY)).toBe(true);
    expect(minusInf.every((s) => s.value === Number.NEGATIVE_INFINITY)).toBe(true);

    const rollout = { ...odd, stableVersion: 'nan', canaryVersion: 'inf' };
    const to = Date.now();
    const judged = async (nanStrategy: 'remove' | 'replace') => {
      const config = canaryConfigSchema.parse({ metrics: { cpu: { nanStrategy } } });
      return judge((await gatherJudgeInput(metrics, rollout, config, { from: to - 30_000, to })).input)
        .metrics[0];
    };
    const removed = await judged('remove');
    expect(removed?.classification).toBe('nodata');
    expect(removed?.baselineStats.removed).toBeGreaterThan(0);
    expect(removed?.reason).toMatch(/samples dropped as missing/);
    const replaced = await judged('replace');
    expect(replaced?.canaryStats.count).toBeGreaterThan(0);
    expect(replaced?.canaryStats.max).toBe(0);
  });

  it('escapes label values for PromQL strings, and for regular expressions after =~', async () => {
    const esc = { service: 'esc', environment: 'prod' };
    const { metrics } = backend({
      metrics: {
        cpu: {
          query: `max(demo_value{service="{{service}}",environment='{{environment}}',version=~"{{version}}"})`,
          step: '1s',
        },
      },
    });
    // 1.0.0 as a regex would also match 1x0x0 (value 2): escaped, it matches only itself.
    const exact = await metrics.query(lastSeconds('cpu', '1.0.0', 10, esc));
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.every((s) => s.value === 1)).toBe(true);
    const quoted = await metrics.query(lastSeconds('cpu', '2.0"q\\z', 10, esc));
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.every((s) => s.value === 3)).toBe(true);
    const injected = await metrics.query(lastSeconds('cpu', '.*', 10, esc));
    expect(injected).toEqual([]);
  });

  it('reports malformed PromQL with the metric and Prometheus’s line:col in the template', async () => {
    const broken = `# error rate\nsum(rate(http_requests_total{${SEL}}[{{window}}])) +* 2`;
    const { metrics, health } = backend({
      metrics: { errorRate: { query: broken }, latencyP99: { query: `http_requests_total{${SEL}}[1m]` } },
    });
    const problems = await metrics.validate();
    // The error is on line 2 at the "*", after every placeholder: its column is the template's own.
    const column = broken.split('\n')[1]!.indexOf('*') + 1;
    expect(problems).toEqual([
      {
        metric: 'errorRate',
        path: ['metrics', 'errorRate', 'query'],
        message: expect.stringMatching(
          new RegExp(`^errorRate: bad_data: 2:${column}: parse error: unexpected <op:\\*>`),
        ),
      },
      {
        metric: 'latencyP99',
        path: ['metrics', 'latencyP99', 'query'],
        message: 'latencyP99: the query gives a range vector; it must give vector or scalar',
      },
    ]);
    const error = await rejection(metrics.query(lastSeconds('errorRate', '1.0.0')));
    expect(error).toBeInstanceOf(MetricsUnavailable);
    // At run time the position is in the query as resolved (the one describe() shows).
    const resolved = metrics.describe(lastSeconds('errorRate', '1.0.0'))?.query ?? '';
    const resolvedColumn = resolved.split('\n')[1]!.indexOf('*') + 1;
    expect(resolvedColumn).not.toBe(column);
    expect(error.message).toMatch(
      new RegExp(`^errorRate: bad_data: 2:${resolvedColumn}: parse error: unexpected <op:\\*>`),
    );
    // Prometheus answered: the query is wrong, not the connection.
    expect(health.status().reachable).toBe(true);
    expect(await backend().metrics.validate()).toEqual([]);
  });

  it('refuses a query that gives several series, naming them', async () => {
    const { metrics } = backend({
      metrics: { errorRate: { query: `rate(http_requests_total{${SEL}}[5s])` } },
    });
    const error = await rejection(metrics.query(lastSeconds('errorRate', '1.0.0')));
    expect(error.message).toMatch(
      /^errorRate: the query gives 2 series \(\{.*code="(200|500)".*\}\) where one is needed per version: aggregate it/,
    );
  });

  it('says when a metric has no query on the connection', async () => {
    const { metrics } = backend();
    const error = await rejection(metrics.query(lastSeconds('latencyP50', '1.0.0')));
    expect(error.message).toBe(
      'latencyP50: connection prom has no query for latencyP50: add metrics.latencyP50.query to it',
    );
  });

  it('offers series, label names and label values for autocompletion', async () => {
    const { metrics } = backend();
    expect(await metrics.labels()).toEqual(
      expect.arrayContaining(['service', 'environment', 'version', 'code']),
    );
    expect(await metrics.labelValues('version', ['http_requests_total{service="web"}'])).toEqual([
      '1.0.0',
      '1.1.0',
    ]);
    expect(await metrics.labelValues('__name__')).toContain('http_request_duration_seconds_bucket');
    const series = await metrics.series(['http_requests_total{service="web",code="500"}']);
    expect(series.map((s) => s.version).sort()).toEqual(['1.0.0', '1.1.0']);
    await expect(metrics.labelValues('../x')).rejects.toThrow('"../x" is not a label name');
    const now = await metrics.instantQuery('sum(up)');
    expect(now).toEqual([{ labels: {}, time: expect.any(Number), value: 1 }]);
  });

  it('times out on a Prometheus that never answers, within the connection’s timeout', async () => {
    const sockets = new Set<Socket>();
    const hung: TcpServer = createTcpServer((socket) => sockets.add(socket));
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const address = hung.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { metrics, health } = backend({ url: `http://127.0.0.1:${port}`, timeout: '400ms' });
      const started = performance.now();
      const error = await rejection(metrics.query(lastSeconds('errorRate', '1.0.0')));
      const took = performance.now() - started;
      expect(error).toBeInstanceOf(MetricsUnavailable);
      expect(error.message).toBe('errorRate: Prometheus prom gave no answer within 400 ms');
      expect(took).toBeGreaterThanOrEqual(390);
      expect(took).toBeLessThan(900);
      expect(health.status()).toMatchObject({
        reachable: false,
        lastError: { message: expect.stringContaining('400 ms') },
      });
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => hung.close(r));
    }
  });

  it('tries a read again after a passing failure (a 503 from a proxy), within one deadline', async () => {
    let calls = 0;
    const flaky = await forwardingProxy((_req, res, forward) => {
      calls++;
      if (calls <= 2) res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>starting</h1>');
      else forward();
    });
    try {
      const { metrics, health } = backend({ url: urlOf(flaky) });
      expect((await metrics.query(lastSeconds('errorRate', '1.0.0'))).length).toBeGreaterThan(0);
      expect(calls).toBe(3);
      expect(health.status().reachable).toBe(true);

      // Three passing failures in a row: the third one's words, after three tries.
      calls = -10;
      const error = await rejection(metrics.query(lastSeconds('errorRate', '1.0.0')));
      expect(calls).toBe(-7);
      expect(error.message).toBe(
        `errorRate: Prometheus at ${urlOf(flaky)} answered HTTP 503 Service Unavailable: starting`,
      );
    } finally {
      await new Promise((r) => flaky.close(r));
    }
  });

  it('never tries a refused query again', async () => {
    let calls = 0;
    const counting = await forwardingProxy((_req, _res, forward) => {
      calls++;
      forward();
    });
    try {
      const { metrics } = backend({
        url: urlOf(counting),
        metrics: { errorRate: { query: `sum(http_requests_total{${SEL}}) +* 2` } },
      });
      const error = await rejection(metrics.query(lastSeconds('errorRate', '1.0.0')));
      expect(error.message).toMatch(/^errorRate: bad_data: 1:\d+: parse error/);
      expect(calls).toBe(1);
    } finally {
      await new Promise((r) => counting.close(r));
    }
  });

  describe('behind a proxy that wants a bearer token', () => {
    const token = 'tok-3b9f1c7e-never-shown';
    const seen: (string | undefined)[] = [];
    let proxy: Server;
    let proxyUrl = '';

    beforeAll(async () => {
      proxy = await forwardingProxy((req, res, forward) => {
        seen.push(req.headers.authorization);
        if (req.headers.authorization !== `Bearer ${token}`)
          res.writeHead(401, { 'content-type': 'text/plain' }).end('missing or wrong token\n');
        else forward();
      });
      proxyUrl = urlOf(proxy);
    });
    afterAll(() => new Promise((r) => proxy.close(r)));

    it('sends the token from the environment, and never shows it in errors, the health line or logs', async () => {
      const logged: string[] = [];
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
        vi
          .spyOn(console, level)
          .mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
      );
      try {
        const good = backend(
          { url: proxyUrl, bearerToken: { env: 'PROM_TEST_TOKEN' } },
          { PROM_TEST_TOKEN: token },
        );
        expect((await good.metrics.query(lastSeconds('errorRate', '1.0.0'))).length).toBeGreaterThan(0);
        expect(seen.at(-1)).toBe(`Bearer ${token}`);
        expect(await good.metrics.validate()).toEqual([]);

        const wrong = backend(
          { url: proxyUrl, bearerToken: { env: 'PROM_TEST_TOKEN' } },
          { PROM_TEST_TOKEN: `${token}-old` },
        );
        const refused = await rejection(wrong.metrics.query(lastSeconds('errorRate', '1.0.0')));
        expect(refused.message).toBe(
          `errorRate: Prometheus at ${proxyUrl} answered HTTP 401 Unauthorized: check the connection's bearerToken`,
        );
        expect(await wrong.metrics.validate()).toEqual([
          { path: ['url'], message: refused.message.slice('errorRate: '.length) },
        ]);

        const unset = backend({ url: proxyUrl, bearerToken: { env: 'PROM_TEST_TOKEN' } });
        const missing = await rejection(unset.metrics.query(lastSeconds('errorRate', '1.0.0')));
        expect(missing.message).toBe(
          'errorRate: prom: bearerToken: the environment variable PROM_TEST_TOKEN is not set',
        );

        const everything = [
          refused.message,
          missing.message,
          JSON.stringify([good.health.status(), wrong.health.status(), unset.health.status()]),
          JSON.stringify(good.metrics.config),
          good.metrics.describe(lastSeconds('errorRate', '1.0.0'))?.link ?? '',
          ...logged,
        ].join('\n');
        expect(everything).not.toContain(token);
        expect(everything).not.toContain(Buffer.from(token).toString('base64'));
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    });
  });

  // Last: it kills the shared Prometheus, then brings it back.
  it('fails fast while Prometheus is down, and reads again once it is back', async () => {
    const { metrics, health } = backend();
    await prom.kill();
    const started = performance.now();
    const error = await rejection(metrics.query(lastSeconds('errorRate', '1.0.0')));
    // Three tries (100 ms and 300 ms apart), far inside the 3 s timeout.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(MetricsUnavailable);
    expect(error.message).toMatch(
      new RegExp(`^errorRate: cannot reach Prometheus at ${prom.url}: .*ECONNREFUSED`),
    );
    expect(health.status()).toMatchObject({
      reachable: false,
      lastError: { message: expect.stringContaining('ECONNREFUSED') },
    });
    await prom.restart();
    expect((await metrics.query(lastSeconds('errorRate', '1.0.0', 30))).length).toBeGreaterThan(0);
    expect(health.status().reachable).toBe(true);
  });
});
