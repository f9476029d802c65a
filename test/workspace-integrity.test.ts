// One control room per workspace, and a workspace whose audit log was cut short is detected: the
// built CLI and server, as a person would run them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from './support/ensure-build';
import { apiCall as call, BUILT_CLI as CLI, serve, stopServed as stop } from './support/served-control-room';
import { tempDirs } from './support/temp-dirs';

const root = join(import.meta.dirname, '..');
const workspace = tempDirs('integrity-');

beforeAll(() => ensureBuild(root));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('one control room per workspace', () => {
  it('a second serve on the same workspace refuses to start and names the process that holds it', async () => {
    const dir = workspace();
    const first = await serve(dir);
    try {
      const second = await serve(dir).then(
        () => 'started',
        (error: { code?: number; err?: string }) => error,
      );
      expect(second).toMatchObject({ code: 1 });
      expect((second as { err: string }).err).toMatch(
        new RegExp(`in use by process ${first.child.pid} \\(control-room serve, started `),
      );
      // The first still answers actions: the second took over nothing.
      const paused = await call(first, 'rollout.act', {
        id: 'search-prod-us',
        action: 'pause',
        idempotencyKey: 'lock-test-1',
      });
      expect(paused.status).toBe(200);
    } finally {
      await stop(first);
    }
  });

  it('takes over the lock of a control room that was killed', async () => {
    const dir = workspace();
    const first = await serve(dir);
    await stop(first, 'SIGKILL');
    expect(existsSync(join(dir, 'workspace.lock'))).toBe(true);
    const second = await serve(dir);
    try {
      expect((await call(second, 'session.get', {})).body.value.storage).toEqual({ state: 'ok' });
    } finally {
      await stop(second);
    }
    expect(existsSync(join(dir, 'workspace.lock'))).toBe(false);
  });
});

describe('records cut off the end of the audit log', () => {
  it('audit verify reports the head mismatch, serve starts read-only with the reason, seal starts a new segment', async () => {
    const dir = workspace();
    const first = await serve(dir);
    for (let i = 1; i <= 3; i++)
      expect(
        (
          await call(first, 'rollout.act', {
            id: 'search-prod-us',
            action: i % 2 ? 'pause' : 'resume',
            idempotencyKey: `cut-key-${i}`,
          })
        ).status,
      ).toBe(200);
    await stop(first);
    expect(cli('audit', 'verify', '--workspace', dir)).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /^OK: \d+ records, chain intact; head checkpoint at seq \d+, signature valid/,
      ),
    });
    const head = cli('audit', 'head', '--workspace', dir, '--json');
    const headSeq = (JSON.parse(head.out) as { seq: number }).seq;

    // Remove the last 3 records, as someone hiding what was done would.
    const log = join(dir, 'audit.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n').slice(0, -1);
    writeFileSync(log, `${lines.slice(0, -3).join('\n')}\n`);

    const verify = cli('audit', 'verify', '--workspace', dir);
    expect(verify.code).toBe(1);
    expect(verify.out).toContain(
      `BROKEN at record seq ${headSeq - 2}: head mismatch: the log ends at seq ${headSeq - 3} but its head checkpoint records seq ${headSeq}: the last 3 records were cut off`,
    );

    const readOnly = await serve(dir);
    try {
      expect(readOnly.err()).toMatch(
        /WARNING: read-only: the audit log's chain is broken at seq \d+: head mismatch/,
      );
      const session = (await call(readOnly, 'session.get', {})).body.value;
      expect(session.storage).toMatchObject({ state: 'read-only', firstBrokenSeq: headSeq - 2 });
      const refused = await call(readOnly, 'rollout.act', {
        id: 'search-prod-us',
        action: 'pause',
        idempotencyKey: 'after-cut',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(
        /read-only: its audit log's chain is broken at seq \d+.*Nothing was done/,
      );
      // The log is left exactly as found.
      expect(readFileSync(log, 'utf8').split('\n').length).toBe(lines.length - 2);
      expect(cli('audit', 'seal', '--workspace', dir, '--reason', 'x')).toMatchObject({
        code: 1,
        err: expect.stringMatching(/in use by process/),
      });
    } finally {
      await stop(readOnly);
    }

    const sealed = cli(
      'audit',
      'seal',
      '--workspace',
      dir,
      '--reason',
      'INC-42: records removed by hand, see ticket',
    );
    expect(sealed.code).toBe(0);
    expect(sealed.out).toMatch(
      /The broken log is kept as .*audit\.jsonl\.sealed-.* \(broken at seq \d+: head mismatch/,
    );
    expect(readdirSync(dir).some((f) => /^audit\.jsonl\.sealed-/.test(f))).toBe(true);
    expect(cli('audit', 'verify', '--workspace', dir).code).toBe(0);

    const after = await serve(dir);
    try {
      expect((await call(after, 'session.get', {})).body.value.storage).toEqual({ state: 'ok' });
      const first = (await call(after, 'audit.list', { limit: 100_000 })).body.value.records.at(-1);
      expect(first).toMatchObject({
        seq: 1,
        kind: 'audit.sealed',
        reason: 'INC-42: records removed by hand, see ticket',
      });
      // The sealed segment's good records stay the history: a key applied there is still applied.
      expect(
        (
          await call(after, 'rollout.act', {
            id: 'search-prod-us',
            action: 'pause',
            idempotencyKey: 'cut-key-1',
          })
        ).body.value,
      ).toMatchObject({ applied: false });
    } finally {
      await stop(after);
    }
  });
});
