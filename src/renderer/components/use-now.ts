import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectStale, useFreshnessStore } from '../store/freshness-store';
import { simNow, useSimClockStore } from '../store/sim-clock-store';

/** Wall-clock ms, re-rendering every `intervalMs`; null stops the timer. */
export function useWallNow(intervalMs: number | null = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return;
    const tick = () => setNow(Date.now());
    // A restarted timer must not show the time it stopped at for a whole interval.
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, intervalMs);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

/** The backend's clock at wall time `wall` (null: now), from its last reading. */
export function useBackendTimeAt(wall: number | null): number | null {
  const anchor = useSimClockStore(
    useShallow((s) => ({ anchorSim: s.anchorSim, anchorWall: s.anchorWall, speed: s.speed })),
  );
  return wall === null ? null : simNow(anchor, wall);
}

/**
 * The backend's clock (simulated in drills), re-rendering every `intervalMs`. While the data is
 * stale it stops at the time of the data on screen: "in step" timers and countdowns computed
 * from it stop with it rather than run on from data that may no longer be true.
 */
export function useSimNow(intervalMs = 1000): number {
  const stale = useFreshnessStore(selectStale);
  const asOf = useFreshnessStore((s) => (s.state === 'stale' ? s.asOf : null));
  const wall = useWallNow(stale ? null : intervalMs);
  const anchor = useSimClockStore(
    useShallow((s) => ({ anchorSim: s.anchorSim, anchorWall: s.anchorWall, speed: s.speed })),
  );
  if (stale) return simNow(anchor, asOf ?? anchor.anchorWall);
  return simNow(anchor, Math.max(wall, anchor.anchorWall));
}
