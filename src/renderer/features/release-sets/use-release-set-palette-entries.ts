// The palette's release set entries: every set by name and members, and what the open set view
// offers (Start, Pause, Resume, Abort in the environment shown), registered by it.
import { useMemo } from 'react';
import { useReleaseSetList } from '../../api/use-release-sets';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';
import { SET_STATE_WORDS, memberLabel } from './set-words';

export function useReleaseSetPaletteEntries(open: boolean): PaletteEntry[] {
  const sets = useReleaseSetList(open);
  const onScreen = useEntriesOnScreen('release-set');
  return useMemo(
    () => [
      ...onScreen,
      ...(sets.data ?? []).map(({ definition, runs }): PaletteEntry => ({
        id: `release-set:${definition.name}`,
        name: 'Open release set',
        target: definition.name,
        keywords: ['release set', ...definition.members.map(memberLabel)],
        kind: 'navigation',
        group: 'Release sets',
        detail:
          runs.map((r) => `${r.environment} ${SET_STATE_WORDS[r.state].toLowerCase()}`).join(', ') ||
          'not started',
        run: () => navigate({ name: 'set', id: definition.name }),
      })),
    ],
    [onScreen, sets.data],
  );
}
