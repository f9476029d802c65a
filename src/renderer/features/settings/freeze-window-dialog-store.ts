import { useEffect } from 'react';
import { create } from 'zustand';

/** Which freeze window dialog the palette asked for, opened by the Settings screen once it is shown. */
export type FreezeWindowRequest =
  | { kind: 'add' }
  | { kind: 'show' }
  | { kind: 'edit'; name: string }
  | { kind: 'delete'; name: string }
  | null;

interface FreezeWindowDialogState {
  requested: FreezeWindowRequest;
  request(dialog: FreezeWindowRequest): void;
}

export const useFreezeWindowDialogStore = create<FreezeWindowDialogState>((set) => ({
  requested: null,
  request: (requested) => set({ requested }),
}));

/** Hands the palette's request to `open` once the windows are loaded, then forgets it. */
export function useRequestedWindowDialog(
  ready: boolean,
  open: (request: NonNullable<FreezeWindowRequest>) => void,
) {
  const requested = useFreezeWindowDialogStore((s) => s.requested);
  useEffect(() => {
    if (!ready || !requested) return;
    useFreezeWindowDialogStore.getState().request(null);
    open(requested);
  }, [ready, requested, open]);
}
