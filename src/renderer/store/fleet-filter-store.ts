import { create } from 'zustand';
import type { RolloutPhase } from '../../shared/domain';

export type StatusFilter = 'all' | 'attention' | RolloutPhase;

interface FleetFilterState {
  environments: string[];
  /** The connections shown; empty for all. */
  connections: string[];
  status: StatusFilter;
  text: string;
  /**
   * The selected line, kept across navigation so returning to the fleet lands where you were: a
   * rollout's id, or a group header's line key (fleet-groups.ts).
   */
  selectedId: string | null;
  /** Group keys (`<connection>`, `<connection>/<namespace>`) folded shut, kept across navigation too. */
  collapsedGroups: string[];
  toggleEnvironment: (environment: string) => void;
  clearEnvironments: () => void;
  toggleConnection: (connection: string) => void;
  /** Only this connection: the palette's "Show connection X". */
  showOnlyConnection: (connection: string) => void;
  clearConnections: () => void;
  setStatus: (status: StatusFilter) => void;
  setText: (text: string) => void;
  select: (id: string | null) => void;
  setGroupCollapsed: (group: string, collapsed: boolean) => void;
}

const toggled = (list: string[], item: string): string[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

export const useFleetFilterStore = create<FleetFilterState>()((set, get) => ({
  environments: [],
  connections: [],
  status: 'all',
  text: '',
  selectedId: null,
  collapsedGroups: [],
  toggleEnvironment: (environment) => set({ environments: toggled(get().environments, environment) }),
  clearEnvironments: () => set({ environments: [] }),
  toggleConnection: (connection) => set({ connections: toggled(get().connections, connection) }),
  showOnlyConnection: (connection) => set({ connections: [connection] }),
  clearConnections: () => set({ connections: [] }),
  setStatus: (status) => set({ status }),
  setText: (text) => set({ text }),
  select: (selectedId) => set({ selectedId }),
  setGroupCollapsed: (group, collapsed) => {
    const current = get().collapsedGroups;
    if (current.includes(group) === collapsed) return;
    set({ collapsedGroups: toggled(current, group) });
  },
}));
