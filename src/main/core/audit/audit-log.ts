// The append-only, hash-chained audit log (`audit.jsonl`). Every append is on disk (fsync) before it
// returns, so an action is never reported done without its record; a head checkpoint beside it
// (`audit.jsonl.head`) makes records cut off the end detectable. A log whose chain is broken, or that
// does not reach its head, is opened read-only: nothing is appended to a chain that cannot be trusted.
// Pure Node: no shell, server or backend.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditRecord, AuditVerifyResult } from '../../../shared/domain';
import { isoTime, type Clock } from '../clock';
import { AppendOnlyFile } from '../persistence/append-only-file';
import { fsyncDirectory } from '../persistence/fsync-directory';
import { checkHead, type HeadVerdict } from './head-check';
import { HeadCheckpoint, headPathOf, readHead, type AuditHead } from './head-checkpoint';
import { GENESIS_PREV, canonicalJson, hashRecord } from './record-hash';
import { ChainChecker, recordShapeProblem, verifyAuditFile } from './verify-audit';

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

/** Whether appending may go on: not when the chain is broken or records are missing from its end. */
export type AuditIntegrity = { ok: true } | { ok: false; firstBrokenSeq: number; problem: string };

export interface AuditOpenOptions {
  /** Signs the head checkpoint (HMAC-SHA256), so an edited head is detected too. */
  headKey?: Buffer;
  /** A drill's log runs on simulated time: each record then also carries the wall time (details.wallTime). */
  wallClock?: () => number;
}

/** The kind of the first record of a segment started after a broken one (`control-room audit seal`). */
export const SEAL_KIND = 'audit.sealed';

/** Thrown by append when the log is open read-only. */
export class AuditReadOnly extends Error {}

const NEWLINE = 10;
/** A chain of sealed segments deeper than this is not followed (and said so). */
const MAX_SEGMENTS = 50;

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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Where the bytes after the last whole record start, or undefined when the file ends cleanly. */
function findTornTail(buf: Buffer): number | undefined {
  if (buf.length === 0) return undefined;
  if (buf[buf.length - 1] !== NEWLINE) return buf.lastIndexOf(NEWLINE) + 1;
  // Ends with a newline: the last line is whole only if it parses.
  const start = buf.length >= 2 ? buf.lastIndexOf(NEWLINE, buf.length - 2) + 1 : 0;
  return parseJson(buf.toString('utf8', start, buf.length - 1)) === undefined ? start : undefined;
}

function sha256File(filePath: string): string {
  return createHash('sha256').update(fs.readFileSync(filePath)).digest('hex');
}

export class AuditLog {
  private readonly items: AuditRecord[] = [];
  /** Verified records of earlier, sealed segments: history for the ledger and migration progress. */
  private readonly inherited: AuditRecord[] = [];
  private readonly byIdempotencyKey = new Map<string, AuditRecord[]>();
  private readonly bySeq = new Map<number, AuditRecord>();
  /** Lower-cased search text per record, built on first search. */
  private readonly searchText: (string | undefined)[] = [];
  private readonly skipped: number[] = [];
  private readonly noteList: string[] = [];
  private file!: AppendOnlyFile;
  private headFile: HeadCheckpoint | undefined;
  /** The head write failed after its record was fsynced; the next append writes it again. */
  private headBehind = false;
  private tail: TornTail | undefined;
  private state: AuditIntegrity = { ok: true };

  private constructor(
    readonly filePath: string,
    private readonly clock: Clock,
    private readonly headKey: Buffer | undefined,
    private readonly wallClock?: () => number,
  ) {}

  /**
   * Opens (creating if needed, mode 0600) the log at `filePath` and checks its whole chain and its
   * head. A torn last line (a crash mid-write) is moved to `<file>.torn-<time>` and cut off; a whole
   * last record that only lost its newline gets it back. A broken chain or a head mismatch leaves the
   * log readable but read-only (see `integrity`). Throws an Error naming the path and the OS reason
   * when the file cannot be read or opened for writing.
   */
  static open(filePath: string, clock: Clock, options: AuditOpenOptions = {}): AuditLog {
    const log = new AuditLog(filePath, clock, options.headKey, options.wallClock);
    const fail = (doing: string, err: unknown): Error =>
      new Error(`Cannot ${doing} the audit log at ${filePath}: ${errorText(err)}`, { cause: err });

    const dir = path.dirname(path.resolve(filePath));
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
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
    try {
      log.file = AppendOnlyFile.open(filePath, buf.length);
    } catch (err) {
      throw fail('open for writing', err);
    }
    try {
      buf = log.recoverTail(buf);
    } catch (err) {
      log.file.close();
      throw fail('recover the torn last line of', err);
    }
    if (!existed) fsyncDirectory(dir);
    log.load(buf);
    log.loadInherited(dir);
    log.checkHeadOnOpen();
    return log;
  }

  /**
   * Starts a new segment after a broken one: the broken file is kept as `<file>.sealed-<time>` and
   * the new log's first record (kind `audit.sealed`) names it, its SHA-256, where it broke and why.
   * Refuses when the chain is intact. The caller holds the workspace lock.
   */
  static seal(
    filePath: string,
    clock: Clock,
    by: { actor: string; reason: string },
    options: AuditOpenOptions = {},
  ): { record: AuditRecord; sealedTo: string } {
    const broken = AuditLog.open(filePath, clock, options);
    const integrity = broken.integrity;
    const lastGood = broken.verifiedPrefix();
    broken.close();
    if (integrity.ok) throw new Error(`The audit log at ${filePath} is intact: there is nothing to seal.`);
    const stamp = isoTime(clock.now()).replace(/[:.]/g, '-');
    const sealedTo = `${filePath}.sealed-${stamp}`;
    const sha256 = sha256File(filePath);
    fs.renameSync(filePath, sealedTo);
    if (fs.existsSync(headPathOf(filePath))) fs.renameSync(headPathOf(filePath), `${sealedTo}.head`);
    fsyncDirectory(path.dirname(path.resolve(filePath)));
    const fresh = AuditLog.open(filePath, clock, options);
    const record = fresh.append({
      actor: by.actor,
      kind: SEAL_KIND,
      target: path.basename(filePath),
      reason: by.reason,
      details: {
        sealedFile: path.basename(sealedTo),
        sealedFileSha256: sha256,
        firstBrokenSeq: integrity.firstBrokenSeq,
        problem: integrity.problem,
        lastGoodSeq: lastGood.seq,
        lastGoodHash: lastGood.hash,
      },
    });
    fresh.close();
    return { record, sealedTo };
  }

  private recoverTail(buf: Buffer): Buffer {
    const tornAt = findTornTail(buf);
    if (tornAt === undefined) return buf;
    const rest = buf.subarray(tornAt);
    // A whole record that lost only its final newline is the record as written: keep it.
    if (
      rest[rest.length - 1] !== NEWLINE &&
      recordShapeProblem(parseJson(rest.toString('utf8'))) === undefined
    ) {
      this.file.append(Buffer.from('\n'), 'the audit log');
      this.noteList.push(
        "The audit log's last record had lost its final newline; the record was whole and was kept.",
      );
      return Buffer.concat([buf, Buffer.from('\n')]);
    }
    this.tail = this.saveTornTail(rest);
    this.file.truncate(tornAt);
    return buf.subarray(0, tornAt);
  }

  private saveTornTail(bytes: Buffer): TornTail {
    const stamp = isoTime(this.clock.now()).replace(/[:.]/g, '-');
    for (let attempt = 0; ; attempt++) {
      const savedTo = `${this.filePath}.torn-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
      let fd: number;
      try {
        fd = fs.openSync(savedTo, 'wx', 0o600);
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

  /** Loads every readable record and checks the chain; the first problem makes the log read-only. */
  private load(buf: Buffer): void {
    if (buf.length === 0) return;
    const lines = buf.toString('utf8').split('\n');
    lines.pop(); // after the final newline
    const checker = new ChainChecker();
    lines.forEach((line, i) => {
      const value = parseJson(line);
      if (this.state.ok) {
        const problem =
          line.length === 0
            ? 'line is empty'
            : value === undefined
              ? 'line is not valid JSON (damaged or edited by hand)'
              : checker.next(value);
        if (problem !== undefined)
          this.breakAt(this.seqOf(value, checker.good + 1), `line ${i + 1}: ${problem}`);
      }
      if (recordShapeProblem(value) === undefined) this.add(value as AuditRecord);
      else this.skipped.push(i + 1);
    });
  }

  private seqOf(value: unknown, fallback: number): number {
    const seq = typeof value === 'object' && value !== null ? (value as { seq?: unknown }).seq : undefined;
    return Number.isSafeInteger(seq) && (seq as number) > 0 ? (seq as number) : fallback;
  }

  private breakAt(firstBrokenSeq: number, problem: string): void {
    if (this.state.ok || firstBrokenSeq < this.state.firstBrokenSeq)
      this.state = { ok: false, firstBrokenSeq, problem };
  }

  /** Records of the sealed segments before this one, up to where each broke. */
  private loadInherited(dir: string): void {
    const chain: AuditRecord[][] = [];
    let first = this.items[0];
    for (let depth = 0; first?.kind === SEAL_KIND && depth < MAX_SEGMENTS; depth++) {
      const { sealedFile, sealedFileSha256, lastGoodSeq } = first.details;
      if (typeof sealedFile !== 'string' || typeof lastGoodSeq !== 'number') break;
      const sealedPath = path.join(dir, path.basename(sealedFile));
      if (!fs.existsSync(sealedPath) || sha256File(sealedPath) !== sealedFileSha256) {
        this.noteList.push(
          `The sealed segment ${sealedFile} named by record ${first.seq} is missing or changed since it was sealed; its history was not loaded.`,
        );
        break;
      }
      const segment: AuditRecord[] = [];
      for (const line of fs.readFileSync(sealedPath, 'utf8').split('\n')) {
        const value = parseJson(line);
        if (recordShapeProblem(value) !== undefined) continue;
        const r = value as AuditRecord;
        if (r.seq > lastGoodSeq) break;
        segment.push(deepFreeze(r));
      }
      chain.unshift(segment);
      first = segment[0];
    }
    for (const segment of chain) this.inherited.push(...segment);
  }

  private checkHeadOnOpen(): void {
    const headPath = headPathOf(this.filePath);
    const read = readHead(headPath);
    const last = this.items.at(-1);
    if (!this.state.ok) {
      // Read-only: the head is left exactly as found, as evidence; only its verdict is taken.
      const verdict = checkHead(read, this.lastSeq, (seq) => this.bySeq.get(seq)?.hash, this.headKey);
      if (!verdict.ok)
        this.breakAt(verdict.firstBrokenSeq ?? this.lastSeq + 1, verdict.problem ?? 'head mismatch');
      return;
    }
    const verdict = checkHead(read, this.lastSeq, (seq) => this.bySeq.get(seq)?.hash, this.headKey);
    if (!verdict.ok) {
      this.breakAt(verdict.firstBrokenSeq ?? this.lastSeq + 1, verdict.problem ?? 'head mismatch');
      return;
    }
    const current: AuditHead | undefined = last
      ? { seq: last.seq, hash: last.hash, time: last.time }
      : undefined;
    if (read.kind === 'missing' && last)
      this.noteList.push(
        `The audit log had no head checkpoint; one was created at seq ${last.seq}. From now on records cut off its end are detected.`,
      );
    // Create it, or bring it up to the last record (a crash between the two fsyncs), or re-sign it.
    const stale =
      read.kind !== 'found' ||
      read.head.seq !== this.lastSeq ||
      (this.headKey !== undefined && verdict.signatureValid !== true);
    this.headFile = HeadCheckpoint.open(headPath, stale ? current : undefined, this.headKey);
  }

  private add(record: AuditRecord): void {
    deepFreeze(record);
    this.items.push(record);
    this.bySeq.set(record.seq, record);
    const key = record.details.idempotencyKey;
    if (typeof key === 'string') {
      const same = this.byIdempotencyKey.get(key);
      if (same) same.push(record);
      else this.byIdempotencyKey.set(key, [record]);
    }
  }

  /** The last record of the verified prefix (seq 0 and the genesis value when there is none). */
  private verifiedPrefix(): { seq: number; hash: string } {
    const limit = this.state.ok ? Number.POSITIVE_INFINITY : this.state.firstBrokenSeq - 1;
    let seq = 0;
    let hash = GENESIS_PREV;
    for (const r of this.items) {
      if (r.seq > limit || r.seq !== seq + 1) break;
      seq = r.seq;
      hash = r.hash;
    }
    return { seq, hash };
  }

  /** Whether appends may go on; when not, the first seq that is broken or missing, and why. */
  get integrity(): AuditIntegrity {
    return this.state;
  }

  /** Things found and mended at open that the person starting the control room should know. */
  get notes(): readonly string[] {
    return this.noteList;
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

  /** The head checkpoint as this log last wrote (or found) it. */
  get head(): AuditHead | undefined {
    return this.headFile?.head;
  }

  /** All records of this segment, oldest first. A live, read-only view. */
  records(): readonly AuditRecord[] {
    return this.items;
  }

  /**
   * Every record that decided something, oldest first: the verified records of sealed earlier
   * segments, then this segment's. What the idempotency ledger and migration progress rebuild from.
   */
  history(): readonly AuditRecord[] {
    return this.inherited.length === 0 ? this.items : [...this.inherited, ...this.items];
  }

  /**
   * Appends one record and returns it once it is on disk (written and fsynced). Throws, with nothing
   * added in memory and the file as it was, when the record cannot be written.
   */
  append(entry: AuditEntry): AuditRecord {
    const [record] = this.appendBatch([entry]);
    if (!record) throw new Error('audit append produced no record');
    return record;
  }

  /**
   * Appends several records with one write and one fsync: all of them are on disk when it returns, or
   * (it throws) none is, in memory or in the file.
   */
  appendBatch(entries: readonly AuditEntry[]): AuditRecord[] {
    if (!this.state.ok)
      throw new AuditReadOnly(
        `The audit log at ${this.filePath} is read-only: its chain is broken at seq ${this.state.firstBrokenSeq} (${this.state.problem}).`,
      );
    if (entries.length === 0) return [];
    const records: AuditRecord[] = [];
    let seq = this.lastSeq;
    let prev = this.lastHash;
    for (const entry of entries) {
      const { time, actor, kind, target, reason, details } = this.prepare(entry);
      // The field order of every record written so far: seq first, prev last.
      const unhashed = { seq: ++seq, time, actor, kind, target, reason, details, prev };
      const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed) };
      records.push(record);
      prev = record.hash;
    }
    const data = Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
    this.file.append(data, 'the audit log');
    for (const r of records) this.add(r);
    const last = records.at(-1) as AuditRecord;
    try {
      this.headFile?.advance(last.seq, last.hash, last.time);
      this.headBehind = false;
    } catch {
      // The records are durable; a head one step behind is what a crash between the fsyncs leaves
      // too, and is accepted on open. The next append writes it again.
      this.headBehind = true;
    }
    return records;
  }

  /** Whether the head checkpoint lags the log after a failed head write. */
  get headLagging(): boolean {
    return this.headBehind;
  }

  private prepare(entry: AuditEntry): Omit<AuditRecord, 'seq' | 'prev' | 'hash'> {
    for (const field of ['actor', 'kind', 'target', 'reason'] as const) {
      if (typeof entry[field] !== 'string') throw new TypeError(`audit ${field} must be a string`);
    }
    const given: unknown = entry.details ?? {};
    const raw: unknown =
      this.wallClock && typeof given === 'object' && given !== null && !Array.isArray(given)
        ? { wallTime: isoTime(this.wallClock()), ...given }
        : given;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new TypeError('audit details must be a plain object');
    }
    // Round-trip through JCS so the record in memory is exactly what a reader parses back (no
    // undefined, Dates as strings) and unrepresentable values (NaN, Infinity) fail before writing.
    const details: unknown = JSON.parse(canonicalJson(raw));
    if (typeof details !== 'object' || details === null || Array.isArray(details)) {
      throw new TypeError('audit details must serialise to a JSON object');
    }
    // Checked here too, so one bad string fails this append instead of the whole batch's hash.
    canonicalJson([entry.actor, entry.kind, entry.target, entry.reason]);
    return {
      time: isoTime(this.clock.now()),
      actor: entry.actor,
      kind: entry.kind,
      target: entry.target,
      reason: entry.reason,
      details: details as Record<string, unknown>,
    };
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

  /** Verifies the file on disk (not the loaded copy) and its head, naming the first broken record. */
  verify(): AuditVerifyResult {
    return verifyAuditLog(this.filePath, this.headKey);
  }

  close(): void {
    this.file.close();
    this.headFile?.close();
  }
}

/** Verifies a log file's chain and, when it has one, its head checkpoint. */
export function verifyAuditLog(filePath: string, headKey?: Buffer): AuditVerifyResult {
  const hashes = new Map<number, string>();
  const chain = verifyAuditFile(filePath, (r) => hashes.set(r.seq, r.hash));
  const verdict: HeadVerdict = checkHead(
    readHead(headPathOf(filePath)),
    chain.ok ? chain.records : Number.POSITIVE_INFINITY,
    (seq) => hashes.get(seq),
    headKey,
  );
  const head = verdict.head
    ? {
        seq: verdict.head.seq,
        hash: verdict.head.hash,
        signed: verdict.head.sig !== undefined,
        ...(verdict.signatureValid === undefined ? {} : { signatureValid: verdict.signatureValid }),
      }
    : undefined;
  if (!chain.ok) return head ? { ...chain, head } : chain;
  if (!verdict.ok)
    return {
      ok: false,
      records: chain.records,
      firstBrokenSeq: verdict.firstBrokenSeq ?? chain.records + 1,
      problem: verdict.problem ?? 'head mismatch',
      ...(head ? { head } : {}),
    };
  return head ? { ...chain, head } : chain;
}
