// The palette's notification entries: what the notifications view offers while it is open (mark all
// read, mark one read), registered by the view with its own mutation.
import type { PaletteEntry } from '../../app/palette-entry';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';

export function useNotificationPaletteEntries(): readonly PaletteEntry[] {
  return useEntriesOnScreen('notifications');
}
