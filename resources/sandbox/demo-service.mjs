#!/usr/bin/env node
// The live-fire sandbox's demo HTTP service: one instance of one version. It answers every request
// after a short, slightly varying delay, fails a small share of them as real services do, and exposes
// /metrics (prom-client: request counter and latency histogram, labelled with service, environment,
// version and server). Its fault switch (/_control/fault, never reachable through HAProxy) makes it
// slower or fail more, so a bad release can be staged on demand. Plain Node: it runs from the built app.
import { renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import client from 'prom-client';

const { values: args } = parseArgs({
  options: {
    service: { type: 'string' },
    environment: { type: 'string' },
    version: { type: 'string' },
    server: { type: 'string' },
    port: { type: 'string', default: '0' },
    'ready-file': { type: 'string' },
    'latency-ms': { type: 'string', default: '10' },
    'jitter-ms': { type: 'string', default: '2' },
    // No errors unless asked: one evenly spaced failure in 200 lands in some 30 s windows of a 10%
    // canary (60 requests) and not others, so the judge failed a healthy canary about one run in three.
    'error-rate': { type: 'string', default: '0' },
  },
});
for (const name of ['service', 'environment', 'version', 'server'])
  if (!args[name]) {
    process.stderr.write(`demo-service: --${name} is required\n`);
    process.exit(2);
  }

const baseLatencyMs = Number(args['latency-ms']);
const jitterMs = Number(args['jitter-ms']);
const baseErrorRate = Number(args['error-rate']);

const registry = new client.Registry();
registry.setDefaultLabels({
  service: args.service,
  environment: args.environment,
  version: args.version,
  server: args.server,
});
client.collectDefaultMetrics({ register: registry });
const requests = new client.Counter({
  name: 'http_requests_total',
  help: 'Requests served, by HTTP status code',
  labelNames: ['code'],
  registers: [registry],
});
// Both series exist from the start: a version that never failed has an error rate of 0, not none.
requests.inc({ code: '200' }, 0);
requests.inc({ code: '500' }, 0);
const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time to answer a request',
  // Fine buckets around the normal latency, so p50 and p99 read steadily; coarse ones for faults.
  buckets: [...client.linearBuckets(0.002, 0.002, 15), 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
const faultErrors = new client.Gauge({
  name: 'demo_fault_error_ratio',
  help: 'Share of requests the fault switch fails (0 when off)',
  registers: [registry],
});
const faultLatency = new client.Gauge({
  name: 'demo_fault_latency_seconds',
  help: 'Delay the fault switch adds to every request (0 when off)',
  registers: [registry],
});

let fault = { errorRate: 0, latencyMs: 0 };
// Failures are spread evenly, not drawn at random: a share R fails exactly, however few requests.
let failureDebt = 0;

function setFault(next) {
  fault = next;
  faultErrors.set(next.errorRate);
  faultLatency.set(next.latencyMs / 1000);
}

function faultProblem(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'give a JSON object';
  const unknown = Object.keys(body).filter((k) => k !== 'errorRate' && k !== 'latencyMs');
  if (unknown.length > 0) return `unknown field ${unknown[0]}: give errorRate and/or latencyMs`;
  const { errorRate = 0, latencyMs = 0 } = body;
  if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1))
    return 'errorRate must be a number from 0 to 1';
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000)
    return 'latencyMs must be a whole number of milliseconds from 0 to 60000';
  return undefined;
}

function sendJson(res, status, value, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(`${JSON.stringify(value)}\n`);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      text += chunk;
      if (text.length > 10_000) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

async function control(req, res) {
  if (req.method === 'GET') return sendJson(res, 200, fault);
  if (req.method === 'DELETE') {
    setFault({ errorRate: 0, latencyMs: 0 });
    return sendJson(res, 200, fault);
  }
  if (req.method !== 'PUT') return sendJson(res, 405, { error: 'use GET, PUT or DELETE' });
  let body;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    return sendJson(res, 400, { error: `not JSON: ${error instanceof Error ? error.message : error}` });
  }
  const problem = faultProblem(body);
  if (problem) return sendJson(res, 400, { error: problem });
  setFault({ errorRate: body.errorRate ?? 0, latencyMs: body.latencyMs ?? 0 });
  return sendJson(res, 200, fault);
}

function serve(req, res) {
  const started = performance.now();
  const delay = baseLatencyMs + (Math.random() * 2 - 1) * jitterMs + fault.latencyMs;
  failureDebt += Math.max(baseErrorRate, fault.errorRate);
  const fails = failureDebt >= 1;
  if (fails) failureDebt -= 1;
  setTimeout(
    () => {
      const code = fails ? 500 : 200;
      const who = { 'x-service': args.service, 'x-version': args.version, 'x-server': args.server };
      if (fails) sendJson(res, code, { error: 'the demo service failed this request' }, who);
      else sendJson(res, code, { service: args.service, version: args.version, server: args.server }, who);
      requests.inc({ code: String(code) });
      duration.observe((performance.now() - started) / 1000);
    },
    Math.max(0, delay),
  );
}

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/metrics')
    return void registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
    });
  if (path === '/healthz') return sendJson(res, 200, { ok: true }); // health checks pass, faults or not
  if (path === '/_control/fault') return void control(req, res);
  serve(req, res);
});

server.listen(Number(args.port), '127.0.0.1', () => {
  const { port } = server.address();
  process.stdout.write(
    `demo-service ${args.server} (${args.service} ${args.version}) on 127.0.0.1:${port}\n`,
  );
  const file = args['ready-file'];
  if (file) {
    // Whole or not at all: the sandbox reads the port from here.
    writeFileSync(`${file}.tmp`, `${JSON.stringify({ pid: process.pid, port })}\n`, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
