// Entries a view offers about what it shows (the open migration's Tick and Waive, a connection's
// Test): the view registers them while it is mounted, with its own handlers, so the palette runs the
// very request its buttons make (same dialogs, same audit). Feature hooks read them back by source.
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { PaletteEntry } from './palette-entry';

interface ScreenEntriesState {
  bySource: Record<string, readonly PaletteEntry[]>;
  set: (source: string, entries: readonly PaletteEntry[]) => void;
  clear: (source: string) => void;
}

const useScreenEntriesStore = create<ScreenEntriesState>()((set) => ({
  bySource: {},
  set: (source, entries) =>
    set((s) => ({ bySource: { ...s.bySource, [source]: entries.map((e) => ({ ...e, onScreen: true })) } })),
  clear: (source) =>
    set((s) => {
      const { [source]: _gone, ...rest } = s.bySource;
      return { bySource: rest };
    }),
}));

/** Offers these entries while the calling component is mounted; `source` is unique per view part. */
export function useScreenPaletteEntries(source: string, entries: readonly PaletteEntry[]): void {
  const set = useScreenEntriesStore((s) => s.set);
  const clear = useScreenEntriesStore((s) => s.clear);
  useEffect(() => set(source, entries), [source, entries, set]);
  useEffect(() => () => clear(source), [source, clear]);
}

/** The same, as an element: for views that register after their early returns. */
export function ScreenPaletteEntries({
  source,
  entries,
}: {
  source: string;
  entries: readonly PaletteEntry[];
}) {
  useScreenPaletteEntries(source, entries);
  return null;
}

const NONE: readonly PaletteEntry[] = [];

/** Every entry registered by sources whose name starts with `prefix` ("migration", "connection:"). */
export function useEntriesOnScreen(prefix: string): readonly PaletteEntry[] {
  const bySource = useScreenEntriesStore((s) => s.bySource);
  return useMemo(() => {
    const sources = Object.keys(bySource)
      .filter((s) => s.startsWith(prefix))
      .sort();
    return sources.length === 0 ? NONE : sources.flatMap((s) => bySource[s] ?? []);
  }, [bySource, prefix]);
}
