import { create } from 'zustand';

/** The alert whose silence dialog is asked for (from the palette, before the view is open). */
interface AlertsUiState {
  silencing: string | null;
  askSilence: (id: string) => void;
  done: () => void;
}

export const useAlertsUiStore = create<AlertsUiState>()((set) => ({
  silencing: null,
  askSilence: (silencing) => set({ silencing }),
  done: () => set({ silencing: null }),
}));
