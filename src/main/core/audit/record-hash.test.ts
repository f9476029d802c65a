import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GENESIS_PREV, hashRecord } from './record-hash';

const record = {
  seq: 1,
  time: '2025-01-01T00:00:00.000Z',
  actor: 'alice',
  kind: 'rollout.pause',
  target: 'checkout-api',
  reason: 'error rate 2.5%, "high"',
  details: { weight: 25, idempotencyKey: 'k1', nested: { b: [1, 2.5, null], a: true } },
  prev: GENESIS_PREV,
};

describe('hashRecord', () => {
  it('GENESIS_PREV is 64 zeros', () => {
    expect(GENESIS_PREV).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('equals sha256 of the RFC 8785 text written out by hand (anyone can verify)', () => {
    // Keys sorted by code unit, no whitespace, numbers in shortest ES form: JCS without a library.
    const jcs =
      '{"actor":"alice","details":{"idempotencyKey":"k1","nested":{"a":true,"b":[1,2.5,null]},"weight":25},' +
      '"kind":"rollout.pause","prev":"' +
      GENESIS_PREV +
      '","reason":"error rate 2.5%, \\"high\\"","seq":1,"target":"checkout-api","time":"2025-01-01T00:00:00.000Z"}';
    expect(hashRecord(record)).toBe(createHash('sha256').update(jcs, 'utf8').digest('hex'));
  });

  it('ignores the hash field and key order', () => {
    const { seq, ...rest } = record;
    const reordered = { hash: 'f'.repeat(64), ...rest, seq };
    expect(Object.keys(reordered)).not.toEqual(Object.keys(record));
    expect(hashRecord(reordered)).toBe(hashRecord(record));
  });

  it('changes when any field changes', () => {
    const base = hashRecord(record);
    expect(hashRecord({ ...record, seq: 2 })).not.toBe(base);
    expect(hashRecord({ ...record, reason: 'error rate 2.5%, "hígh"' })).not.toBe(base);
    expect(hashRecord({ ...record, details: { ...record.details, weight: 26 } })).not.toBe(base);
    expect(hashRecord({ ...record, prev: '1'.repeat(64) })).not.toBe(base);
  });
});
