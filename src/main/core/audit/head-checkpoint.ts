// The head checkpoint (`audit.jsonl.head`): the seq and hash of the last acknowledged record, fsynced
// after every append, so records cut off the end of the log (or an emptied log) are detected on the
// next start. Two fixed-size slots are written in turn: a crash mid-write can damage only the slot
// being written, and the other still holds the head before it. Optionally signed (HMAC-SHA256) with a
// key kept outside the log, so editing the head to match a shortened log is detected too.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { fsyncDirectory } from '../persistence/fsync-directory';
import path from 'node:path';

export interface AuditHead {
  seq: number;
  hash: string;
  /** When that record was written. */
  time: string;
  /** Hex HMAC-SHA256 of `${seq}:${hash}` when the log has a signing key. */
  sig?: string;
}

const SLOT_BYTES = 512;
const HEX64 = /^[0-9a-f]{64}$/;
const GENESIS: AuditHead = { seq: 0, hash: '0'.repeat(64), time: '1970-01-01T00:00:00.000Z' };

export const headPathOf = (logPath: string): string => `${logPath}.head`;

export function signHead(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`${seq}:${hash}`).digest('hex');
}

function checksum(h: AuditHead): string {
  return createHash('sha256')
    .update(`${h.seq}:${h.hash}:${h.time}:${h.sig ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

function encodeSlot(head: AuditHead): Buffer {
  const text = JSON.stringify({ ...head, check: checksum(head) });
  return Buffer.from(`${text.padEnd(SLOT_BYTES - 1, ' ')}\n`, 'utf8');
}

function decodeSlot(bytes: Buffer): AuditHead | undefined {
  try {
    const v = JSON.parse(bytes.toString('utf8').trim()) as Partial<AuditHead> & { check?: unknown };
    if (!Number.isSafeInteger(v.seq) || (v.seq as number) < 0) return undefined;
    if (typeof v.hash !== 'string' || !HEX64.test(v.hash) || typeof v.time !== 'string') return undefined;
    if (v.sig !== undefined && typeof v.sig !== 'string') return undefined;
    const head: AuditHead = {
      seq: v.seq as number,
      hash: v.hash,
      time: v.time,
      ...(v.sig === undefined ? {} : { sig: v.sig }),
    };
    return v.check === checksum(head) ? head : undefined;
  } catch {
    return undefined;
  }
}

export type HeadRead = { kind: 'missing' } | { kind: 'unreadable' } | { kind: 'found'; head: AuditHead };

/** The newer of the two slots that are whole. */
export function readHead(headPath: string): HeadRead {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(headPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  const slots = [bytes.subarray(0, SLOT_BYTES), bytes.subarray(SLOT_BYTES, 2 * SLOT_BYTES)]
    .map(decodeSlot)
    .filter((h): h is AuditHead => h !== undefined);
  if (slots.length === 0) return { kind: 'unreadable' };
  return { kind: 'found', head: slots.reduce((a, b) => (b.seq > a.seq ? b : a)) };
}

/** Whether a head's signature holds: undefined when it cannot be checked (no key, or unsigned). */
export function headSignatureValid(head: AuditHead, key: Buffer | undefined): boolean | undefined {
  if (!key || head.sig === undefined) return undefined;
  const expected = Buffer.from(signHead(key, head.seq, head.hash), 'hex');
  const actual = Buffer.from(head.sig, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The writer side: keeps its descriptor open and alternates slots. */
export class HeadCheckpoint {
  private nextSlot = 0;

  private constructor(
    readonly filePath: string,
    private fd: number,
    private readonly key: Buffer | undefined,
    private current: AuditHead,
  ) {}

  /** Opens the head file beside the log, creating it (both slots at `start`) when missing. */
  static open(filePath: string, start: AuditHead | undefined, key: Buffer | undefined): HeadCheckpoint {
    const exists = fs.existsSync(filePath);
    const fd = fs.openSync(filePath, exists ? 'r+' : 'w+', 0o600);
    try {
      fs.fchmodSync(fd, 0o600);
    } catch {
      // Not the owner: it is still written.
    }
    const head = new HeadCheckpoint(filePath, fd, key, start ?? GENESIS);
    if (!exists || start !== undefined) {
      // Both slots, so that a crash during the first real write still leaves a whole one.
      head.writeSlot(0, head.signed(head.current));
      head.writeSlot(1, head.signed(head.current));
      fs.fsyncSync(fd);
      if (!exists) fsyncDirectory(path.dirname(path.resolve(filePath)));
    }
    return head;
  }

  get head(): AuditHead {
    return this.current;
  }

  get signing(): boolean {
    return this.key !== undefined;
  }

  /** Records a new head durably; throws when it cannot (the log's append is then not acknowledged). */
  advance(seq: number, hash: string, time: string): void {
    const head = this.signed({ seq, hash, time });
    this.writeSlot(this.nextSlot, head);
    // The file never grows after creation: fdatasync skips the inode's times, which cost a journal commit.
    fs.fdatasyncSync(this.fd);
    this.nextSlot = 1 - this.nextSlot;
    this.current = head;
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  private signed(h: AuditHead): AuditHead {
    const { sig: _old, ...rest } = h;
    return this.key ? { ...rest, sig: signHead(this.key, h.seq, h.hash) } : rest;
  }

  private writeSlot(slot: number, head: AuditHead): void {
    const bytes = encodeSlot(head);
    for (let off = 0; off < bytes.length;)
      off += fs.writeSync(this.fd, bytes, off, bytes.length - off, slot * SLOT_BYTES + off);
  }
}
