// The simulated world outlives the process: what one command did, the next one sees.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createControlRoom } from '../src/main/compose/create-control-room';
import { dispatchApiCall } from '../src/main/core/api/dispatch-api-call';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'saved-world-'));
  dirs.push(dir);
  return dir;
}

async function open(dir: string, seed?: number) {
  return createControlRoom({
    workspaceDir: dir,
    mode: 'cli',
    actor: 'tester',
    ...(seed === undefined ? {} : { seed }),
  });
}

describe('saved simulator world', () => {
  it('keeps a pause across processes, with the revision and the timeline', async () => {
    const dir = workspace();
    const first = await open(dir);
    const paused = await dispatchApiCall(
      first.handlers,
      'rollout.act',
      { id: 'search-prod-us', action: 'pause', idempotencyKey: 'pause-across-restarts' },
      { role: 'operator', actor: 'tester' },
    );
    expect(paused.ok).toBe(true);
    first.flush();
    const before = first.room.rollout('search-prod-us');

    const second = await open(dir);
    const after = second.room.rollout('search-prod-us');
    expect(after.phase).toBe('paused');
    expect(after.revision).toBe(before.revision);
    expect(after.timeline.at(-1)?.message).toMatch(/Paused/);
    // And the idempotency key still applies once.
    const again = await dispatchApiCall(
      second.handlers,
      'rollout.act',
      { id: 'search-prod-us', action: 'pause', idempotencyKey: 'pause-across-restarts' },
      { role: 'operator', actor: 'tester' },
    );
    expect(again).toMatchObject({ ok: true, value: { applied: false } });
  });

  it('starts a fresh world for another seed, and sets a damaged save aside', async () => {
    const dir = workspace();
    const first = await open(dir);
    await first.room.act(
      { id: 'search-prod-us', action: 'pause', idempotencyKey: 'pause-then-reseed' },
      'tester',
    );
    first.flush();
    expect((await open(dir, 7)).room.rollout('search-prod-us').phase).toBe('progressing');

    writeFileSync(join(dir, 'simulator-state.json'), '{"format":1,"rollouts":[{"id":');
    const damaged = await open(dir);
    expect(damaged.worldNotice).toMatch(/damaged .* moved to .*simulator-state\.json\.damaged-\d+/);
    expect(damaged.room.rollout('search-prod-us').phase).toBe('progressing');
    expect(readdirSync(dir).some((f) => f.startsWith('simulator-state.json.damaged-'))).toBe(true);
    expect(existsSync(join(dir, 'simulator-state.json'))).toBe(false);
  });
});
