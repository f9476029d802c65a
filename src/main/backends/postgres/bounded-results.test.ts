// Item 10 of issue 7, against a real PostgreSQL: what a SQL check reads is bounded. A 200 MB value
// fails fast without stalling the event loop or growing memory, a huge row count stops at the row
// cap on the server, and a file read with pg_read_file never reaches the audit log beyond 1 KiB.
import { chownSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePhasePlan, startPostgresRoom, type PostgresRoom } from '../../../../test/support/postgres-room';

let room: PostgresRoom;
let secretFile: string;
const SECRET_TAIL = 'END-OF-THE-SECRET-FILE';

const recordOf = (line: string) => JSON.parse(line) as { kind: string; target: string; details: unknown };
const lastChecksRun = (id: string): string => {
  const line = room
    .auditLines()
    .filter((l) => {
      const r = recordOf(l);
      return r.kind === 'migration.checks-run' && r.target === id;
    })
    .at(-1);
  if (!line) throw new Error(`no migration.checks-run record for ${id}`);
  return line;
};

beforeAll(async () => {
  room = await startPostgresRoom({
    setup: async (admin, server) => {
      await admin.query(`CREATE ROLE checker LOGIN PASSWORD '${server.password}' IN ROLE pg_monitor`);
      await admin.query('GRANT SELECT ON orders TO checker');
      // 64 KiB the server can read, ending with a marker that must never reach the log.
      secretFile = join(server.dir, 'secret.txt');
      writeFileSync(secretFile, `${'confidential line\n'.repeat(3641)}${SECRET_TAIL}\n`);
      const owner = statSync(server.dir);
      chownSync(secretFile, owner.uid, owner.gid);
    },
    profiles: {
      shop: { user: 'checker' },
      superuser: { user: 'postgres', extra: 'allowPrivilegedRole: true' },
    },
    plans: (server) => ({
      // The statement and timeout. Whichever comes first on this machine stops it: the byte
      // cap once the server sends the value, or the statement timeout while it still builds it.
      'huge.yaml': onePhasePlan('huge', 'shop', [
        { id: 'huge', query: "SELECT repeat('x', 200000000)", expect: { equals: 'x' } },
      ]),
      // Time enough for the server to build and send the whole 200 MB: only the byte cap stops it.
      'huge-sent.yaml': onePhasePlan(
        'huge-sent',
        'shop',
        [
          { id: 'huge', query: "SELECT repeat('x', 200000000)", expect: { equals: 'x' } },
          // Runs after the cut connection, on a fresh session.
          { id: 'after', template: { name: 'column-exists', table: 'orders', column: 'id' } },
        ],
        { checkTimeout: '60s' },
      ),
      // 200 MB in 100 KB rows, which the server streams as fast as it can.
      'wide-rows.yaml': onePhasePlan('wide-rows', 'shop', [
        {
          id: 'wide',
          query: "SELECT repeat('x', 100000) FROM generate_series(1, 2000)",
          expect: 'zero-rows',
        },
      ]),
      'many-rows.yaml': onePhasePlan('many-rows', 'shop', [
        { id: 'many', query: 'SELECT g FROM generate_series(1, 200000) g', expect: 'zero-rows' },
      ]),
      'files.yaml': onePhasePlan('files', 'superuser', [
        { id: 'passwd', query: "SELECT pg_read_file('/etc/passwd')", expect: { equals: 'nothing' } },
        {
          id: 'secret',
          query: `SELECT pg_read_file('${join(server.dir, 'secret.txt')}')`,
          expect: { equals: 'nothing' },
        },
        {
          id: 'in-error',
          query: `SELECT pg_read_file('${join(server.dir, 'secret.txt')}')::int`,
          expect: { atMost: 0 },
        },
      ]),
    }),
  });
}, 60_000);

afterAll(async () => {
  await room?.stop();
});

const CAPPED = 'result larger than 1,048,576 bytes: not read';

/** Runs a plan's checks while watching the event loop's longest stall and the process's memory. */
async function measured(id: string) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  delay.enable();
  const started = performance.now();
  try {
    const items = await room.check(id);
    return {
      items,
      ms: performance.now() - started,
      stallMs: delay.max / 1e6,
      grewBytes: peak - baseline,
      auditLine: lastChecksRun(id),
    };
  } finally {
    delay.disable();
    clearInterval(sampler);
  }
}

describe('SQL check results are bounded', () => {
  it("SELECT repeat('x', 200000000) with a 2 s timeout fails within about 2 s, the event loop and memory untouched", async () => {
    const run = await measured('huge');
    expect(run.items.huge?.state).toBe('failed');
    expect([CAPPED, 'canceling statement due to statement timeout (SQLSTATE 57014)']).toContain(
      run.items.huge?.result?.error,
    );
    expect(run.ms).toBeLessThan(2000 + 1500);
    expect(run.stallMs).toBeLessThan(300);
    expect(run.grewBytes).toBeLessThan(150 * 1024 * 1024);
    expect(run.auditLine.length).toBeLessThan(4096);
  });

  it('a 200 MB value the server does send is cut after 1 MiB: bounded memory, no stall, a small audit line, and the next check runs', async () => {
    const run = await measured('huge-sent');
    expect(run.items.huge).toMatchObject({
      state: 'failed',
      result: { value: 'could not run', error: CAPPED },
    });
    expect(run.items.after).toMatchObject({ state: 'passed', result: { value: 'exists, NOT NULL' } });
    expect(run.stallMs).toBeLessThan(300);
    expect(run.grewBytes).toBeLessThan(150 * 1024 * 1024);
    expect(run.auditLine.length).toBeLessThan(4096);
  }, 90_000);

  it('200 MB in many rows is cut after 1 MiB, fast', async () => {
    const run = await measured('wide-rows');
    expect(run.items.wide).toMatchObject({ state: 'failed', result: { error: CAPPED } });
    expect(run.ms).toBeLessThan(2000 + 1500);
    expect(run.stallMs).toBeLessThan(300);
    expect(run.grewBytes).toBeLessThan(150 * 1024 * 1024);
  });

  it('a result with more rows than the cap is read only up to the cap: the server stops there', async () => {
    // 200,000 rows would be some 3 MB: over the byte cap, had the server sent them.
    const items = await room.check('many-rows');
    expect(items.many).toMatchObject({
      state: 'failed',
      result: {
        value: 'more than 1,000 rows',
        summary: { type: 'rows', rows: 1000, moreRows: true, truncated: false },
      },
    });
    expect(items.many?.result?.error).toBeUndefined();
  });

  it('pg_read_file of a file never lands in the audit log beyond the 1 KiB summary', async () => {
    const items = await room.check('files');
    const secret = readFileSync(secretFile, 'utf8');
    const passwd = readFileSync('/etc/passwd', 'utf8');

    const shown = items.secret?.result;
    expect(shown).toMatchObject({
      state: 'failed',
      summary: { type: 'text', truncated: true, bytes: Buffer.byteLength(secret), rows: 1 },
    });
    expect(Buffer.byteLength(shown?.value ?? '')).toBeLessThanOrEqual(1024);
    expect(shown?.value).toMatch(/^confidential line\n/);
    expect(
      shown?.value?.endsWith(
        ` … [truncated: ${Buffer.byteLength(secret).toLocaleString('en-US')} bytes in all]`,
      ),
    ).toBe(true);
    // The value in an error message (invalid input syntax for type integer: "…") is bounded too.
    const error = items['in-error']?.result?.error ?? '';
    expect(error).toContain('invalid input syntax for type integer');
    expect(Buffer.byteLength(error)).toBeLessThanOrEqual(1024);

    const passwdValue = items.passwd?.result?.value ?? '';
    expect(passwdValue.startsWith(passwd.split('\n')[0] ?? '-')).toBe(true);
    expect(Buffer.byteLength(passwdValue)).toBeLessThanOrEqual(1024);

    const line = lastChecksRun('files');
    expect(line).not.toContain(SECRET_TAIL);
    expect(line.length).toBeLessThan(6 * 1024);
    // Each value appears once in the record, cut: never the whole file.
    const stored = JSON.stringify(recordOf(line).details);
    expect(stored.split('confidential line').length - 1).toBeLessThan(200);
    expect(line.includes(JSON.stringify(passwd).slice(1, -1))).toBe(passwd.length <= 900);
  });
});
