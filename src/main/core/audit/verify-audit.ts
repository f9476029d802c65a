// Verifies an audit chain and names the first broken record. Reads the file in fixed-size chunks so a
// log of any length is checked in bounded memory, and stops at the first problem.
import fs from 'node:fs';
import type { AuditRecord, AuditVerifyResult } from '../../../shared/domain';
import { GENESIS_PREV, hashRecord } from './record-hash';

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const STRING_FIELDS = ['time', 'actor', 'kind', 'target', 'reason', 'prev', 'hash'] as const;
const FIELDS: ReadonlySet<string> = new Set(['seq', 'details', ...STRING_FIELDS]);
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Why `value` is not an `AuditRecord`, or undefined when it has exactly the right fields and types. */
export function recordShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'line is not a JSON object';
  const r = value as Record<string, unknown>;
  if (!Number.isSafeInteger(r.seq) || (r.seq as number) < 1)
    return "field 'seq' is missing or not a positive integer";
  for (const field of STRING_FIELDS) {
    if (typeof r[field] !== 'string') return `field '${field}' is missing or not a string`;
  }
  const d = r.details;
  if (typeof d !== 'object' || d === null || Array.isArray(d))
    return "field 'details' is missing or not an object";
  if (!ISO_UTC.test(r.time as string)) return "field 'time' is not an ISO 8601 UTC timestamp";
  if (!HEX64.test(r.prev as string)) return "field 'prev' is not 64 lowercase hex digits";
  if (!HEX64.test(r.hash as string)) return "field 'hash' is not 64 lowercase hex digits";
  for (const key in r) {
    // An added field would be covered by the hash, but it is not an AuditRecord any more.
    if (!FIELDS.has(key)) return `unexpected field '${key}'`;
  }
  return undefined;
}

/** Checks one record after another against the chain so far. */
export class ChainChecker {
  good = 0;
  private prevHash = GENESIS_PREV;

  /** The problem with `value` as the next record, or undefined (and the chain advances). */
  next(value: unknown): string | undefined {
    const shape = recordShapeProblem(value);
    if (shape !== undefined) return shape;
    const r = value as AuditRecord;
    let actual: string;
    try {
      actual = hashRecord(r);
    } catch (err) {
      // e.g. a lone surrogate escape, which JCS cannot serialise.
      return `content cannot be canonicalised for hashing: ${(err as Error).message}`;
    }
    // Hash first: an edited record is reported as edited, even when the edit touched seq or prev.
    if (actual !== r.hash) return 'hash does not match its contents (record was edited)';
    const expected = this.good + 1;
    if (r.seq > expected) {
      const missing = r.seq - expected;
      return `seq ${r.seq} follows seq ${expected - 1}: ${missing} record${missing === 1 ? ' is' : 's are'} missing (deleted or reordered)`;
    }
    if (r.seq < expected) {
      return `seq ${r.seq} follows seq ${expected - 1}: records are duplicated or reordered`;
    }
    if (r.prev !== this.prevHash) {
      return expected === 1
        ? 'prev of the first record is not the genesis value (64 zeros): records before it were removed'
        : `prev does not match the hash of record ${expected - 1} (a record was removed, replaced or reordered)`;
    }
    this.good = expected;
    this.prevHash = r.hash;
    return undefined;
  }
}

function broken(good: number, value: unknown, position: number, problem: string): AuditVerifyResult {
  // Name the record by its own seq when it is readable; otherwise by its position, which in a
  // verified prefix is the seq it should have had.
  const seq = typeof value === 'object' && value !== null ? (value as { seq?: unknown }).seq : undefined;
  const firstBrokenSeq = Number.isSafeInteger(seq) && (seq as number) > 0 ? (seq as number) : position;
  return { ok: false, records: good, firstBrokenSeq, firstBrokenLine: position, problem };
}

/** Verifies records already in memory; `firstBrokenLine` is then the 1-based position in the array. */
export function verifyRecords(records: readonly AuditRecord[]): AuditVerifyResult {
  const checker = new ChainChecker();
  for (let i = 0; i < records.length; i++) {
    const problem = checker.next(records[i]);
    if (problem !== undefined) return broken(checker.good, records[i], i + 1, problem);
  }
  return { ok: true, records: checker.good };
}

/**
 * Calls `onLine` for every line of the file, in order, with its 1-based number; `terminated` is false
 * only for a last line that lacks its newline. Stops early when `onLine` returns false.
 */
export function forEachLine(
  filePath: string,
  onLine: (line: string, lineNo: number, terminated: boolean) => boolean,
): void {
  const fd = fs.openSync(filePath, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    let lineNo = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      const lastNewline = data.lastIndexOf(10);
      // Copy the remainder: `chunk` is reused by the next read.
      carry = Buffer.from(data.subarray(lastNewline + 1));
      if (lastNewline === -1) continue;
      // Decode whole lines at once (never splitting a UTF-8 sequence), then split: far faster than
      // decoding line by line.
      for (const line of data.toString('utf8', 0, lastNewline).split('\n')) {
        if (!onLine(line, ++lineNo, true)) return;
      }
    }
    if (carry.length > 0) onLine(carry.toString('utf8'), lineNo + 1, false);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Verifies the audit log at `filePath`: every line parses, has the fields of an AuditRecord, seq counts
 * up from 1, prev is the previous hash (64 zeros first) and hash matches the content. Throws only when
 * the file cannot be read.
 */
export function verifyAuditFile(
  filePath: string,
  onRecord?: (record: AuditRecord) => void,
): AuditVerifyResult {
  const checker = new ChainChecker();
  let result: AuditVerifyResult | undefined;
  try {
    forEachLine(filePath, (line, lineNo, terminated) => {
      let value: unknown;
      let problem: string | undefined;
      if (line.length === 0) problem = 'line is empty';
      else {
        try {
          value = JSON.parse(line);
        } catch {
          problem = 'line is not valid JSON (damaged or edited by hand)';
        }
      }
      // Every append ends with a newline. A last line without one is torn, unless it is a whole
      // record that lost only the newline (opening the log gives it back).
      if (!terminated && (problem !== undefined || recordShapeProblem(value) !== undefined))
        problem = 'last line is incomplete (a write was interrupted; opening the log recovers it)';
      problem ??= checker.next(value);
      if (problem === undefined) {
        onRecord?.(value as AuditRecord);
        return true;
      }
      result = broken(checker.good, value, lineNo, problem);
      return false;
    });
  } catch (err) {
    throw new Error(`Cannot read audit log ${filePath}: ${(err as Error).message}`, { cause: err });
  }
  return result ?? { ok: true, records: checker.good };
}
