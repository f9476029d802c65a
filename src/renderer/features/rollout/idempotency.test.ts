import { describe, expect, it } from 'vitest';
import { intentKey, markIntentRefused } from './idempotency';

describe('idempotency keys', () => {
  it('gives the same intent the same key', () => {
    expect(intentKey('pause', 'a', 3)).toBe(intentKey('pause', 'a', 3));
    expect(intentKey('pause', 'a', 3)).toMatch(/^[0-9a-f]{12}:pause:a:3$/);
  });

  it('gives a new revision, action or target version a new key', () => {
    const key = intentKey('roll-forward', 'a', 3, '2.5.0');
    expect(intentKey('roll-forward', 'a', 4, '2.5.0')).not.toBe(key);
    expect(intentKey('roll-forward', 'a', 3, '2.5.1')).not.toBe(key);
    expect(intentKey('abort', 'a', 3)).not.toBe(intentKey('pause', 'a', 3));
  });

  it('asks again with a new key after the server refused', () => {
    const first = intentKey('promote', 'b', 1);
    markIntentRefused('promote', 'b', 1);
    expect(intentKey('promote', 'b', 1)).toBe(`${first}:1`);
  });
});
