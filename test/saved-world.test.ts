// The simulated world outlives the process: what one command did, the next one sees; what a save
// claims is checked for meaning before it is believed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createControlRoom, type RunningControlRoom } from '../src/main/compose/create-control-room';
import { dispatchApiCall } from '../src/main/core/api/dispatch-api-call';

const dirs: string[] = [];
const open: RunningControlRoom[] = [];
afterEach(() => {
  open.splice(0).forEach((r) => r.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'saved-world-'));
  dirs.push(dir);
  return dir;
}

async function start(dir: string, seed?: number): Promise<RunningControlRoom> {
  const running = await createControlRoom({
    workspaceDir: dir,
    mode: 'cli',
    actor: 'tester',
    ...(seed === undefined ? {} : { seed }),
  });
  open.push(running);
  return running;
}

function stop(running: RunningControlRoom): void {
  running.close();
  open.splice(open.indexOf(running), 1);
}

const pause = (running: RunningControlRoom, idempotencyKey: string) =>
  dispatchApiCall(
    running.handlers,
    'rollout.act',
    { id: 'search-prod-us', action: 'pause', idempotencyKey },
    { role: 'operator', actor: 'tester' },
  );

/** Edits the saved snapshot as a damaged or hand-edited file would be. */
function editSnapshot(
  dir: string,
  edit: (world: { savedAt: number; rollouts: Record<string, unknown>[] }) => void,
) {
  const path = join(dir, 'simulator-state.json');
  const world = JSON.parse(readFileSync(path, 'utf8')) as {
    savedAt: number;
    rollouts: Record<string, unknown>[];
  };
  edit(world);
  writeFileSync(path, JSON.stringify(world));
}

describe('saved simulator world', () => {
  it('keeps a pause across processes, with the revision and the timeline', async () => {
    const dir = workspace();
    const first = await start(dir);
    expect((await pause(first, 'pause-across-restarts')).ok).toBe(true);
    const before = first.room.rollout('search-prod-us');
    stop(first);

    const second = await start(dir);
    const after = second.room.rollout('search-prod-us');
    expect(after.phase).toBe('paused');
    expect(after.revision).toBe(before.revision);
    expect(after.timeline.at(-1)?.message).toMatch(/Paused/);
    // And the idempotency key still applies once.
    expect(await pause(second, 'pause-across-restarts')).toMatchObject({
      ok: true,
      value: { applied: false },
    });
  });

  it('has the change on disk before the answer: a process that never closes loses nothing', async () => {
    const dir = workspace();
    const first = await start(dir);
    expect(await pause(first, 'pause-no-close')).toMatchObject({ ok: true, value: { applied: true } });
    // No close(), no flush: as after kill -9. The lock's holder is this process, so free it by hand.
    rmSync(join(dir, 'workspace.lock'));
    const journal = readFileSync(join(dir, 'simulator-journal.jsonl'), 'utf8');
    expect(journal).toMatch(/"idempotencyKey":"pause-no-close"/);
    const second = await start(dir);
    expect(second.room.rollout('search-prod-us').phase).toBe('paused');
    open.splice(open.indexOf(first), 1);
  });

  it('starts a fresh world for another seed, and sets a damaged save aside', async () => {
    const dir = workspace();
    const first = await start(dir);
    await first.room.act(
      { id: 'search-prod-us', action: 'pause', idempotencyKey: 'pause-then-reseed' },
      'tester',
    );
    stop(first);
    const reseeded = await start(dir, 7);
    expect(reseeded.room.rollout('search-prod-us').phase).toBe('progressing');
    stop(reseeded);

    writeFileSync(join(dir, 'simulator-state.json'), '{"format":2,"rollouts":[{"id":');
    const damaged = await start(dir);
    expect(damaged.notices.join('\n')).toMatch(
      /could not be trusted \(simulator-state\.json: not a whole JSON object\); it was set aside as .*simulator-state\.json\.damaged-\d+/,
    );
    expect(damaged.room.rollout('search-prod-us').phase).toBe('progressing');
    expect(readdirSync(dir).some((f) => f.startsWith('simulator-state.json.damaged-'))).toBe(true);
  });

  // Saves that parse but mean nonsense (item 6 of the "never lies" review).
  const nonsense: [string, (w: { savedAt: number; rollouts: Record<string, unknown>[] }) => void, RegExp][] =
    [
      ['a savedAt of 1e300', (w) => (w.savedAt = 1e300), /savedAt: 1e\+300 is not a time/],
      [
        'a savedAt in 2100',
        (w) => (w.savedAt = Date.parse('2100-01-01T00:00:00Z')),
        /savedAt: 2100-01-01T00:00:00\.000Z is more than a year ahead/,
      ],
      [
        'a step index of 999',
        (w) => ((w.rollouts[0] as Record<string, unknown>).currentStepIndex = 999),
        /rollouts\[0\] \(.*\)\.currentStepIndex: 999 is past the last step/,
      ],
      [
        'rollouts: []',
        (w) => (w.rollouts = []),
        /rollouts: .* is missing \(the fleet file has 27 rollouts, the save 0\)/,
      ],
      [
        'a weight of 250',
        (w) => ((w.rollouts[2] as Record<string, unknown>).weight = 250),
        /rollouts\[2\]\.weight: /,
      ],
      [
        'a rollout the fleet does not have',
        (w) => ((w.rollouts[1] as Record<string, unknown>).id = 'ghost-prod-us'),
        /rollouts\[1\]\.id: ghost-prod-us is not a rollout of the fleet file/,
      ],
    ];
  for (const [what, edit, problem] of nonsense)
    it(`sets aside a save with ${what}, naming the file and field`, async () => {
      const dir = workspace();
      stop(await start(dir));
      editSnapshot(dir, edit);
      const running = await start(dir);
      expect(running.notices.join('\n')).toMatch(problem);
      expect(running.notices.join('\n')).toMatch(/simulator-state\.json/);
      // The fresh world is the fleet file's, on the wall clock: no 2100, no empty fleet.
      expect(running.room.fleet()).toHaveLength(27);
      expect(Math.abs(Date.parse(running.room.session().clock.now) - Date.now())).toBeLessThan(60_000);
      expect(running.room.rollout('checkout-staging').phase).toBe('completed');
    });

  it('removes temporary files a crashed save left behind', async () => {
    const dir = workspace();
    stop(await start(dir));
    writeFileSync(join(dir, 'simulator-state.json.tmp-99999'), '{"half":');
    writeFileSync(join(dir, '.simulator-state.json.tmp-99999-abcd1234'), '{"half":');
    stop(await start(dir));
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes every workspace file it creates as 0600, in a 0700 folder', async () => {
    const dir = join(workspace(), 'ws');
    const running = await start(dir);
    await pause(running, 'pause-for-modes');
    stop(running);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files).toEqual(
      expect.arrayContaining([
        'audit.jsonl',
        'audit.jsonl.head',
        'audit.jsonl.key',
        'simulator-state.json',
        'simulator-journal.jsonl',
      ]),
    );
    for (const f of files)
      expect({ f, mode: statSync(join(dir, f)).mode & 0o777 }).toEqual({ f, mode: 0o600 });
    expect(existsSync(join(dir, 'workspace.lock'))).toBe(false);
  });
});
