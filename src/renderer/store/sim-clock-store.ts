import { create } from 'zustand';

// The backend's clock may be simulated (drills run at 1x-60x), so "time in step" and countdowns
// are computed on the backend's clock, extrapolated from the last reading at the known speed.
interface SimClockState {
  /** Backend time (ms) at the last reading. */
  anchorSim: number | null;
  /** Wall time (ms) when that reading arrived. */
  anchorWall: number;
  speed: number;
  simulated: boolean;
  sync: (nowIso: string, speed?: number, simulated?: boolean) => void;
}

export const useSimClockStore = create<SimClockState>()((set, get) => ({
  anchorSim: null,
  anchorWall: 0,
  speed: 1,
  simulated: false,
  sync: (nowIso, speed, simulated) => {
    const sim = Date.parse(nowIso);
    if (Number.isNaN(sim)) return;
    const state = get();
    set({
      anchorSim: sim,
      anchorWall: Date.now(),
      speed: speed ?? state.speed,
      simulated: simulated ?? state.simulated,
    });
  },
}));

/** The backend's current time in ms, given the wall-clock time `wallNow`. */
export function simNow(
  state: Pick<SimClockState, 'anchorSim' | 'anchorWall' | 'speed'>,
  wallNow: number,
): number {
  if (state.anchorSim === null) return wallNow;
  return state.anchorSim + (wallNow - state.anchorWall) * state.speed;
}
