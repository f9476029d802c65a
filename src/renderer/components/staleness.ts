// The one rule for "is what the page shows live?". Every timer, live value and summary reads its
// answer (through the freshness store), so nothing on screen can look live while the data is not.
import type { StreamStatus } from '../api/transport';
import { formatClock } from './format-time';
import { formatAge } from './format-duration';

/** Data older than this is stale: the fleet and the open rollout refresh every 1-2 s. */
export const STALE_AFTER_MS = 5000;
/** A first connection (or a quick reconnect) gets this long before the stream counts as down. */
export const CONNECT_GRACE_MS = 3000;

export interface FreshnessInput {
  /** Wall-clock ms now. */
  now: number;
  /** The oldest successful update among the live queries on screen: 0 none yet, -1 none on screen. */
  oldestLiveUpdate: number;
  stream: { status: StreamStatus; downSince: number | null };
}

export interface Freshness {
  /** `loading` before the first data arrived, `stale` when it may no longer be true. */
  state: 'loading' | 'live' | 'stale';
  /** Wall-clock ms of the oldest data on screen; null while nothing has arrived. */
  asOf: number | null;
  /** The change stream is closed, or has not opened within the grace period. */
  streamDown: boolean;
}

export const LOADING: Freshness = { state: 'loading', asOf: null, streamDown: false };

export function freshnessOf({ now, oldestLiveUpdate, stream }: FreshnessInput): Freshness {
  const streamDown =
    stream.status === 'closed' || (stream.downSince !== null && now - stream.downSince > CONNECT_GRACE_MS);
  const asOf = oldestLiveUpdate > 0 ? oldestLiveUpdate : null;
  const tooOld = asOf !== null && now - asOf > STALE_AFTER_MS;
  if (streamDown || tooOld) return { state: 'stale', asOf, streamDown };
  return { state: oldestLiveUpdate === 0 ? 'loading' : 'live', asOf, streamDown };
}

export function sameFreshness(a: Freshness, b: Freshness): boolean {
  return a.state === b.state && a.asOf === b.asOf && a.streamDown === b.streamDown;
}

/**
 * "as of 14:03:22 UTC (12 s ago)": the backend-clock time of the data (what the frozen clock
 * shows) and its age on the wall clock.
 */
export function asOfWords(asOfBackend: number | null, ageMs: number | null): string {
  if (asOfBackend === null || ageMs === null) return 'no data received yet';
  return `as of ${formatClock(asOfBackend)} UTC (${formatAge(ageMs)} ago)`;
}
