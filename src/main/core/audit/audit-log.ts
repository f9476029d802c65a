// The append-only, hash-chained audit log (`audit.jsonl`). Every append is on disk (fsync) before it
// returns, so an action is never reported done without its record. Pure Node: no shell, server or backend.
import fs from 'node:fs';
import path from 'node:path';
import type { AuditRecord, AuditVerifyResult } from '../../../shared/domain';
import { isoTime, type Clock } from '../clock';
import { GENESIS_PREV, canonicalJson, hashRecord } from './record-hash';
import { recordShapeProblem, verifyAuditFile } from './verify-audit';

/** What a caller supplies; seq, time, prev and hash are the log's business. */
export interface AuditEntry {
  actor: string;
  kind: string;
  target: string;
  reason: string;
  details?: Record<string, unknown>;
}

/** Case-insensitive substring filters; all given ones must match. */
export interface AuditFilter {
  actor?: string;
  kind?: string;
  target?: string;
  /** Matches reason, target, kind, actor or the JSON of details. */
  text?: string;
  /** ISO 8601 bounds on the record's time, both inclusive. */
  from?: string;
  to?: string;
  limit: number;
}

export interface AuditPage {
  /** Newest first, at most `limit`. */
  records: AuditRecord[];
  /** How many records match, before the limit. */
  total: number;
}

export interface TornTail {
  bytes: number;
  savedTo: string;
}

const NEWLINE = 10;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Records are shared with every reader, so they are made immutable once. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Makes a new directory entry (file creation, rename) durable; not possible on every platform. */
function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; the entry is still written, just not forced to disk.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Where the bytes after the last whole record start, or undefined when the file ends cleanly. */
function findTornTail(buf: Buffer): number | undefined {
  if (buf.length === 0) return undefined;
  if (buf[buf.length - 1] !== NEWLINE) return buf.lastIndexOf(NEWLINE) + 1;
  // Ends with a newline: the last line is whole only if it parses.
  const start = buf.length >= 2 ? buf.lastIndexOf(NEWLINE, buf.length - 2) + 1 : 0;
  try {
    JSON.parse(buf.toString('utf8', start, buf.length - 1));
    return undefined;
  } catch {
    return start;
  }
}

export class AuditLog {
  private readonly items: AuditRecord[] = [];
  private readonly byIdempotencyKey = new Map<string, AuditRecord[]>();
  /** Lower-cased search text per record, built on first search. */
  private readonly searchText: (string | undefined)[] = [];
  private readonly skipped: number[] = [];
  /** Bytes on disk that belong to this log: what the next append expects the file to hold. */
  private size = 0;
  /** Set when a failed append could not be rolled back: the next append truncates first. */
  private rollbackPending = false;
  private tail: TornTail | undefined;

  private constructor(
    readonly filePath: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens (creating if needed) the log at `filePath`. A torn last line (a crash mid-write) is moved to
   * `<file>.torn-<time>` and cut off; lines that cannot be read elsewhere are skipped (see `verify`).
   * Throws an Error naming the path and the OS reason when the workspace is not writable.
   */
  static open(filePath: string, clock: Clock): AuditLog {
    const log = new AuditLog(filePath, clock);
    const fail = (doing: string, err: unknown): Error =>
      new Error(`Cannot ${doing} the audit log at ${filePath}: ${errorText(err)}`, { cause: err });

    const dir = path.dirname(path.resolve(filePath));
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // mkdir's own wording ("file already exists") hides the usual cause.
      const hint =
        code === 'EEXIST' || code === 'ENOTDIR' ? ' (part of the path is a file, not a folder)' : '';
      throw new Error(`Cannot create the folder for the audit log at ${filePath}: ${errorText(err)}${hint}`, {
        cause: err,
      });
    }
    let buf: Buffer;
    let existed = true;
    try {
      buf = fs.readFileSync(filePath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fail('read', err);
      buf = Buffer.alloc(0);
      existed = false;
    }
    // Opening for append proves the file is writable now rather than at the first action.
    let fd: number;
    try {
      fd = fs.openSync(filePath, 'a');
    } catch (err) {
      throw fail('open for writing', err);
    }
    try {
      const tornAt = findTornTail(buf);
      if (tornAt !== undefined) {
        log.tail = log.saveTornTail(buf.subarray(tornAt));
        fs.ftruncateSync(fd, tornAt);
        fs.fsyncSync(fd);
        buf = buf.subarray(0, tornAt);
      }
    } catch (err) {
      throw fail('recover the torn last line of', err);
    } finally {
      fs.closeSync(fd);
    }
    if (!existed) fsyncDirectory(dir);
    log.size = buf.length;
    log.load(buf);
    return log;
  }

  private saveTornTail(bytes: Buffer): TornTail {
    const stamp = isoTime(this.clock.now()).replace(/[:.]/g, '-');
    for (let attempt = 0; ; attempt++) {
      const savedTo = `${this.filePath}.torn-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
      let fd: number;
      try {
        fd = fs.openSync(savedTo, 'wx');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      try {
        for (let off = 0; off < bytes.length;) off += fs.writeSync(fd, bytes, off, bytes.length - off);
        // The torn bytes must be safe before the log is cut, so nothing is ever lost.
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fsyncDirectory(path.dirname(path.resolve(savedTo)));
      return { bytes: bytes.length, savedTo };
    }
  }

  private load(buf: Buffer): void {
    if (buf.length === 0) return;
    const lines = buf.toString('utf8').split('\n');
    lines.pop(); // after the final newline
    lines.forEach((line, i) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (recordShapeProblem(value) === undefined) this.add(value as AuditRecord);
      else this.skipped.push(i + 1);
    });
  }

  private add(record: AuditRecord): void {
    deepFreeze(record);
    this.items.push(record);
    const key = record.details.idempotencyKey;
    if (typeof key === 'string') {
      const same = this.byIdempotencyKey.get(key);
      if (same) same.push(record);
      else this.byIdempotencyKey.set(key, [record]);
    }
  }

  /** The whole bytes of a torn last line found at open, and where they were saved. */
  get tornTail(): TornTail | undefined {
    return this.tail;
  }

  /** 1-based line numbers that could not be loaded as records (a damaged middle). */
  get skippedLines(): readonly number[] {
    return this.skipped;
  }

  get lastSeq(): number {
    return this.items.at(-1)?.seq ?? 0;
  }

  /** Hash the next record will carry as `prev`. */
  get lastHash(): string {
    return this.items.at(-1)?.hash ?? GENESIS_PREV;
  }

  /** All records, oldest first. A live, read-only view: do not hold it across appends if that matters. */
  records(): readonly AuditRecord[] {
    return this.items;
  }

  /**
   * Appends one record and returns it once it is on disk (written and fsynced). Throws, with nothing
   * added in memory and the file as it was, when the record cannot be written.
   */
  append(entry: AuditEntry): AuditRecord {
    for (const field of ['actor', 'kind', 'target', 'reason'] as const) {
      if (typeof entry[field] !== 'string') throw new TypeError(`audit ${field} must be a string`);
    }
    const raw: unknown = entry.details ?? {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new TypeError('audit details must be a plain object');
    }
    // Round-trip through JCS so the record in memory is exactly what a reader parses back (no
    // undefined, Dates as strings) and unrepresentable values (NaN, Infinity) fail before writing.
    const details: unknown = JSON.parse(canonicalJson(raw));
    if (typeof details !== 'object' || details === null || Array.isArray(details)) {
      throw new TypeError('audit details must serialise to a JSON object');
    }
    const unhashed = {
      seq: this.lastSeq + 1,
      time: isoTime(this.clock.now()),
      actor: entry.actor,
      kind: entry.kind,
      target: entry.target,
      reason: entry.reason,
      details: details as Record<string, unknown>,
      prev: this.lastHash,
    };
    const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed) };
    const data = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');

    let fd: number;
    try {
      fd = fs.openSync(this.filePath, 'a');
    } catch (err) {
      throw new Error(`Cannot open the audit log at ${this.filePath}: ${errorText(err)}`, { cause: err });
    }
    try {
      this.checkFileSize(fd);
      try {
        for (let off = 0; off < data.length;) off += fs.writeSync(fd, data, off, data.length - off);
        fs.fsyncSync(fd);
      } catch (err) {
        this.rollBack(fd);
        throw new Error(`Cannot write to the audit log at ${this.filePath}: ${errorText(err)}`, {
          cause: err,
        });
      }
    } finally {
      fs.closeSync(fd);
    }
    this.size += data.length;
    this.add(record);
    return record;
  }

  /** Refuses to append after another writer changed the file: that would fork the chain. */
  private checkFileSize(fd: number): void {
    const actual = fs.fstatSync(fd).size;
    if (actual === this.size) return;
    if (this.rollbackPending && actual > this.size) {
      fs.ftruncateSync(fd, this.size);
      this.rollbackPending = false;
      return;
    }
    throw new Error(
      `The audit log at ${this.filePath} changed on disk (${actual} bytes, expected ${this.size}): ` +
        'another process may be writing it; reopen the log',
    );
  }

  /** Cuts a partly written (or unsynced) line so the file ends at the last acknowledged record. */
  private rollBack(fd: number): void {
    try {
      fs.ftruncateSync(fd, this.size);
      fs.fsyncSync(fd);
    } catch {
      this.rollbackPending = true;
    }
  }

  /** Records whose `details.idempotencyKey` is `key`, oldest first. */
  findByIdempotencyKey(key: string): readonly AuditRecord[] {
    return this.byIdempotencyKey.get(key) ?? [];
  }

  /** Filtered records, newest first, with the number that matched before `limit`. */
  list(filter: AuditFilter): AuditPage {
    const limit = Number.isNaN(filter.limit) ? 0 : Math.max(0, filter.limit);
    const actor = filter.actor?.toLowerCase();
    const kind = filter.kind?.toLowerCase();
    const target = filter.target?.toLowerCase();
    const text = filter.text?.toLowerCase();
    const from = filter.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(filter.from);
    const to = filter.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(filter.to);
    const timed = filter.from !== undefined || filter.to !== undefined;
    const records: AuditRecord[] = [];
    let total = 0;
    for (let i = this.items.length - 1; i >= 0; i--) {
      const r = this.items[i] as AuditRecord;
      if (timed) {
        // Not ordered by time: a simulated clock may be set back, so every record is checked.
        const time = Date.parse(r.time);
        if (!(time >= from && time <= to)) continue;
      }
      if (actor && !r.actor.toLowerCase().includes(actor)) continue;
      if (kind && !r.kind.toLowerCase().includes(kind)) continue;
      if (target && !r.target.toLowerCase().includes(target)) continue;
      if (text && !this.searchTextOf(i, r).includes(text)) continue;
      total++;
      if (records.length < limit) records.push(r);
    }
    return { records, total };
  }

  private searchTextOf(i: number, r: AuditRecord): string {
    let s = this.searchText[i];
    if (s === undefined) {
      // NUL separators so a needle cannot match across two fields.
      s = [r.reason, r.target, r.kind, r.actor, JSON.stringify(r.details)].join('\u0000').toLowerCase();
      this.searchText[i] = s;
    }
    return s;
  }

  /** Verifies the file on disk (not the loaded copy), naming the first broken record. */
  verify(): AuditVerifyResult {
    return verifyAuditFile(this.filePath);
  }
}
