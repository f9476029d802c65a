// The palette's audit entries: what the audit view offers while it is open (verify the chain, the
// time-range presets), registered by its parts with their own handlers.
import type { PaletteEntry } from '../../app/palette-entry';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';

export function useAuditPaletteEntries(): readonly PaletteEntry[] {
  return useEntriesOnScreen('audit:');
}
