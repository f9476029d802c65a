// A tiny scrape target for tests: a prom-client registry on a loopback HTTP server. It serves
// request counters and latency histograms labelled service/environment/version (driven by
// traffic() at a steady rate, with an error share and a latency per version), and gauges a test
// sets to exact values (NaN and ±Inf included).
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Side {
  service: string;
  environment: string;
  version: string;
}

export interface Traffic {
  /** Requests per second. */
  perSecond: number;
  /** Share of them answered 500, 0-1. */
  errorRatio: number;
  /** Latency of every request, ms. */
  latencyMs: number;
}

export interface MetricsTarget {
  /** host:port, as a Prometheus scrape config names it. */
  hostPort: string;
  /** Counts requests of one side from now on, every 100 ms; returns a function that stops it. */
  traffic(side: Side, traffic: Traffic): () => void;
  /** Sets `demo_value{service,environment,version}` to exactly `value`. */
  gauge(side: Side, value: number): void;
  stop(): Promise<void>;
}

const LABELS = ['service', 'environment', 'version'] as const;
const TICK_MS = 100;

export async function startMetricsTarget(): Promise<MetricsTarget> {
  const registry = new Registry();
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'Requests served, by answer code',
    labelNames: [...LABELS, 'code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request',
    labelNames: LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  const value = new Gauge({
    name: 'demo_value',
    help: 'A value the test sets',
    labelNames: LABELS,
    registers: [registry],
  });
  const timers = new Set<ReturnType<typeof setInterval>>();

  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the metrics target has no address');

  return {
    hostPort: `127.0.0.1:${address.port}`,
    traffic(side, traffic) {
      const labels = { ...side };
      let owed = 0;
      let errorsOwed = 0;
      const timer = setInterval(() => {
        owed += (traffic.perSecond * TICK_MS) / 1000;
        const count = Math.floor(owed);
        owed -= count;
        errorsOwed += count * traffic.errorRatio;
        const errors = Math.floor(errorsOwed);
        errorsOwed -= errors;
        requests.inc({ ...labels, code: '200' }, count - errors);
        requests.inc({ ...labels, code: '500' }, errors);
        for (let i = 0; i < count; i++) latency.observe(labels, traffic.latencyMs / 1000);
      }, TICK_MS);
      timers.add(timer);
      return () => {
        clearInterval(timer);
        timers.delete(timer);
      };
    },
    gauge(side, v) {
      value.set({ ...side }, v);
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
