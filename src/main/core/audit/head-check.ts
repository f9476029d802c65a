// Compares a log's end with its head checkpoint: records cut off the end, a replaced last record, or
// a head whose signature does not hold are named with the first seq that is not as acknowledged.
import { headSignatureValid, type AuditHead, type HeadRead } from './head-checkpoint';

export interface HeadVerdict {
  ok: boolean;
  /** The first seq that is not as the head says (missing or replaced). */
  firstBrokenSeq?: number;
  problem?: string;
  head?: AuditHead;
  /** undefined: unsigned, or no key here to check it. */
  signatureValid?: boolean;
}

/**
 * `lastSeq` is the last whole record of the log and `hashAt(seq)` the hash of the record with that seq
 * (undefined when the log has no such record).
 */
export function checkHead(
  read: HeadRead,
  lastSeq: number,
  hashAt: (seq: number) => string | undefined,
  key: Buffer | undefined,
): HeadVerdict {
  if (read.kind === 'missing') return { ok: true };
  if (read.kind === 'unreadable')
    return lastSeq === 0
      ? { ok: true }
      : {
          ok: false,
          firstBrokenSeq: lastSeq,
          problem:
            'the head checkpoint is unreadable (both slots damaged), so cut-off records cannot be ruled out',
        };
  const head = read.head;
  const signatureValid = headSignatureValid(head, key);
  if (signatureValid === false)
    return {
      ok: false,
      head,
      signatureValid,
      firstBrokenSeq: Math.min(head.seq, lastSeq + 1),
      problem: `the head checkpoint's signature does not match (the head file was edited): it names seq ${head.seq}`,
    };
  if (head.seq > lastSeq) {
    const missing = head.seq - lastSeq;
    return {
      ok: false,
      head,
      ...(signatureValid === undefined ? {} : { signatureValid }),
      firstBrokenSeq: lastSeq + 1,
      problem:
        lastSeq === 0
          ? `the log is empty but its head checkpoint records seq ${head.seq}: every record was removed`
          : `head mismatch: the log ends at seq ${lastSeq} but its head checkpoint records seq ${head.seq}: the last ${missing} record${missing === 1 ? ' was' : 's were'} cut off`,
    };
  }
  if (head.seq > 0 && hashAt(head.seq) !== head.hash)
    return {
      ok: false,
      head,
      ...(signatureValid === undefined ? {} : { signatureValid }),
      firstBrokenSeq: head.seq,
      problem: `head mismatch: record ${head.seq} is not the one the head checkpoint acknowledged (replaced)`,
    };
  return { ok: true, head, ...(signatureValid === undefined ? {} : { signatureValid }) };
}
