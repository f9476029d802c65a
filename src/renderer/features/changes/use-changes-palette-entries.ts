// The palette's what-changed entries: one per window, so "what changed in the last 15 min" is typed.
import { useMemo } from 'react';
import { CHANGE_WINDOWS } from '../../../shared/api/changes-api';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';

const WINDOW_PHRASES = { '15m': '15 min', '1h': 'hour', '6h': '6 h', '24h': '24 h' } as const;

export function useChangesPaletteEntries(): PaletteEntry[] {
  return useMemo(
    () =>
      CHANGE_WINDOWS.map((window) => ({
        id: `nav:changes:${window}`,
        name: `What changed in the last ${WINDOW_PHRASES[window]}`,
        keywords: ['changes', 'incident', 'timeline', 'suspect', window],
        kind: 'navigation',
        group: 'What changed',
        run: () => navigate({ name: 'changes', query: { window } }),
      })),
    [],
  );
}
