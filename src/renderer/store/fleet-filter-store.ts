import { create } from 'zustand';
import type { RolloutPhase } from '../../shared/domain';

export type StatusFilter = 'all' | 'attention' | RolloutPhase;

interface FleetFilterState {
  environments: string[];
  status: StatusFilter;
  text: string;
  /** The selected row, kept across navigation so returning to the fleet lands where you were. */
  selectedId: string | null;
  toggleEnvironment: (environment: string) => void;
  clearEnvironments: () => void;
  setStatus: (status: StatusFilter) => void;
  setText: (text: string) => void;
  select: (id: string | null) => void;
}

export const useFleetFilterStore = create<FleetFilterState>()((set, get) => ({
  environments: [],
  status: 'all',
  text: '',
  selectedId: null,
  toggleEnvironment: (environment) => {
    const current = get().environments;
    set({
      environments: current.includes(environment)
        ? current.filter((e) => e !== environment)
        : [...current, environment],
    });
  },
  clearEnvironments: () => set({ environments: [] }),
  setStatus: (status) => set({ status }),
  setText: (text) => set({ text }),
  select: (selectedId) => set({ selectedId }),
}));
