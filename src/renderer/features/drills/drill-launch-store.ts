import { create } from 'zustand';

/** Which Start drill or Stop dialog is open: the buttons and the palette open the same ones. */
export const useDrillLaunchStore = create<{
  /** The scenario whose Start drill dialog is open. */
  starting: string | undefined;
  /** The pid of the drill room whose Stop is being confirmed. */
  stopping: number | undefined;
  start: (scenario: string | undefined) => void;
  stop: (pid: number | undefined) => void;
}>()((set) => ({
  starting: undefined,
  stopping: undefined,
  start: (starting) => set({ starting }),
  stop: (stopping) => set({ stopping }),
}));

/** Why this caller cannot start a drill; undefined when they can. */
export function startRefusal(session: { role: string; drill?: unknown } | undefined): string | undefined {
  if (session?.role === 'observer') return 'Observer session: you may watch but not start a drill.';
  // A drill room starts no drills of its own: the control room that started it does.
  if (session?.drill) return 'This is a drill room: start drills from the control room.';
  return undefined;
}

/**
 * The drill room opens in its own window or tab: in the browser a new tab, in the desktop app the
 * system browser (the shell lets only a drill room's loopback URL out, see install-hardening.ts).
 */
export const openDrillRoom = (url: string): void => void window.open(url, '_blank', 'noopener,noreferrer');
