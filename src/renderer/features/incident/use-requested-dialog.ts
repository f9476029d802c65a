import { useEffect } from 'react';
import { useIncidentDialogStore } from './incident-dialog-store';

/** Opens the dialog the palette asked for once this view is on screen, then forgets the request. */
export function useRequestedDialog(kind: 'declare' | 'resolve', id: string | undefined, open: () => void) {
  const requested = useIncidentDialogStore((s) => s.requested);
  useEffect(() => {
    if (!requested || requested.kind !== kind) return;
    if (requested.kind === 'resolve' && requested.id !== id) return;
    useIncidentDialogStore.getState().request(null);
    open();
  }, [requested, kind, id, open]);
}
