import { describe, expect, it } from 'vitest';
import { asOfWords, freshnessOf, STALE_AFTER_MS } from './staleness';

const NOW = Date.parse('2026-11-27T12:00:30Z');
const open = { status: 'open' as const, downSince: null };

describe('the staleness rule', () => {
  it('is live while the oldest data on screen is younger than 5 s and the stream is open', () => {
    expect(freshnessOf({ now: NOW, oldestLiveUpdate: NOW - 1000, stream: open })).toEqual({
      state: 'live',
      asOf: NOW - 1000,
      streamDown: false,
    });
  });

  it('is stale, as of the oldest data, once that is older than 5 s', () => {
    const asOf = NOW - STALE_AFTER_MS - 1;
    expect(freshnessOf({ now: NOW, oldestLiveUpdate: asOf, stream: open })).toEqual({
      state: 'stale',
      asOf,
      streamDown: false,
    });
  });

  it('is stale when the change stream closed, however fresh the last fetch', () => {
    const closed = { status: 'closed' as const, downSince: NOW - 100 };
    expect(freshnessOf({ now: NOW, oldestLiveUpdate: NOW - 100, stream: closed })).toMatchObject({
      state: 'stale',
      streamDown: true,
    });
  });

  it('gives a first connection 3 s before the stream counts as down', () => {
    const connecting = (since: number) => ({ status: 'connecting' as const, downSince: since });
    expect(freshnessOf({ now: NOW, oldestLiveUpdate: 0, stream: connecting(NOW - 2000) }).state).toBe(
      'loading',
    );
    expect(freshnessOf({ now: NOW, oldestLiveUpdate: 0, stream: connecting(NOW - 4000) })).toEqual({
      state: 'stale',
      asOf: null,
      streamDown: true,
    });
  });

  it('says loading, never live, while a live query on screen has no data yet', () => {
    expect(freshnessOf({ now: NOW, oldestLiveUpdate: 0, stream: open }).state).toBe('loading');
  });

  it('words the age as the frozen clock shows it', () => {
    expect(asOfWords(Date.parse('2026-11-27T12:00:18Z'), 12_000)).toBe('as of 12:00:18 UTC (12 s ago)');
    expect(asOfWords(null, null)).toBe('no data received yet');
  });
});
