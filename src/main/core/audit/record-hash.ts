// The hash that chains audit records. Defined over content, not bytes: hex SHA-256 of the record without
// its `hash` field, serialised with RFC 8785 (JCS), so anyone with a JCS library and sha256 can verify.
import { hash as oneShotHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditRecord } from '../../../shared/domain';

/** `prev` of the first record. */
export const GENESIS_PREV = '0'.repeat(64);

export type UnhashedAuditRecord = Omit<AuditRecord, 'hash'>;

/** RFC 8785 text of `value`; throws on what JCS cannot represent (NaN, Infinity, lone surrogates, cycles). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be serialised as JSON');
  return text;
}

/**
 * Hex SHA-256 of the record minus `hash`. A `hash` property, if present, is ignored, so a parsed line
 * can be passed as it is.
 */
export function hashRecord(record: UnhashedAuditRecord & { hash?: string }): string {
  const { hash: _ignored, ...rest } = record;
  const text = canonicalJson(rest);
  // crypto.hash is the one-shot path (no Hash object per record), markedly faster for small inputs.
  return oneShotHash('sha256', text, 'hex');
}
