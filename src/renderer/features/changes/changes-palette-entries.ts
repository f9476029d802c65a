// The palette's what-changed entries: one per window, so "what changed in the last 15 min" is typed.
import { CHANGE_WINDOWS } from '../../../shared/api/changes-api';
import type { PaletteCommand } from '../../app/palette-rank';
import { navigate } from '../../app/routes';

const WINDOW_PHRASES = { '15m': '15 min', '1h': 'hour', '6h': '6 h', '24h': '24 h' } as const;

export function changesPaletteEntries(): (PaletteCommand & { group: string; run: () => void })[] {
  return CHANGE_WINDOWS.map((window) => ({
    id: `nav:changes:${window}`,
    name: `What changed in the last ${WINDOW_PHRASES[window]}`,
    keywords: ['changes', 'incident', 'timeline', 'suspect', window],
    kind: 'navigation',
    group: 'Navigation',
    run: () => navigate({ name: 'changes', query: { window } }),
  }));
}
