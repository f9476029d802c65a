// Joins the features' palette entries into the palette's default order. Entries about the thing on
// screen come first; when two features offer the same id (the open rollout's Pause and the fleet's
// "Pause checkout prod-eu"), the on-screen one wins, so its live state and reason are what is shown.
import type { PaletteEntry } from './palette-entry';

export function gatherPaletteEntries(lists: readonly (readonly PaletteEntry[])[]): PaletteEntry[] {
  const all = lists.flat();
  const ordered = [...all.filter((e) => e.onScreen), ...all.filter((e) => !e.onScreen)];
  const seen = new Set<string>();
  return ordered.filter((e) => {
    if (seen.has(e.id)) return false;
    seen.add(e.id);
    return true;
  });
}
