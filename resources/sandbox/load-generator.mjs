#!/usr/bin/env node
// The live-fire sandbox's load generator: requests at a steady rate through HAProxy, as users would
// send them, and the error rate they see. Every second it rewrites its status file (JSON, 0600):
// totals, the last few seconds, and both by version and by server (from the service's answer
// headers), so a test or a person can see what users saw while a canary went wrong and back.
// Plain Node: it runs from the built app.
import { renameSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    target: { type: 'string' },
    rate: { type: 'string', default: '20' },
    'status-file': { type: 'string' },
    'timeout-ms': { type: 'string', default: '5000' },
    'window-s': { type: 'string', default: '10' },
  },
});
if (!args.target || !args['status-file']) {
  process.stderr.write('load-generator: --target URL and --status-file PATH are required\n');
  process.exit(2);
}
const rate = Number(args.rate);
const timeoutMs = Number(args['timeout-ms']);
const windowS = Number(args['window-s']);
const startedAt = new Date().toISOString();
// Keep-alive like a browser; HAProxy still balances each request on its own.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const MAX_IN_FLIGHT = 500;

const empty = () => ({ requests: 0, errors: 0 });
const totals = { ...empty(), dropped: 0 };
/** By version and by server, since the start. */
const byVersion = {};
const byServer = {};
/** Per whole second of completion: { second, requests, errors, byVersion }. */
const seconds = [];
let inFlight = 0;

function count(ok, version, server) {
  const second = Math.floor(Date.now() / 1000);
  let bucket = seconds.at(-1);
  if (bucket?.second !== second) {
    bucket = { second, ...empty(), byVersion: {} };
    seconds.push(bucket);
    while (seconds.length > 120) seconds.shift();
  }
  for (const tally of [
    totals,
    bucket,
    ...(version ? [(byVersion[version] ??= empty()), (bucket.byVersion[version] ??= empty())] : []),
    ...(server ? [(byServer[server] ??= empty())] : []),
  ]) {
    tally.requests += 1;
    if (!ok) tally.errors += 1;
  }
}

const withRate = (t) => ({ ...t, errorRate: t.requests === 0 ? null : t.errors / t.requests });

function send() {
  if (inFlight >= MAX_IN_FLIGHT) {
    totals.dropped += 1;
    return;
  }
  inFlight += 1;
  let done = false;
  const finish = (ok, version, server) => {
    if (done) return;
    done = true;
    inFlight -= 1;
    count(ok, version, server);
  };
  const req = get(args.target, { agent, timeout: timeoutMs }, (res) => {
    res.resume();
    res.on('end', () =>
      finish(
        res.statusCode !== undefined && res.statusCode < 400,
        res.headers['x-version'],
        res.headers['x-server'],
      ),
    );
    res.on('error', () => finish(false));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => finish(false));
}

function writeStatus() {
  // The last whole seconds only: the current one is still filling.
  const now = Math.floor(Date.now() / 1000);
  const recent = seconds.filter((b) => b.second < now && b.second >= now - windowS);
  const recentTotal = empty();
  const recentByVersion = {};
  for (const b of recent) {
    recentTotal.requests += b.requests;
    recentTotal.errors += b.errors;
    for (const [version, t] of Object.entries(b.byVersion)) {
      const into = (recentByVersion[version] ??= empty());
      into.requests += t.requests;
      into.errors += t.errors;
    }
  }
  const status = {
    pid: process.pid,
    target: args.target,
    ratePerSecond: rate,
    startedAt,
    updatedAt: new Date().toISOString(),
    inFlight,
    total: withRate(totals),
    recent: {
      seconds: windowS,
      ...withRate(recentTotal),
      byVersion: Object.fromEntries(Object.entries(recentByVersion).map(([v, t]) => [v, withRate(t)])),
    },
    byVersion: Object.fromEntries(Object.entries(byVersion).map(([v, t]) => [v, withRate(t)])),
    byServer: Object.fromEntries(Object.entries(byServer).map(([s, t]) => [s, withRate(t)])),
  };
  const file = args['status-file'];
  writeFileSync(`${file}.tmp`, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

// A steady rate: each request has its own moment from the start, so a slow tick does not slow the rate.
const intervalMs = 1000 / rate;
const start = performance.now();
let sent = 0;
const pacer = setInterval(
  () => {
    const due = Math.floor((performance.now() - start) / intervalMs);
    for (; sent < due; sent++) send();
  },
  Math.max(5, Math.min(50, intervalMs)),
);
const reporter = setInterval(writeStatus, 1000);
writeStatus();
process.stdout.write(`load-generator: ${rate} req/s to ${args.target}\n`);

const stop = () => {
  clearInterval(pacer);
  clearInterval(reporter);
  writeStatus();
  agent.destroy();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
