// State that survives kill -9 for the backends whose controller is the control room itself (the
// simulator; later HAProxy fleets): a snapshot written whole (atomically) plus a journal of what
// changed since, one fsynced line per change, so a change is durable before it is acknowledged.
// The journal is folded into a new snapshot now and then; lines the snapshot already holds are
// skipped on open, so a crash in the middle of that is harmless. What the state means is the
// caller's to check: this file only knows lines, sequence numbers and bytes.
import fs from 'node:fs';
import path from 'node:path';
import { AppendOnlyFile } from './append-only-file';
import { writeFileAtomic } from './atomic-write';
import { fsyncDirectory } from './fsync-directory';

export interface JournalLine {
  /** 1, 2, 3…: consecutive across compactions. */
  seq: number;
  [field: string]: unknown;
}

export interface JournalContents {
  /** The parsed snapshot, when there is one. */
  snapshot: Record<string, unknown> | undefined;
  /** Journal lines after the snapshot, in order. */
  lines: JournalLine[];
  /** Why the files cannot be trusted (unparseable snapshot, a damaged or out-of-order line). */
  problem?: string;
}

const NEWLINE = 10;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function readJournal(
  journalPath: string,
  buf: Buffer,
  after: number,
): { lines: JournalLine[]; whole: number; problem?: string } {
  const lines: JournalLine[] = [];
  let start = 0;
  let lineNo = 0;
  let expected = after + 1;
  while (start < buf.length) {
    const end = buf.indexOf(NEWLINE, start);
    const terminated = end !== -1;
    const text = buf.toString('utf8', start, terminated ? end : buf.length);
    lineNo++;
    const value = parseObject(text);
    if (!value || !Number.isSafeInteger(value.seq)) {
      // A last line that is not whole was being written when the process died: never acknowledged.
      if (!terminated || buf.indexOf(NEWLINE, end + 1) === -1) return { lines, whole: start };
      return {
        lines,
        whole: start,
        problem: `${path.basename(journalPath)}:${lineNo}: not a whole journal line`,
      };
    }
    const line = value as JournalLine;
    if (line.seq > after) {
      if (line.seq !== expected)
        return {
          lines,
          whole: start,
          problem: `${path.basename(journalPath)}:${lineNo}: seq ${line.seq} follows ${expected - 1} (lines are missing or reordered)`,
        };
      lines.push(line);
      expected++;
    }
    start = terminated ? end + 1 : buf.length;
    if (!terminated) return { lines, whole: -1 }; // whole, but its newline was lost
  }
  return { lines, whole: buf.length };
}

export class StateJournal {
  private constructor(
    readonly snapshotPath: string,
    readonly journalPath: string,
    private file: AppendOnlyFile,
    private lastSeq: number,
    private linesSince: number,
  ) {}

  /** Opens both files (creating the journal, mode 0600) and reads what they hold. */
  static open(
    snapshotPath: string,
    journalPath: string,
  ): { journal: StateJournal; contents: JournalContents } {
    let snapshot: Record<string, unknown> | undefined;
    let problem: string | undefined;
    if (fs.existsSync(snapshotPath)) {
      snapshot = parseObject(fs.readFileSync(snapshotPath, 'utf8'));
      if (!snapshot) problem = `${path.basename(snapshotPath)}: not a whole JSON object`;
      else if (!Number.isSafeInteger(snapshot.seq ?? 0) || ((snapshot.seq as number | undefined) ?? 0) < 0)
        problem = `${path.basename(snapshotPath)}: seq: not a non-negative integer`;
    }
    const after = (snapshot?.seq as number | undefined) ?? 0;
    let buf: Buffer;
    try {
      buf = fs.readFileSync(journalPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      buf = Buffer.alloc(0);
    }
    const read = readJournal(journalPath, buf, after);
    const file = AppendOnlyFile.open(journalPath, buf.length);
    if (read.whole === -1) file.append(Buffer.from('\n'), 'the journal');
    else if (read.whole < buf.length && !read.problem) file.truncate(read.whole);
    fsyncDirectory(path.dirname(path.resolve(journalPath)));
    const lastSeq = read.lines.at(-1)?.seq ?? after;
    const journal = new StateJournal(snapshotPath, journalPath, file, lastSeq, read.lines.length);
    const contents: JournalContents = { snapshot, lines: read.lines };
    const why = problem ?? read.problem;
    if (why !== undefined) contents.problem = why;
    return { journal, contents };
  }

  get seq(): number {
    return this.lastSeq;
  }

  /**
   * Starts over for a new state: the lines there are dropped (they belong to what is being
   * replaced) and the next one is numbered after `seq` at the least.
   */
  restartAfter(seq: number): void {
    this.file.truncate(0);
    this.linesSince = 0;
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  /** Lines written since the last snapshot. */
  get pendingLines(): number {
    return this.linesSince;
  }

  get bytes(): number {
    return this.file.size;
  }

  /** Appends one line durably and returns its seq; throws (nothing written) when it cannot. */
  append(body: Record<string, unknown>): number {
    const seq = this.lastSeq + 1;
    this.file.append(Buffer.from(`${JSON.stringify({ ...body, seq })}\n`, 'utf8'), 'the journal');
    this.lastSeq = seq;
    this.linesSince++;
    return seq;
  }

  /** Writes `snapshot` (which holds everything up to the current seq) and empties the journal. */
  compact(snapshot: Record<string, unknown>): void {
    writeFileAtomic(this.snapshotPath, JSON.stringify({ ...snapshot, seq: this.lastSeq }));
    try {
      this.file.truncate(0);
    } catch (error) {
      // The snapshot holds every line, so the old lines are skipped on open: nothing is lost.
      throw new Error(`Cannot empty the journal at ${this.journalPath}: ${errorText(error)}`, {
        cause: error,
      });
    }
    this.linesSince = 0;
  }

  /** Moves both files aside (untrusted, kept for a person to look at); returns where they went. */
  setAside(suffix: string): string[] {
    const moved: string[] = [];
    this.file.close();
    for (const p of [this.snapshotPath, this.journalPath]) {
      if (!fs.existsSync(p)) continue;
      fs.renameSync(p, `${p}.${suffix}`);
      moved.push(`${p}.${suffix}`);
    }
    this.file = AppendOnlyFile.open(this.journalPath, 0);
    this.lastSeq = 0;
    this.linesSince = 0;
    fsyncDirectory(path.dirname(path.resolve(this.journalPath)));
    return moved;
  }

  close(): void {
    this.file.close();
  }
}
