import { create } from 'zustand';
import type { PauseAllRolloutResult } from '../../shared/api';
import type { RolloutScope } from '../../shared/in-flight';

interface PauseAllState {
  /** The dialog is open, for this scope. */
  open: boolean;
  scope: RolloutScope;
  /** Results streamed in while a bulk pause runs, keyed by its idempotency key. */
  running: { key: string; total: number; results: PauseAllRolloutResult[] } | null;
  openDialog: (scope?: RolloutScope) => void;
  close: () => void;
  start: (key: string) => void;
  progress: (key: string, total: number, result?: PauseAllRolloutResult) => void;
}

export const usePauseAllStore = create<PauseAllState>()((set, get) => ({
  open: false,
  scope: {},
  running: null,
  openDialog: (scope = {}) => set({ open: true, scope, running: null }),
  close: () => set({ open: false, running: null }),
  start: (key) => set({ running: { key, total: 0, results: [] } }),
  progress: (key, total, result) => {
    const running = get().running;
    // Another session's bulk pause is not this dialog's to show.
    if (running?.key !== key) return;
    const results =
      result && !running.results.some((r) => r.id === result.id)
        ? [...running.results, result]
        : running.results;
    set({ running: { key, total, results } });
  },
}));
