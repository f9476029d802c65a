import { create } from 'zustand';
import { LOADING, type Freshness } from '../components/staleness';

// Whether what the page shows is live: written by one monitor (app/use-freshness-monitor.ts),
// read by every timer, live value and summary, so none of them decides staleness on its own.
interface FreshnessState extends Freshness {
  set: (freshness: Freshness) => void;
}

export const useFreshnessStore = create<FreshnessState>()((set) => ({
  ...LOADING,
  set: (freshness) => set(freshness),
}));

/** True while the data on screen may no longer be true: timers stop, live values grey. */
export const selectStale = (s: Freshness): boolean => s.state === 'stale';
