import { create } from 'zustand';

/** What the palette asked of the drill room, done by its view once it is on screen (same dialogs). */
export type DrillRequest =
  | { kind: 'control'; command: 'start' | 'pause' | 'step' }
  | { kind: 'speed'; speed: number }
  | { kind: 'inject' };

interface DrillRequestState {
  requested: DrillRequest | null;
  request(request: DrillRequest | null): void;
  /** The Reset or End confirmation on screen, whether its button or the palette opened it. */
  confirming: 'reset' | 'end' | null;
  confirm(command: 'reset' | 'end' | null): void;
  /** The config push whose revert is being confirmed (by its inject id). */
  reverting: string | null;
  revert(config: string | null): void;
}

export const useDrillRequestStore = create<DrillRequestState>((set) => ({
  requested: null,
  request: (requested) => set({ requested }),
  confirming: null,
  confirm: (confirming) => set({ confirming }),
  reverting: null,
  revert: (reverting) => set({ reverting }),
}));
