import { describe, expect, it } from 'vitest';
import { intentKey, intentTarget, markIntentRefused } from './idempotency';

describe('idempotency keys', () => {
  // Asks are spaced a second apart unless a test is about the double-click interval.
  let clock = 1_000_000;
  const later = () => (clock += 1000);

  it('gives the same intent the same key', () => {
    expect(intentKey('pause', 'a', 3, undefined, later())).toBe(
      intentKey('pause', 'a', 3, undefined, later()),
    );
    expect(intentKey('pause', 'a', 3, undefined, later())).toMatch(/^[0-9a-f]{12}:pause:a:3$/);
  });

  it('gives a new revision, action or target version a new key', () => {
    const key = intentKey('roll-forward', 'a', 3, '2.5.0', later());
    expect(intentKey('roll-forward', 'a', 4, '2.5.0', later())).not.toBe(key);
    expect(intentKey('roll-forward', 'a', 3, '2.5.1', later())).not.toBe(key);
    expect(intentKey('abort', 'a', 3, undefined, later())).not.toBe(
      intentKey('pause', 'a', 3, undefined, later()),
    );
  });

  it('keeps one key for a double click even when the page moved to a new revision in between', () => {
    const first = intentKey('promote', 'c', 7, undefined, later());
    expect(intentKey('promote', 'c', 8, undefined, clock + 150)).toBe(first);
    // A deliberate second promote, after the interval, is a new intent.
    expect(intentKey('promote', 'c', 8, undefined, clock + 1500)).not.toBe(first);
  });

  it('does not take Pause, Resume, Pause within the interval for a double click of Pause', () => {
    // Fast hands (or a test runner): the last Pause is a new intent and must be applied, not replayed.
    const pause = intentKey('pause', 'p', 3, undefined, later());
    intentKey('resume', 'p', 4, undefined, clock + 100);
    expect(intentKey('pause', 'p', 5, undefined, clock + 200)).not.toBe(pause);
    // Another rollout's action in between does not end this rollout's gesture.
    const promote = intentKey('promote', 'q', 1, undefined, later());
    intentKey('pause', 'r', 1, undefined, clock + 100);
    expect(intentKey('promote', 'q', 2, undefined, clock + 200)).toBe(promote);
  });

  it('asks again with a new key after the server refused', () => {
    const first = intentKey('promote', 'b', 1, undefined, later());
    markIntentRefused('promote', 'b', 1);
    expect(intentKey('promote', 'b', 1, undefined, later())).toBe(`${first}:1`);
  });

  it('gives an undo to another revision, or the same image on another container, a new key', () => {
    expect(intentTarget({ toRevision: 3 })).toBe('revision-3');
    expect(intentTarget({ toVersion: '2.5.0', container: 'envoy' })).toBe('envoy=2.5.0');
    expect(intentTarget({ toVersion: '2.5.0' })).toBe('2.5.0');
    expect(intentTarget({})).toBeUndefined();
    const three = intentKey('undo', 'k', 9, intentTarget({ toRevision: 3 }), later());
    expect(three).toMatch(/:undo:k:9:revision-3$/);
    expect(intentKey('undo', 'k', 9, intentTarget({ toRevision: 4 }), later())).not.toBe(three);
  });
});
