// The palette's canary entries: the canary analysis of every rollout with a canary in flight (the
// open one first), and what the open canary view offers (re-judge, export), registered by that view.
import { useMemo } from 'react';
import type { RolloutSummary } from '../../../shared/domain';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';

/** The source the canary view's parts register under. */
export const CANARY_SCREEN = 'canary:';

export function useCanaryPaletteEntries(
  fleet: readonly RolloutSummary[] | undefined,
  openRolloutId: string | null,
): PaletteEntry[] {
  const onScreen = useEntriesOnScreen(CANARY_SCREEN);
  const everywhere = useMemo(
    () =>
      (fleet ?? [])
        .filter((r) => r.canaryVersion !== r.stableVersion || r.id === openRolloutId)
        .sort((a, b) => Number(b.id === openRolloutId) - Number(a.id === openRolloutId))
        .map((r): PaletteEntry => ({
          id: `canary:${r.id}`,
          name: 'Canary analysis',
          target: r.id,
          keywords: [r.service, r.environment, r.canaryVersion, 'judge', 'verdict'],
          kind: 'navigation',
          group: 'Canary analysis',
          detail: `${r.stableVersion} → ${r.canaryVersion}`,
          run: () => navigate({ name: 'canary', id: r.id }),
        })),
    [fleet, openRolloutId],
  );
  return useMemo(() => [...onScreen, ...everywhere], [onScreen, everywhere]);
}
