import { describe, expect, it } from 'vitest';
import { connectionWords } from './connection-words';

const now = Date.parse('2026-12-02T10:00:00Z');
const base = { name: 'prom', kind: 'prometheus', roles: ['metrics' as const] };

describe('connectionWords', () => {
  it('says unreachable with the last error even when the last latency was fast', () => {
    const w = connectionWords(
      {
        ...base,
        reachable: false,
        latencyMs: 3,
        lastSuccess: '2026-12-02T09:59:00Z',
        lastError: { at: '2026-12-02T09:59:50Z', message: 'connect ECONNREFUSED 127.0.0.1:9090' },
      },
      now,
    );
    expect(w).toMatchObject({ word: 'unreachable', tone: 'critical', icon: 'disconnected' });
    expect(w.detail).toContain('last success 60 s ago');
    expect(w.detail).toContain('last error 10 s ago: connect ECONNREFUSED');
  });

  it('says stale with the age when rows are old though the last call answered', () => {
    const w = connectionWords({ ...base, reachable: true, latencyMs: 8, staleMs: 45_000 }, now);
    expect(w).toMatchObject({ word: 'stale 45 s', tone: 'warning' });
  });

  it('a connection that answers but cannot do part of its work says so, with what', () => {
    const w = connectionWords(
      {
        ...base,
        reachable: true,
        latencyMs: 8,
        problems: ['forbidden: cannot list rollouts in namespace payments'],
      },
      now,
    );
    expect(w).toMatchObject({ word: '1 problem', tone: 'warning', icon: 'warning' });
    expect(w.detail).toContain('cannot now: forbidden: cannot list rollouts in namespace payments');
  });

  it('shows the latency when healthy, and "not checked" before any call', () => {
    expect(
      connectionWords({ ...base, reachable: true, latencyMs: 12, lastSuccess: '2026-12-02T10:00:00Z' }, now)
        .word,
    ).toBe('12 ms');
    expect(connectionWords(base, now)).toMatchObject({ word: 'not checked', tone: 'unknown' });
  });
});
