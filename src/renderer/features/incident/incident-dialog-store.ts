import { create } from 'zustand';

/** Which incident dialog the palette asked for, opened by the view it navigated to. */
interface IncidentDialogState {
  requested: { kind: 'declare' } | { kind: 'resolve'; id: string } | null;
  request(dialog: IncidentDialogState['requested']): void;
}

export const useIncidentDialogStore = create<IncidentDialogState>((set) => ({
  requested: null,
  request: (requested) => set({ requested }),
}));
