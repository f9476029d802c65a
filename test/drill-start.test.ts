// A drill started from the app (drills.start): a real child process running the built CLI's
// `serve --drill`, joined over HTTP with the tokens it handed back, and stopped by pid. The room that
// started it stays the real one.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../src/main/core/api/dispatch-api-call';
import { createControlRoom, type RunningControlRoom } from '../src/main/compose/create-control-room';
import { DrillServers } from '../src/main/compose/drill-servers';
import type { DrillServerView, StartedDrill } from '../src/shared/drill-servers';
import type { DrillHistory, DrillReport, DrillStatus } from '../src/shared/drills';
import { ensureBuild } from './support/ensure-build';
import { BUILT_CLI } from './support/served-control-room';
import { tempDirs } from './support/temp-dirs';

const ROOT = join(import.meta.dirname, '..');
const FRAN = { actor: 'fran', role: 'operator' } as const;
const newDir = tempDirs('drill-start-');
let running: RunningControlRoom;
let dir: string;

const call = (method: string, input: unknown, ctx: { actor: string; role: 'operator' | 'observer' } = FRAN) =>
  dispatchApiCall(running.handlers, method, input, ctx);

/** A call to the drill room's own server, with the token from a join URL's fragment. */
async function joined<T>(
  url: string,
  method: string,
  body: unknown = {},
): Promise<{ ok: boolean; value: T }> {
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token');
  const res = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; value: T };
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  ensureBuild(ROOT);
  dir = newDir();
  running = await createControlRoom({ workspaceDir: dir, mode: 'browser', actor: 'fran' });
}, 300_000);

afterAll(() => running?.close());

describe('drills.start', () => {
  it('starts the drill room as its own process: the facilitator and an invitee join it, stop ends it', async () => {
    const answer = await call('drills.start', {
      scenario: 'canary-error-rate',
      team: 'blue',
      speed: 30,
      invite: [{ name: 'dana', role: 'observer' }],
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const started = answer.value as StartedDrill;
    expect(started.pid).not.toBe(process.pid);
    expect(alive(started.pid)).toBe(true);
    expect(started.workspace).toBe(join(dir, 'drills', started.runId));
    expect(started.invitations.map((i) => [i.name, i.role])).toEqual([['dana', 'observer']]);

    const facilitator = await joined<DrillStatus>(started.url, 'drill.status');
    expect(facilitator.value).toMatchObject({ facilitator: true, team: 'blue', speed: 30 });
    expect(facilitator.value.scenario.id).toBe('canary-error-rate');
    const dana = started.invitations[0]?.url ?? '';
    expect((await joined<DrillStatus>(dana, 'drill.status')).value.facilitator).toBe(false);
    const session = await joined<{ role: string; drill?: unknown }>(dana, 'session.get');
    expect(session.value.role).toBe('observer');
    // This room is not the drill's: no drill here, its session has no DRILL mark.
    expect(await call('drill.status', {})).toMatchObject({ ok: true, value: null });

    const list = await call('drills.running', {});
    expect((list.ok ? (list.value as DrillServerView[]) : []).map((d) => [d.pid, d.mine, d.url])).toEqual([
      [started.pid, true, started.url],
    ]);
    const other = await call('drills.running', {}, { actor: 'dana', role: 'operator' });
    expect(other.ok && (other.value as DrillServerView[])[0]).toMatchObject({
      mine: false,
      startedBy: 'fran',
    });
    expect(other.ok && (other.value as DrillServerView[])[0]?.url).toBeUndefined();
    expect(
      await call('drills.stop', { pid: started.pid }, { actor: 'dana', role: 'operator' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    expect(await call('drills.stop', { pid: started.pid })).toMatchObject({ ok: true });
    expect(alive(started.pid)).toBe(false);
    expect(await call('drills.running', {})).toMatchObject({ ok: true, value: [] });
    // Who started it and whom it let in, and who stopped it, are on this room's own record.
    const audit = await call('audit.list', { limit: 10 });
    const records = audit.ok
      ? (audit.value as { records: { kind: string; actor: string; target: string; details: unknown }[] })
          .records
      : [];
    expect(
      records.filter((r) => r.kind.startsWith('drill.room.')).map((r) => [r.kind, r.actor, r.target]),
    ).toEqual(
      expect.arrayContaining([
        ['drill.room.started', 'fran', started.runId],
        ['drill.room.stopped', 'fran', started.runId],
      ]),
    );
    expect(records.find((r) => r.kind === 'drill.room.started')?.details).toMatchObject({
      invitations: [{ name: 'dana', role: 'observer' }],
    });
  }, 30_000);

  it('a drill stopped mid-run is ended and saved first: the team’s run is in the history', async () => {
    const answer = await call('drills.start', { scenario: 'canary-error-rate', team: 'red' });
    if (!answer.ok) throw new Error(answer.error.message);
    const started = answer.value as StartedDrill;
    // Six minutes in: the canary's errors are up and nobody has acted.
    for (let i = 0; i < 36; i++) await joined(started.url, 'drill.control', { command: 'step' });
    expect((await joined<DrillStatus>(started.url, 'drill.status')).value.offset).toBe(360_000);
    expect(await call('drills.stop', { pid: started.pid })).toMatchObject({ ok: true });
    const history = await call('drills.history', { team: 'red' });
    const runs = history.ok ? (history.value as DrillHistory).runs : [];
    expect(runs.map((r) => r.id)).toEqual([started.runId]);
    const report = await call('drills.report', { id: started.runId });
    expect(report.ok && (report.value as DrillReport).markdown).toMatch(/\+06:00 of \+30:00 \(ended early\)/);
  }, 30_000);

  it('refuses bad input naming the field, and leaves no process or drill folder behind', async () => {
    const before = existsSync(join(dir, 'drills')) ? readdirSync(join(dir, 'drills')) : [];
    const unknown = await call('drills.start', { scenario: 'no-such-scenario' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'scenario' } });
    expect(!unknown.ok && unknown.error.message).toMatch(/no scenario "no-such-scenario".*canary-error-rate/);
    expect(await call('drills.start', { scenario: 'canary-error-rate', speed: 61 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'speed' },
    });
    const twice = await call('drills.start', {
      scenario: 'canary-error-rate',
      invite: [
        { name: 'dana', role: 'operator' },
        { name: 'dana', role: 'observer' },
      ],
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'invite.1.name' } });
    expect(
      await call('drills.start', { scenario: 'canary-error-rate' }, { actor: 'watcher', role: 'observer' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('drills.running', {})).toMatchObject({ ok: true, value: [] });
    expect(existsSync(join(dir, 'drills')) ? readdirSync(join(dir, 'drills')) : []).toEqual(before);
  });
});

describe('no drill room outlives the app', () => {
  it('a drill room ends when the app closes its pipe (as a crashed app does)', async () => {
    const child = spawn(
      process.execPath,
      [
        BUILT_CLI,
        'serve',
        '--drill',
        'canary-error-rate',
        '--workspace',
        dir,
        '--json',
        '--until-stdin-closes',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += String(c);
        if (out.includes('\n')) resolve(out);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const { drill } = JSON.parse(line) as { drill: StartedDrill };
    expect(drill.pid).toBe(child.pid);
    expect((await joined<DrillStatus>(drill.url, 'drill.status')).value.facilitator).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  }, 20_000);

  it('closing the control room stops every drill room it started', async () => {
    const answer = await call('drills.start', { scenario: 'canary-error-rate' });
    if (!answer.ok) throw new Error(answer.error.message);
    const { pid } = answer.value as StartedDrill;
    running.close();
    await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false);
  }, 20_000);
});

describe('a drill room that does not start', () => {
  /** A stand-in CLI in a real child process: it does what a failing `serve --drill` does. */
  const servers = (script: string, startTimeoutMs?: number) =>
    new DrillServers({
      workspaceDir: dir,
      changed: () => {},
      cli: { execPath: process.execPath, args: ['-e', script], env: process.env },
      record: () => {},
      ...(startTimeoutMs ? { startTimeoutMs } : {}),
    });
  const request = { scenario: 'canary-error-rate' };

  it('exits early: its own error (a file:line) is the answer, and no child stays', async () => {
    const s = servers(
      "process.stderr.write('control-room: scenarios/x.yaml:3: timeline.0.at must not be negative\\n'); process.exit(2)",
    );
    await expect(s.start(request, FRAN)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('scenarios/x.yaml:3: timeline.0.at must not be negative'),
    });
    expect(s.running(FRAN)).toEqual([]);
  });

  it('prints no join line in time: a clear error, and the child is killed', async () => {
    const s = servers('console.log(process.pid); setInterval(() => {}, 1000)', 500);
    await expect(s.start(request, FRAN)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('did not start within 1 s'),
    });
    expect(s.running(FRAN)).toEqual([]);
  });
});
