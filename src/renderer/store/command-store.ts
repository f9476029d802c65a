import { create } from 'zustand';
import type { ActionName } from '../../shared/domain';

/** An action on the open rollout, as the command palette offers it. */
export interface RolloutCommand {
  action: ActionName;
  label: string;
  shortcut: string;
  enabled: boolean;
  reason?: string;
  /** Held by a release freeze: the view offers "Override freeze…" for it. */
  frozen?: boolean;
}

/** How the palette asks the open rollout's view for an action (the view confirms as its buttons do). */
export type RunRolloutCommand = (action: ActionName, options?: { overrideFreeze?: boolean }) => void;

interface CommandState {
  paletteOpen: boolean;
  /** Set while a rollout view is open. */
  rolloutId: string | null;
  rolloutCommands: RolloutCommand[];
  runRolloutCommand: RunRolloutCommand | null;
  setPaletteOpen: (open: boolean) => void;
  registerRollout: (id: string, commands: RolloutCommand[], run: RunRolloutCommand) => void;
  unregisterRollout: (id: string) => void;
}

export const useCommandStore = create<CommandState>()((set, get) => ({
  paletteOpen: false,
  rolloutId: null,
  rolloutCommands: [],
  runRolloutCommand: null,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  registerRollout: (rolloutId, rolloutCommands, runRolloutCommand) =>
    set({ rolloutId, rolloutCommands, runRolloutCommand }),
  unregisterRollout: (id) => {
    if (get().rolloutId === id) set({ rolloutId: null, rolloutCommands: [], runRolloutCommand: null });
  },
}));
