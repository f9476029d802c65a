// kill -9 at random moments while actions are in flight, then restart and check that nothing
// acknowledged was lost and no idempotency key applied twice. Shared by the crash test in `npm test`
// (50 cycles) and `npm run soak` (300). It drives the built control room (`out/main/cli.js serve`)
// over HTTP exactly as a browser or script does, so it tests what a user would see.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, serve, stopServed, type Answer, type Served } from './served-control-room';

/** Lanes that promote one pause step at a time: a key applied twice shows as an extra step. */
const PROMOTE_LANES = ['p1', 'p2', 'p3', 'p4'];
/** Lanes that toggle a manual pause: the reported bug (a pause lost to kill -9). */
const PAUSE_LANES = ['h1', 'h2', 'h3'];
/** Lanes the controller moves by itself every second: its own changes must survive too. */
const TIMED_LANES = ['t1', 't2'];
const ENV = 'prod';
const PROMOTE_STEPS = 400;
/** Actions per lane per cycle at most, so the steps last; the kill lands anywhere among them. */
const ACTIONS_PER_CYCLE = 6;
const TIMED_STEPS = 120;

export interface CrashReport {
  cycles: number;
  /** Actions answered 200 before the kill. */
  acknowledged: number;
  /** Acknowledged actions whose effect was missing after the restart. */
  lost: number;
  /** Keys whose effect was applied more than once. */
  appliedTwice: number;
  /** In-flight (unanswered) keys at the kill, retried after the restart. */
  inFlightRetried: number;
  /** Of those, how many had been applied before the kill (the retry answered "already applied"). */
  inFlightAlreadyApplied: number;
  /** Controller changes recorded in the audit log but missing from the world, or the reverse. */
  controllerMismatches: number;
  /** Restarts whose audit chain (and head) did not verify. */
  brokenChains: number;
  /** The first problems seen, in words. */
  failures: string[];
  /** Wall time of a restart until the API answered, median, ms. */
  restartMedianMs: number;
  totalMs: number;
}

function fleetYaml(): string {
  const pauses = Array.from({ length: PROMOTE_STEPS }, () => '      - pause: indefinite').join('\n');
  const timed = Array.from(
    { length: TIMED_STEPS / 2 },
    (_, i) => `      - setWeight: ${(i % 99) + 1}\n      - pause: 1s`,
  ).join('\n');
  const service = (name: string) =>
    `  ${name}: { stable: 1.0.0, requestRate: 50, errorRate: 0.001, latencyP50: 40, cpu: 0.5 }`;
  // Held lanes start on their first untimed pause, so only promotes move them.
  const rollout = (name: string, strategy: string, step: number) =>
    `  - { service: ${name}, environment: ${ENV}, strategy: ${strategy}, canary: 1.1.0, step: ${step} }`;
  return [
    `environments: [${ENV}]`,
    'settle: 1s',
    'strategies:',
    '  held:',
    '    kind: canary',
    '    steps:',
    '      - setWeight: 5',
    pauses,
    '  timed:',
    '    kind: canary',
    '    steps:',
    timed,
    'services:',
    ...[...PROMOTE_LANES, ...PAUSE_LANES, ...TIMED_LANES].map(service),
    'rollouts:',
    ...[...PROMOTE_LANES, ...PAUSE_LANES].map((n) => rollout(n, 'held', 1)),
    ...TIMED_LANES.map((n) => rollout(n, 'timed', 0)),
    '',
  ].join('\n');
}

/** A workspace whose fleet is built for the crash test. */
export function prepareWorkspace(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'crash-fleet.yaml'), fleetYaml());
  writeFileSync(
    join(dir, 'config.yaml'),
    'actor: crash-test\nsimulator: { fleet: crash-fleet.yaml, seed: 7 }\n',
  );
}

/** One call's answer envelope. */
type Envelope = Answer['body'];

const call = async (server: Served, method: string, input: unknown): Promise<Envelope> =>
  (await apiCall(server, method, input)).body;
const startServer = (workspace: string): Promise<Served> => serve(workspace);
const kill9 = (server: Served): Promise<void> => stopServed(server, 'SIGKILL');

interface Rollout {
  currentStepIndex: number;
  revision: number;
  phase: string;
  pauseConditions: { reason: string }[];
}

async function rollout(server: Served, lane: string): Promise<Rollout> {
  const answer = await call(server, 'rollout.get', { id: `${lane}-${ENV}` });
  if (!answer.ok) throw new Error(`rollout.get ${lane}: ${answer.error?.message}`);
  return answer.value as unknown as Rollout;
}

const manuallyPaused = (r: Rollout) => r.pauseConditions.some((c) => c.reason === 'manual');

interface Intent {
  lane: string;
  action: 'promote' | 'pause' | 'resume';
  key: string;
}

export interface CrashOptions {
  cycles: number;
  workspace: string;
  /** Kill after a random delay up to this long into the burst. */
  maxKillDelayMs?: number;
  onCycle?: (cycle: number, report: CrashReport) => void;
}

/** A deterministic sequence (so a failing run can be repeated), seeded per run. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export function emptyCrashReport(): CrashReport {
  return {
    cycles: 0,
    acknowledged: 0,
    lost: 0,
    appliedTwice: 0,
    inFlightRetried: 0,
    inFlightAlreadyApplied: 0,
    controllerMismatches: 0,
    brokenChains: 0,
    failures: [],
    restartMedianMs: 0,
    totalMs: 0,
  };
}

export async function runCrashCycles(options: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const rand = random(0x5eed + options.cycles);
  const report = emptyCrashReport();
  const fail = (what: string) => {
    if (report.failures.length < 20) report.failures.push(what);
  };
  const restarts: number[] = [];
  // What every acknowledged action implies, kept across cycles.
  const promotes = new Map(PROMOTE_LANES.map((l) => [l, 0]));
  const paused = new Map(PAUSE_LANES.map((l) => [l, false]));
  let initialStep: Map<string, number> | undefined;
  const initialRevision = new Map<string, number>();
  let keyCounter = 0;
  let acknowledgedKeys: Intent[] = [];
  let inFlight = new Map<string, Intent>();

  for (let cycle = 1; cycle <= options.cycles + 1; cycle++) {
    const t0 = performance.now();
    const server = await startServer(options.workspace);
    restarts.push(performance.now() - t0);
    if (!initialStep) {
      initialStep = new Map();
      for (const lane of PROMOTE_LANES) initialStep.set(lane, (await rollout(server, lane)).currentStepIndex);
      for (const lane of TIMED_LANES) initialRevision.set(lane, (await rollout(server, lane)).revision);
    } else await checkAfterCrash(cycle - 1, server);
    // The last start only checks what the last kill left.
    if (cycle > options.cycles) {
      await kill9(server);
      break;
    }

    // A burst: each lane a short sequence of actions, all lanes at once; kill -9 at a random moment.
    inFlight = new Map();
    acknowledgedKeys = [];
    let killed = false;
    const lanes = [...PROMOTE_LANES, ...PAUSE_LANES].map(async (lane) => {
      for (let n = 0; n < ACTIONS_PER_CYCLE && !killed; n++) {
        await new Promise((resolve) => setTimeout(resolve, rand() * 20));
        if (killed) return;
        const isPause = paused.has(lane);
        const intent: Intent = {
          lane,
          action: isPause ? (paused.get(lane) ? 'resume' : 'pause') : 'promote',
          key: `crash-${process.pid}-${++keyCounter}`,
        };
        inFlight.set(lane, intent);
        let answer: Envelope;
        try {
          answer = await call(server, 'rollout.act', {
            id: `${lane}-${ENV}`,
            action: intent.action,
            idempotencyKey: intent.key,
          });
        } catch {
          return; // the server died mid-request: it stays in flight
        }
        inFlight.delete(lane);
        if (!answer.ok) {
          fail(`cycle ${cycle}: ${intent.action} ${lane} refused: ${answer.error?.message}`);
          return;
        }
        report.acknowledged++;
        acknowledgedKeys.push(intent);
        if (isPause) paused.set(lane, intent.action === 'pause');
        else promotes.set(lane, (promotes.get(lane) ?? 0) + 1);
      }
    });
    // Every other kill lands among the actions; the rest later, when the first controller tick
    // (with its catch-up since the last run) is in play too.
    const window = options.maxKillDelayMs ?? 1500;
    const delay = cycle % 2 === 1 ? rand() * 300 : 300 + rand() * (window - 300);
    await new Promise((resolve) => setTimeout(resolve, delay));
    killed = true;
    await kill9(server);
    await Promise.all(lanes);
    report.cycles = cycle;
    options.onCycle?.(cycle, report);
  }
  restarts.sort((a, b) => a - b);
  report.restartMedianMs = Math.round(restarts[Math.floor(restarts.length / 2)] ?? 0);
  report.totalMs = Math.round(performance.now() - started);
  return report;

  /** After a kill: every acknowledged effect is there, in-flight keys apply exactly once, the log holds. */
  async function checkAfterCrash(cycle: number, server: Served): Promise<void> {
    const starts = initialStep as Map<string, number>;
    const verify = await call(server, 'audit.verify', {});
    if (!verify.ok || verify.value?.ok !== true) {
      report.brokenChains++;
      fail(`cycle ${cycle}: audit chain does not verify: ${JSON.stringify(verify.value ?? verify.error)}`);
    }
    for (const lane of PROMOTE_LANES) {
      const expected = (starts.get(lane) ?? 0) + (promotes.get(lane) ?? 0);
      const open = inFlight.get(lane) ? 1 : 0;
      const step = (await rollout(server, lane)).currentStepIndex;
      if (step < expected) {
        report.lost += expected - step;
        fail(`cycle ${cycle}: ${lane} at step ${step}, but ${expected} acknowledged`);
        // Counted once: from here on what the world holds is the baseline.
        promotes.set(lane, step - (starts.get(lane) ?? 0));
      }
      if (step > expected + open) {
        report.appliedTwice += step - expected - open;
        fail(
          `cycle ${cycle}: ${lane} at step ${step}, more than ${expected} acknowledged + ${open} in flight`,
        );
      }
    }
    for (const lane of PAUSE_LANES) {
      const r = await rollout(server, lane);
      const intent = inFlight.get(lane);
      const allowed = new Set([paused.get(lane), ...(intent ? [intent.action === 'pause'] : [])]);
      if (!allowed.has(manuallyPaused(r))) {
        report.lost++;
        fail(`cycle ${cycle}: ${lane} paused=${manuallyPaused(r)}, acknowledged paused=${paused.get(lane)}`);
        paused.set(lane, manuallyPaused(r));
        inFlight.delete(lane);
      }
    }
    // Sending an in-flight request again settles it: applied now, or "already applied".
    for (const [lane, intent] of inFlight) {
      const answer = await call(server, 'rollout.act', {
        id: `${lane}-${ENV}`,
        action: intent.action,
        idempotencyKey: intent.key,
      });
      report.inFlightRetried++;
      if (!answer.ok) {
        fail(`cycle ${cycle}: retry of in-flight ${intent.key} refused: ${answer.error?.message}`);
        continue;
      }
      if (answer.value?.applied === false) report.inFlightAlreadyApplied++;
      if (paused.has(lane)) paused.set(lane, intent.action === 'pause');
      else promotes.set(lane, (promotes.get(lane) ?? 0) + 1);
    }
    // A retry of an acknowledged key is answered from the ledger and changes nothing.
    for (const intent of acknowledgedKeys) {
      const again = await call(server, 'rollout.act', {
        id: `${intent.lane}-${ENV}`,
        action: intent.action,
        idempotencyKey: intent.key,
      });
      if (!again.ok || again.value?.applied !== false) {
        report.appliedTwice++;
        fail(
          `cycle ${cycle}: retry of acknowledged ${intent.key} answered ${JSON.stringify(again.value ?? again.error)}`,
        );
      }
    }
    for (const lane of PROMOTE_LANES) {
      const expected = (starts.get(lane) ?? 0) + (promotes.get(lane) ?? 0);
      const step = (await rollout(server, lane)).currentStepIndex;
      if (step !== expected) {
        report.appliedTwice += Math.max(0, step - expected);
        report.lost += Math.max(0, expected - step);
        fail(`cycle ${cycle}: after the retries ${lane} is at step ${step}, expected ${expected}`);
      }
    }
    await checkWorld(cycle, server);
  }

  /**
   * The controller's changes and the log agree: the last change the log records for a rollout is its
   * revision (read between two reads of the log, as the controller may move in between).
   */
  async function checkWorld(cycle: number, server: Served): Promise<void> {
    const lastAudited = async (lane: string): Promise<number> => {
      const page = await call(server, 'audit.list', { target: `${lane}-${ENV}`, kind: 'rollout.', limit: 1 });
      const records = (page.value?.records ?? []) as { details: { revision?: number } }[];
      // A rollout the controller never moved is still at the revision the fleet file gave it.
      return records[0]?.details.revision ?? initialRevision.get(lane) ?? 1;
    };
    for (const lane of TIMED_LANES) {
      const before = await lastAudited(lane);
      const revision = (await rollout(server, lane)).revision;
      const after = await lastAudited(lane);
      if (revision < before || revision > after) {
        report.controllerMismatches++;
        fail(
          `cycle ${cycle}: ${lane} is at revision ${revision} but the log's last change says ${before}..${after}`,
        );
      }
    }
  }
}
