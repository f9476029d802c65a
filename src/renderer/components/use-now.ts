import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { simNow, useSimClockStore } from '../store/sim-clock-store';

/** Wall-clock ms, re-rendering every `intervalMs`. */
export function useWallNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The backend's clock (simulated in drills), re-rendering every `intervalMs`. */
export function useSimNow(intervalMs = 1000): number {
  const wall = useWallNow(intervalMs);
  const anchor = useSimClockStore(
    useShallow((s) => ({ anchorSim: s.anchorSim, anchorWall: s.anchorWall, speed: s.speed })),
  );
  return simNow(anchor, Math.max(wall, anchor.anchorWall));
}
