// What the control room says about an action is what is true on disk: acknowledged means saved and
// recorded; "nothing was done" only when nothing was; when the log or the world cannot be written the
// world stands still until it can; a crash between the steps is reconciled at the next start.
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorldStore } from '../src/main/backends/simulator/world-store';
import { createControlRoom, type RunningControlRoom } from '../src/main/compose/create-control-room';
import { verifyAuditLog } from '../src/main/core/audit/audit-log';
import type { ScaledClock } from '../src/main/core/clock';

const dirs: string[] = [];
const rooms: RunningControlRoom[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  rooms.splice(0).forEach((r) => r.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function start(dir = mkdtempSync(join(tmpdir(), 'durability-'))): Promise<RunningControlRoom> {
  if (!dirs.includes(dir)) dirs.push(dir);
  const running = await createControlRoom({ workspaceDir: dir, mode: 'cli', actor: 'tester' });
  rooms.push(running);
  return running;
}

/** As kill -9 would leave it: nothing closed, nothing folded, the lock left behind (then freed). */
function crash(running: RunningControlRoom): void {
  rooms.splice(rooms.indexOf(running), 1);
  running.room.writer.log.close();
  fs.rmSync(join(running.workspace.dir, 'workspace.lock'));
}

const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
/** The log takes the request record, then the disk is full: the outcome batch fails. */
function fullAfterTheRequest(r: RunningControlRoom) {
  const log = r.room.writer.log;
  const real = log.appendBatch.bind(log);
  let calls = 0;
  return vi.spyOn(log, 'appendBatch').mockImplementation((entries) => {
    if (++calls === 1) return real(entries);
    throw diskFull();
  });
}
/** A promote whose change is saved, then the disk fills and the process dies before its outcome. */
async function promoteThenDie(r: RunningControlRoom, idempotencyKey: string): Promise<void> {
  fullAfterTheRequest(r);
  await expect(
    r.room.act({ id: 'payments-prod-us', action: 'promote', idempotencyKey }, 'tester'),
  ).rejects.toThrow(/was applied/);
  crash(r);
  vi.restoreAllMocks();
}
const kinds = (r: RunningControlRoom) => r.room.writer.log.records().map((x) => x.kind);
const step = (r: RunningControlRoom, id: string) => r.room.rollout(id).currentStepIndex;

describe('when the world cannot be saved', () => {
  it('answers that nothing was done, and it is true: the rollout has not moved, the controller stops', async () => {
    const r = await start();
    const before = step(r, 'payments-prod-us');
    const persist = vi.spyOn(WorldStore.prototype, 'persist').mockImplementation(() => {
      throw diskFull();
    });
    await expect(
      r.room.act(
        { id: 'payments-prod-us', action: 'promote', idempotencyKey: 'promote-on-full-disk' },
        'tester',
      ),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/was not applied.*Nothing was done/),
    });
    expect(step(r, 'payments-prod-us')).toBe(before);
    expect(r.room.session().storage).toMatchObject({
      state: 'blocked',
      reason: expect.stringMatching(/ENOSPC/),
    });
    expect(kinds(r).slice(-2)).toEqual(['action.requested', 'action.failed']);

    persist.mockRestore();
    await r.room.tick();
    expect(r.room.session().storage).toEqual({ state: 'ok' });
    expect(kinds(r)).toContain('storage.writes-restored');
    // The same key was not applied, so it applies now, once.
    await r.room.act(
      { id: 'payments-prod-us', action: 'promote', idempotencyKey: 'promote-on-full-disk-2' },
      'tester',
    );
    expect(step(r, 'payments-prod-us')).toBe(before + 1);
  });

  it('undoes a controller move it could not save: what the fleet shows is what is on disk', async () => {
    const r = await start();
    const clock = (r.room as unknown as { deps: { clock: ScaledClock } }).deps.clock;
    const persist = vi.spyOn(WorldStore.prototype, 'persist').mockImplementation(() => {
      throw diskFull();
    });
    const revisions = () => r.room.fleet().map((x) => x.revision);
    const before = revisions();
    clock.setSpeed(3600); // an hour a second: timed steps fall due
    await new Promise((resolve) => setTimeout(resolve, 200));
    await r.room.tick();
    expect(revisions()).toEqual(before);
    expect(r.room.session().storage.state).toBe('blocked');
    persist.mockRestore();
    await r.room.tick();
    expect(revisions()).not.toEqual(before);
    expect(r.room.session().storage.state).toBe('ok');
  });
});

describe('when the audit log cannot be written', () => {
  it('refuses a new action before doing anything, saying nothing was done', async () => {
    const r = await start();
    vi.spyOn(r.room.writer.log, 'appendBatch').mockImplementation(() => {
      throw diskFull();
    });
    await expect(
      r.room.act({ id: 'search-prod-us', action: 'pause', idempotencyKey: 'pause-no-log' }, 'tester'),
    ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/nothing was done/) });
    expect(r.room.rollout('search-prod-us').phase).toBe('progressing');
  });

  it('an action applied before the log failed is reported as applied, never applied twice, and recorded later', async () => {
    const r = await start();
    const before = step(r, 'payments-prod-us');
    const request = {
      id: 'payments-prod-us',
      action: 'promote' as const,
      idempotencyKey: 'promote-then-full',
    };
    const spy = fullAfterTheRequest(r);
    await expect(r.room.act(request, 'tester')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(
        /was applied \(Promoted payments-prod-us.*not recorded yet.*already applied/,
      ),
    });
    expect(step(r, 'payments-prod-us')).toBe(before + 1);
    expect(await r.room.act(request, 'tester')).toMatchObject({ applied: false, outcome: 'succeeded' });
    expect(step(r, 'payments-prod-us')).toBe(before + 1);

    // While it cannot write, nothing moves, even when time says it should.
    const fleetBefore = JSON.stringify(r.room.fleet().map((x) => x.revision));
    await r.room.tick();
    expect(JSON.stringify(r.room.fleet().map((x) => x.revision))).toBe(fleetBefore);
    expect(r.room.session().storage).toMatchObject({ state: 'blocked', owed: expect.any(Number) });

    spy.mockRestore();
    await r.room.tick();
    expect(r.room.session().storage).toEqual({ state: 'ok' });
    const tail = kinds(r);
    expect(tail.slice(tail.indexOf('action.requested'))).toEqual(
      expect.arrayContaining([
        'rollout.step-completed',
        'rollout.step-started',
        'action.succeeded',
        'storage.writes-restored',
      ]),
    );
    expect(tail.indexOf('storage.writes-restored')).toBeLessThan(tail.lastIndexOf('action.succeeded'));
    expect(verifyAuditLog(r.workspace.auditPath).ok).toBe(true);
  });
});

describe('a crash between the steps of an action', () => {
  it('records the outcome of an action whose change was saved but not recorded', async () => {
    const first = await start();
    const dir = first.workspace.dir;
    const before = step(first, 'payments-prod-us');
    await promoteThenDie(first, 'saved-not-recorded');

    const second = await start(dir);
    expect(step(second, 'payments-prod-us')).toBe(before + 1);
    const log = second.room.writer.log.records();
    const outcome = log.filter((x) => x.details.idempotencyKey === 'saved-not-recorded');
    expect(outcome.map((x) => x.kind)).toEqual([
      'action.requested',
      'rollout.step-completed',
      'rollout.step-started',
      'action.succeeded',
    ]);
    expect(outcome.at(-1)?.details).toMatchObject({ recovered: true });
    expect(second.notices.join(' ')).toMatch(/left out by the last stop .* written to the audit log/);
    const again = await second.room.act(
      { id: 'payments-prod-us', action: 'promote', idempotencyKey: 'saved-not-recorded' },
      'tester',
    );
    expect(again.applied).toBe(false);
    expect(step(second, 'payments-prod-us')).toBe(before + 1);
    expect(verifyAuditLog(second.workspace.auditPath).ok).toBe(true);
  });

  it('still finds the missing records after the saved world was set aside and a fresh one started', async () => {
    const first = await start();
    const dir = first.workspace.dir;
    await first.room.act(
      { id: 'payments-prod-us', action: 'promote', idempotencyKey: 'before-the-damage' },
      'tester',
    );
    first.close();
    rooms.splice(rooms.indexOf(first), 1);
    fs.writeFileSync(join(dir, 'simulator-state.json'), '{"format":2,');
    const second = await start(dir);
    expect(second.notices.join(' ')).toMatch(/could not be trusted/);
    await promoteThenDie(second, 'fresh-world-crash');

    const third = await start(dir);
    const kindsOf = third.room.writer.log
      .records()
      .filter((x) => x.details.idempotencyKey === 'fresh-world-crash')
      .map((x) => x.kind);
    expect(kindsOf).toEqual([
      'action.requested',
      'rollout.step-completed',
      'rollout.step-started',
      'action.succeeded',
    ]);
  });

  it('marks a request the backend never acted on as interrupted, and the same key then applies once', async () => {
    const first = await start();
    const dir = first.workspace.dir;
    const before = step(first, 'payments-prod-us');
    // The request is recorded, then the process dies before the backend is asked.
    first.room.writer.write([
      {
        actor: 'tester',
        kind: 'action.requested',
        target: 'payments-prod-us',
        reason: '',
        details: { action: 'promote', idempotencyKey: 'never-applied', revision: 1 },
      },
    ]);
    crash(first);

    const second = await start(dir);
    const records = second.room.writer.log
      .records()
      .filter((x) => x.details.idempotencyKey === 'never-applied');
    expect(records.map((x) => x.kind)).toEqual(['action.requested', 'action.interrupted']);
    expect(records[1]?.details).toMatchObject({ applied: false });
    const applied = await second.room.act(
      { id: 'payments-prod-us', action: 'promote', idempotencyKey: 'never-applied' },
      'tester',
    );
    expect(applied.applied).toBe(true);
    expect(step(second, 'payments-prod-us')).toBe(before + 1);
  });
});

describe('a precondition race', () => {
  it('is a refusal (409, action.rejected), not a backend failure', async () => {
    const r = await start();
    const sim = (
      r.room as unknown as { deps: { deployment: { apply: (...a: unknown[]) => Promise<unknown> } } }
    ).deps.deployment;
    const real = sim.apply.bind(sim);
    // Between the core's check and the backend's act, someone else promotes it to completion.
    vi.spyOn(sim, 'apply').mockImplementationOnce(async (id, command) => {
      await real(id, { kind: 'promote-full', actor: 'someone-else' });
      return real(id, command);
    });
    await expect(
      r.room.act({ id: 'payments-prod-us', action: 'pause', idempotencyKey: 'pause-raced' }, 'tester'),
    ).rejects.toMatchObject({
      code: 'precondition-failed',
      message: expect.stringMatching(
        /Cannot pause simulator\/payments-prod-us: cannot pause: the rollout is complete/,
      ),
    });
    expect(kinds(r).at(-1)).toBe('action.rejected');
    expect(r.room.writer.log.records().at(-1)?.details).toMatchObject({ raced: true });
  });
});

describe('a simulated flag changed through the room', () => {
  it('is recorded, and after a restart the flag is still on and its record is still there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'durability-'));
    const first = await start(dir);
    const ctx = { role: 'operator' as const, actor: 'tester' };
    const listed = await first.handlers['flags.list']({ environment: 'prod-us' }, ctx);
    const flag = listed.flags.find((f) => f.key === 'new-pricing-engine');
    expect(flag?.enabled).toBe(false);
    const result = await first.handlers['flags.change'](
      {
        flag: 'new-pricing-engine',
        environment: 'prod-us',
        change: { kind: 'enable' },
        expected: flag!.version,
        reason: 'restart check',
        idempotencyKey: 'flag-restart-1',
      },
      ctx,
    );
    expect(result.outcome).toBe('applied');
    first.close();
    rooms.splice(rooms.indexOf(first), 1);

    const second = await start(dir);
    const again = await second.handlers['flags.show'](
      { flag: 'new-pricing-engine', environment: 'prod-us' },
      ctx,
    );
    expect(again.flag.enabled).toBe(true);
    expect(again.flag.lastRecorded?.by).toBe('tester');
    expect(kinds(second)).toContain('flag.changed');
  });
});
