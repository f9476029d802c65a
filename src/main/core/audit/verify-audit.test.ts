import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/domain';
import { ManualClock } from '../clock';
import { AuditLog } from './audit-log';
import { hashRecord } from './record-hash';
import { verifyAuditFile, verifyRecords } from './verify-audit';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-verify-'));
  file = path.join(dir, 'audit.jsonl');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes a valid log of `count` records and returns its lines (without newlines). */
function writeLog(count: number): string[] {
  const clock = new ManualClock(Date.UTC(2025, 5, 1));
  const log = AuditLog.open(file, clock);
  for (let i = 1; i <= count; i++) {
    clock.advance(1000);
    log.append({
      actor: i % 2 ? 'alice' : 'bob',
      kind: 'rollout.promote',
      target: `payments/r${i}`,
      reason: `promoted step ${i} after a clean analysis`,
      details: { idempotencyKey: `k${i}`, weight: i * 10 },
    });
  }
  return fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
}

const writeLines = (lines: string[]): void => fs.writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
const parse = (line: string | undefined): AuditRecord => JSON.parse(line as string) as AuditRecord;
const rehash = (r: AuditRecord): string => JSON.stringify({ ...r, hash: hashRecord(r) });

describe('verifyAuditFile', () => {
  it('accepts a valid log and an empty one', () => {
    writeLog(12);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 12 });
    fs.writeFileSync(file, '');
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 0 });
  });

  it('a one-character edit of a reason in the middle names exactly that record', () => {
    writeLog(10);
    const bytes = fs.readFileSync(file);
    const lineStart = bytes.indexOf('"seq":6,') - 1;
    const at = bytes.indexOf('promoted', lineStart);
    bytes[at] = 'P'.charCodeAt(0);
    fs.writeFileSync(file, bytes);
    expect(verifyAuditFile(file)).toEqual({
      ok: false,
      records: 5,
      firstBrokenSeq: 6,
      firstBrokenLine: 6,
      problem: 'hash does not match its contents (record was edited)',
    });
  });

  it('catches a deleted line', () => {
    const lines = writeLog(6);
    lines.splice(3, 1);
    writeLines(lines);
    expect(verifyAuditFile(file)).toMatchObject({
      ok: false,
      records: 3,
      firstBrokenSeq: 5,
      firstBrokenLine: 4,
    });
    expect(verifyAuditFile(file).problem).toMatch(/seq 5 follows seq 3: 1 record is missing/);
  });

  it('catches a deleted first line', () => {
    const lines = writeLog(3);
    writeLines(lines.slice(1));
    expect(verifyAuditFile(file)).toMatchObject({
      ok: false,
      records: 0,
      firstBrokenSeq: 2,
      firstBrokenLine: 1,
    });
  });

  it('catches reordered lines', () => {
    const lines = writeLog(6);
    [lines[2], lines[3]] = [lines[3] as string, lines[2] as string];
    writeLines(lines);
    expect(verifyAuditFile(file)).toMatchObject({
      ok: false,
      records: 2,
      firstBrokenSeq: 4,
      firstBrokenLine: 3,
    });
  });

  it('catches an edited prev, even when the hash was recomputed to match', () => {
    const lines = writeLog(5);
    const r = parse(lines[3]);
    const forged = { ...r, prev: 'a'.repeat(64) };
    lines[3] = JSON.stringify(forged);
    writeLines(lines);
    expect(verifyAuditFile(file)).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
      problem: /hash does not match/,
    });

    lines[3] = rehash(forged);
    writeLines(lines);
    expect(verifyAuditFile(file)).toMatchObject({
      ok: false,
      records: 3,
      firstBrokenSeq: 4,
      firstBrokenLine: 4,
      problem: 'prev does not match the hash of record 3 (a record was removed, replaced or reordered)',
    });
  });

  it('catches a renumbered seq whose hash was recomputed', () => {
    const lines = writeLog(4);
    lines[2] = rehash({ ...parse(lines[2]), seq: 7 });
    writeLines(lines);
    expect(verifyAuditFile(file)).toMatchObject({
      ok: false,
      records: 2,
      firstBrokenSeq: 7,
      firstBrokenLine: 3,
    });
  });

  it('reports lines that are not records', () => {
    const lines = writeLog(4);
    const cases: [string, RegExp][] = [
      ['', /line is empty/],
      ['{"seq":3', /not valid JSON/],
      ['[1,2]', /not a JSON object/],
      [JSON.stringify({ ...parse(lines[2]), reason: 5 }), /'reason' is missing or not a string/],
      [JSON.stringify({ ...parse(lines[2]), details: [] }), /'details' is missing or not an object/],
      [JSON.stringify({ ...parse(lines[2]), time: 'yesterday' }), /'time' is not an ISO 8601 UTC/],
      [rehash({ ...parse(lines[2]), extra: 1 } as AuditRecord), /unexpected field 'extra'/],
      [JSON.stringify({ ...parse(lines[2]), hash: 'ABC' }), /'hash' is not 64 lowercase hex/],
    ];
    for (const [line, problem] of cases) {
      writeLines([...lines.slice(0, 2), line, ...lines.slice(3)]);
      expect(verifyAuditFile(file)).toMatchObject({
        ok: false,
        records: 2,
        firstBrokenSeq: 3,
        firstBrokenLine: 3,
      });
      expect(verifyAuditFile(file).problem).toMatch(problem);
    }
  });

  it('reports an incomplete last line (a torn write) as broken', () => {
    const lines = writeLog(3);
    fs.writeFileSync(file, `${lines[0]}\n${lines[1]}\n${(lines[2] as string).slice(0, -5)}`);
    expect(verifyAuditFile(file)).toMatchObject({
      ok: false,
      records: 2,
      firstBrokenSeq: 3,
      firstBrokenLine: 3,
    });
    expect(verifyAuditFile(file).problem).toMatch(/incomplete/);
  });

  it('accepts a whole last record that lost only its final newline', () => {
    const lines = writeLog(3);
    fs.writeFileSync(file, `${lines[0]}\n${lines[1]}\n${lines[2]}`);
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 3 });
  });

  it('reads across chunk boundaries and multi-byte characters', () => {
    const clock = new ManualClock(0);
    const log = AuditLog.open(file, clock);
    // Records far larger than the read chunk, full of 2-, 3- and 4-byte UTF-8 sequences.
    for (let i = 0; i < 3; i++) {
      log.append({ actor: 'ü', kind: 'k', target: 't', reason: 'é€😀'.repeat(700_000 + i), details: {} });
    }
    expect(verifyAuditFile(file)).toEqual({ ok: true, records: 3 });
  });

  it('throws, naming the path, when the file cannot be read', () => {
    expect(() => verifyAuditFile(path.join(dir, 'missing.jsonl'))).toThrow(/missing\.jsonl: ENOENT/);
  });

  it('any single-character change to a line is caught at exactly that line', () => {
    const lines = writeLog(8);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lines.length - 1 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }).filter((c) => c !== '\n'),
        (lineIndex, pos, ch) => {
          const line = lines[lineIndex] as string;
          const at = pos % line.length;
          fc.pre(line[at] !== ch);
          const edited = [...lines];
          edited[lineIndex] = line.slice(0, at) + ch + line.slice(at + 1);
          writeLines(edited);
          const result = verifyAuditFile(file);
          expect(result.ok).toBe(false);
          expect(result.firstBrokenLine).toBe(lineIndex + 1);
          expect(result.records).toBe(lineIndex);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('verifyRecords', () => {
  it('verifies records in memory and names the first broken one', () => {
    const records = writeLog(5).map(parse);
    expect(verifyRecords(records)).toEqual({ ok: true, records: 5 });
    const edited = records.map((r) => (r.seq === 3 ? { ...r, actor: 'mallory' } : r));
    expect(verifyRecords(edited)).toMatchObject({
      ok: false,
      records: 2,
      firstBrokenSeq: 3,
      firstBrokenLine: 3,
    });
    expect(verifyRecords([...records.slice(0, 2), ...records.slice(3)])).toMatchObject({
      ok: false,
      firstBrokenSeq: 4,
    });
  });
});
