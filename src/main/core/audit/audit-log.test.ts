import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from '../../../shared/domain';
import { ManualClock } from '../clock';
import { AuditLog, type AuditEntry } from './audit-log';
import { GENESIS_PREV } from './record-hash';
import { verifyAuditFile } from './verify-audit';

const START = Date.UTC(2025, 0, 1, 12);
let dir: string;
let file: string;
let clock: ManualClock;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-log-'));
  file = path.join(dir, 'audit.jsonl');
  clock = new ManualClock(START);
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function entry(i: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: 'alice',
    kind: 'rollout.promote',
    target: `checkout-api/r${i}`,
    reason: `step ${i} looked good`,
    details: { idempotencyKey: `key-${i}`, step: i },
    ...extra,
  };
}

function appendMany(log: AuditLog, from: number, count: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let i = from; i < from + count; i++) {
    clock.advance(1000);
    out.push(log.append(entry(i)));
  }
  return out;
}

const fileLines = (): string[] => fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);

describe('AuditLog append and reopen', () => {
  it('creates parent folders and a missing file', () => {
    file = path.join(dir, 'a', 'b', 'audit.jsonl');
    const log = AuditLog.open(file, clock);
    expect(fs.existsSync(file)).toBe(true);
    expect(log.records()).toEqual([]);
    expect(log.lastSeq).toBe(0);
    expect(log.lastHash).toBe(GENESIS_PREV);
  });

  it('writes records of exactly the AuditRecord shape, chained from genesis', () => {
    const log = AuditLog.open(file, clock);
    const [first, second] = appendMany(log, 1, 2) as [AuditRecord, AuditRecord];
    expect(Object.keys(first).sort()).toEqual(
      ['actor', 'details', 'hash', 'kind', 'prev', 'reason', 'seq', 'target', 'time'].sort(),
    );
    expect(first).toMatchObject({ seq: 1, time: '2025-01-01T12:00:01.000Z', prev: GENESIS_PREV });
    expect(second).toMatchObject({ seq: 2, time: '2025-01-01T12:00:02.000Z', prev: first.hash });
    expect(fileLines().map((l) => JSON.parse(l) as unknown)).toEqual([first, second]);
  });

  it('continues the chain after reopening', () => {
    const before = appendMany(AuditLog.open(file, clock), 1, 3);
    const log = AuditLog.open(file, clock);
    expect(log.records()).toEqual(before);
    const next = log.append(entry(4));
    expect(next.seq).toBe(4);
    expect(next.prev).toBe(before[2]?.hash);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 4 });
    expect(log.verify()).toMatchObject({ ok: true, records: 4, head: { seq: 4, hash: next.hash } });
  });

  it('fsyncs each record before append returns: the file holds every returned record', () => {
    const log = AuditLog.open(file, clock);
    const write = vi.spyOn(fs, 'writeSync');
    const fsync = vi.spyOn(fs, 'fsyncSync');
    for (let i = 1; i <= 5; i++) {
      const r = log.append(entry(i));
      expect(fileLines()).toHaveLength(r.seq);
      expect(JSON.parse(fileLines()[i - 1] as string)).toEqual(r);
    }
    // The log's own writes (appends carry no position; the head's do) are each followed by an
    // fsync of the same descriptor before the next one.
    const logWrites = write.mock.calls.flatMap((args, i) =>
      args.length === 4 ? [{ fd: args[0], order: write.mock.invocationCallOrder[i] as number }] : [],
    );
    expect(logWrites).toHaveLength(5);
    logWrites.forEach(({ fd, order }, i) => {
      const next = logWrites[i + 1]?.order ?? Number.POSITIVE_INFINITY;
      const synced = fsync.mock.calls.some(
        (args, j) =>
          args[0] === fd &&
          (fsync.mock.invocationCallOrder[j] as number) > order &&
          (fsync.mock.invocationCallOrder[j] as number) < next,
      );
      expect(synced).toBe(true);
    });
  });

  it('hash of a record on disk can be recomputed by hand with canonicalize and sha256', () => {
    const log = AuditLog.open(file, clock);
    appendMany(log, 1, 3);
    const parsed = JSON.parse(fileLines()[1] as string) as Record<string, unknown>;
    const { hash, ...rest } = parsed;
    expect(
      createHash('sha256')
        .update(canonicalize(rest) as string)
        .digest('hex'),
    ).toBe(hash);
    expect(rest.prev).toBe(log.records()[0]?.hash);
  });

  it('normalises details to what a reader parses back and rejects values JSON cannot hold', () => {
    const log = AuditLog.open(file, clock);
    const r = log.append(entry(1, { details: { when: new Date(START), gone: undefined, n: 1 } }));
    expect(r.details).toEqual({ when: '2025-01-01T12:00:00.000Z', n: 1 });
    expect(AuditLog.open(file, clock).records()[0]).toEqual(r);
    expect(() => log.append(entry(2, { details: { bad: Number.NaN } }))).toThrow(/NaN/);
    expect(() => log.append({ ...entry(3), actor: 42 as unknown as string })).toThrow(/actor/);
    expect(fileLines()).toHaveLength(1);
    expect(log.lastSeq).toBe(1);
  });

  it('returns immutable records', () => {
    const log = AuditLog.open(file, clock);
    const r = log.append(entry(1));
    expect(() => {
      (r as { reason: string }).reason = 'rewritten';
    }).toThrow(TypeError);
    expect(() => {
      (r.details as { step: number }).step = 9;
    }).toThrow(TypeError);
  });

  it('any appended entries survive a reopen unchanged and verify', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    const arbEntry = fc.record({
      actor: text,
      kind: text,
      target: text,
      reason: text,
      details: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    });
    let run = 0;
    fc.assert(
      fc.property(fc.array(arbEntry, { minLength: 1, maxLength: 6 }), (entries) => {
        const f = path.join(dir, `prop-${run++}.jsonl`);
        const log = AuditLog.open(f, clock);
        const written = entries.map((e) => log.append(e));
        expect(AuditLog.open(f, clock).records()).toEqual(written);
        expect(verifyAuditFile(f)).toEqual({ ok: true, records: entries.length });
      }),
      { numRuns: 40 },
    );
  });
});

describe('AuditLog failed writes', () => {
  it('a write that fails mid-line leaves no record in memory and the file as it was', () => {
    const log = AuditLog.open(file, clock);
    appendMany(log, 1, 2);
    const sizeBefore = fs.statSync(file).size;
    const realWrite = fs.writeSync.bind(fs);
    // Half the line reaches the disk, then the device is full.
    const halfThenFail = (
      fd: number,
      data: string | NodeJS.ArrayBufferView,
      off?: number | null,
      len?: unknown,
    ) => {
      if (typeof data === 'string' || typeof len !== 'number') throw new Error('unexpected writeSync form');
      realWrite(fd, data, off ?? 0, Math.floor(len / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    vi.spyOn(fs, 'writeSync').mockImplementationOnce(halfThenFail);

    expect(() => log.append(entry(3))).toThrow(/Cannot write to the audit log at .*audit\.jsonl: ENOSPC/);
    expect(log.lastSeq).toBe(2);
    expect(log.records()).toHaveLength(2);
    expect(fs.statSync(file).size).toBe(sizeBefore);

    const r = log.append(entry(3));
    expect(r.seq).toBe(3);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 3 });
  });

  it('a failed fsync is not acknowledged: record dropped and the line cut', () => {
    const log = AuditLog.open(file, clock);
    appendMany(log, 1, 1);
    const sizeBefore = fs.statSync(file).size;
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw new Error('EIO: i/o error, fsync');
    });
    expect(() => log.append(entry(2))).toThrow(/EIO/);
    expect(log.records()).toHaveLength(1);
    expect(fs.statSync(file).size).toBe(sizeBefore);
  });

  it('when even the rollback fails, the next append cuts the stray bytes before writing', () => {
    const log = AuditLog.open(file, clock);
    appendMany(log, 1, 1);
    const sizeBefore = fs.statSync(file).size;
    vi.spyOn(fs, 'fsyncSync').mockImplementationOnce(() => {
      throw new Error('EIO: i/o error, fsync');
    });
    vi.spyOn(fs, 'ftruncateSync').mockImplementationOnce(() => {
      throw new Error('EIO: i/o error, ftruncate');
    });
    expect(() => log.append(entry(2))).toThrow(/EIO/);
    expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore);
    expect(log.append(entry(2)).seq).toBe(2);
    expect(fileLines()).toHaveLength(2);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 2 });
  });

  it('refuses to append after another writer changed the file, instead of forking the chain', () => {
    const a = AuditLog.open(file, clock);
    const b = AuditLog.open(file, clock);
    a.append(entry(1));
    expect(() => b.append(entry(2))).toThrow(/changed on disk/);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 1 });
  });
});

describe('AuditLog torn tail recovery', () => {
  it('keeps whole records, saves the torn bytes aside and continues the chain', () => {
    const written = appendMany(AuditLog.open(file, clock), 1, 3);
    const wholeSize = fs.statSync(file).size;
    const torn = JSON.stringify({ ...written[2], seq: 4 }).slice(0, 57);
    fs.appendFileSync(file, torn);
    expect(verifyAuditFile(file)).toMatchObject({ ok: false, records: 3, firstBrokenLine: 4 });

    const log = AuditLog.open(file, clock);
    expect(log.records()).toEqual(written);
    expect(log.tornTail?.bytes).toBe(Buffer.byteLength(torn));
    const savedTo = log.tornTail?.savedTo as string;
    expect(path.basename(savedTo)).toMatch(/^audit\.jsonl\.torn-2025-01-01T12-00-03-000Z$/);
    expect(fs.readFileSync(savedTo, 'utf8')).toBe(torn);
    expect(fs.statSync(file).size).toBe(wholeSize);

    const next = log.append(entry(4));
    expect(next.seq).toBe(4);
    expect(next.prev).toBe(written[2]?.hash);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 4 });
  });

  it('keeps a whole last record that lost only its final newline, and gives the newline back', () => {
    const written = appendMany(AuditLog.open(file, clock), 1, 2);
    const lines = fileLines();
    fs.writeFileSync(file, `${lines[0]}\n${lines[1]}`);
    const log = AuditLog.open(file, clock);
    expect(log.records()).toEqual(written);
    expect(log.tornTail).toBeUndefined();
    expect(log.integrity).toEqual({ ok: true });
    expect(log.notes.join(' ')).toMatch(/lost its final newline/);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${lines[0]}\n${lines[1]}\n`);
    expect(log.append(entry(3)).seq).toBe(3);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 3 });
  });

  it('a cut into an acknowledged record is not a torn write: the head names it and the log is read-only', () => {
    appendMany(AuditLog.open(file, clock), 1, 2);
    const lines = fileLines();
    fs.writeFileSync(file, `${lines[0]}\n${(lines[1] as string).slice(0, -2)}`);
    const log = AuditLog.open(file, clock);
    expect(log.integrity).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(() => log.append(entry(3))).toThrow(/read-only: its chain is broken at seq 2/);
  });

  it('treats a last line that ends in a newline but is not JSON as torn', () => {
    appendMany(AuditLog.open(file, clock), 1, 2);
    fs.appendFileSync(file, '{"seq":3,"ti\n');
    const log = AuditLog.open(file, clock);
    expect(log.records()).toHaveLength(2);
    expect(log.tornTail?.bytes).toBe(13);
    expect(fs.readFileSync(log.tornTail?.savedTo as string, 'utf8')).toBe('{"seq":3,"ti\n');
    expect(log.append(entry(3)).seq).toBe(3);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 3 });
  });

  it('recovers a log whose only line is torn, and never overwrites an earlier side file', () => {
    fs.writeFileSync(file, '{"seq":1');
    const first = AuditLog.open(file, clock);
    expect(first.records()).toEqual([]);
    expect(first.tornTail?.bytes).toBe(8);
    fs.writeFileSync(file, '{"seq":1,"x"'); // same clock time: same stamp
    const second = AuditLog.open(file, clock);
    expect(second.tornTail?.savedTo).not.toBe(first.tornTail?.savedTo);
    expect(fs.readFileSync(first.tornTail?.savedTo as string, 'utf8')).toBe('{"seq":1');
    expect(fs.readFileSync(second.tornTail?.savedTo as string, 'utf8')).toBe('{"seq":1,"x"');
    expect(second.append(entry(1))).toMatchObject({ seq: 1, prev: GENESIS_PREV });
  });

  it('reports no torn tail for a clean log', () => {
    appendMany(AuditLog.open(file, clock), 1, 2);
    const log = AuditLog.open(file, clock);
    expect(log.tornTail).toBeUndefined();
    expect(fs.readdirSync(dir).sort()).toEqual(['audit.jsonl', 'audit.jsonl.head']);
  });
});

describe('AuditLog damaged or unusable files', () => {
  it('opens a log with a corrupted middle, loading what it can; verify names the break', () => {
    appendMany(AuditLog.open(file, clock), 1, 5);
    const lines = fileLines();
    lines[2] = 'not json at all';
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const log = AuditLog.open(file, clock);
    expect(log.records().map((r) => r.seq)).toEqual([1, 2, 4, 5]);
    expect(log.skippedLines).toEqual([3]);
    expect(log.tornTail).toBeUndefined();
    expect(log.verify()).toMatchObject({ ok: false, records: 2, firstBrokenSeq: 3, firstBrokenLine: 3 });
  });

  it('throws a clear error naming the path and OS reason when the parent is a regular file', () => {
    const blocker = path.join(dir, 'workspace');
    fs.writeFileSync(blocker, 'not a folder');
    const target = path.join(blocker, 'audit.jsonl');
    expect(() => AuditLog.open(target, clock)).toThrow(
      new RegExp(
        `audit log at ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (ENOTDIR|EEXIST).*not a folder`,
      ),
    );
  });

  it('throws a clear error when the log path is a folder', () => {
    fs.mkdirSync(file);
    expect(() => AuditLog.open(file, clock)).toThrow(/audit log at .*audit\.jsonl: EISDIR/);
  });
});

describe('AuditLog queries', () => {
  function seeded(): AuditLog {
    const log = AuditLog.open(file, clock);
    log.append({
      actor: 'Alice',
      kind: 'rollout.pause',
      target: 'checkout',
      reason: 'Error spike',
      details: {},
    });
    log.append({
      actor: 'deploy-bot',
      kind: 'rollout.promote',
      target: 'search',
      reason: 'analysis passed',
      details: { idempotencyKey: 'abc', region: 'EU-West' },
    });
    log.append({
      actor: 'alice',
      kind: 'rollout.abort',
      target: 'checkout',
      reason: 'rollback',
      details: {},
    });
    log.append({
      actor: 'bob',
      kind: 'rollout.promote',
      target: 'search',
      reason: 'retry',
      details: { idempotencyKey: 'abc' },
    });
    return log;
  }

  it('filters case-insensitively by substring, newest first, with the total before the limit', () => {
    const log = seeded();
    expect(log.list({ actor: 'ALI', limit: 10 }).records.map((r) => r.seq)).toEqual([3, 1]);
    expect(log.list({ kind: 'promote', limit: 1 })).toMatchObject({ total: 2, records: [{ seq: 4 }] });
    expect(log.list({ target: 'check', kind: 'pause', limit: 10 }).records.map((r) => r.seq)).toEqual([1]);
    expect(log.list({ limit: 2 })).toMatchObject({ total: 4, records: [{ seq: 4 }, { seq: 3 }] });
    expect(log.list({ limit: 0 })).toEqual({ total: 4, records: [] });
  });

  it('text matches reason, target, kind, actor and details JSON, not across fields', () => {
    const log = seeded();
    const seqs = (text: string) => log.list({ text, limit: 10 }).records.map((r) => r.seq);
    expect(seqs('error SPIKE')).toEqual([1]);
    expect(seqs('eu-west')).toEqual([2]);
    expect(seqs('BOB')).toEqual([4]);
    expect(seqs('abort')).toEqual([3]);
    expect(seqs('"idempotencyKey":"abc"')).toEqual([4, 2]);
    expect(seqs('spikecheckout')).toEqual([]);
  });

  it('finds records by idempotency key, including after reopening', () => {
    seeded();
    const log = AuditLog.open(file, clock);
    expect(log.findByIdempotencyKey('abc').map((r) => r.seq)).toEqual([2, 4]);
    expect(log.findByIdempotencyKey('nope')).toEqual([]);
    const r = log.append(entry(9, { details: { idempotencyKey: 'new' } }));
    expect(log.findByIdempotencyKey('new')).toEqual([r]);
  });
});
