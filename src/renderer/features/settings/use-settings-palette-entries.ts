// The palette's settings entries: what the Settings screen offers while it is open (add a
// connection; each connection card's Test, Edit, Remove, registered by the card itself).
import { useMemo } from 'react';
import type { PaletteEntry } from '../../app/palette-entry';
import { useEntriesOnScreen, useScreenPaletteEntries } from '../../app/screen-palette-entries';

/** Settings' own "Add connection", offered while Settings is open. */
export function useAddConnectionEntry(open: () => void, disabledWhy: string | undefined): void {
  const entries = useMemo(
    (): PaletteEntry[] => [
      {
        id: 'connection:add',
        name: 'Add connection',
        keywords: ['settings', 'config.yaml', 'prometheus', 'alertmanager', 'argo', 'haproxy', 'postgres'],
        kind: 'action',
        group: 'Connections',
        ...(disabledWhy ? { disabled: true, detail: disabledWhy } : {}),
        run: open,
      },
    ],
    [open, disabledWhy],
  );
  useScreenPaletteEntries('connection:', entries);
}

export function useSettingsPaletteEntries(): readonly PaletteEntry[] {
  return useEntriesOnScreen('connection:');
}
