// The palette's entries for pause everything: the whole fleet, and each environment and connection.
import { useMemo } from 'react';
import type { RolloutSummary } from '../../../shared/domain';
import type { PaletteEntry } from '../../app/palette-entry';
import { usePauseAllStore } from '../../store/pause-all-store';

export function usePauseAllCommands(fleet: readonly RolloutSummary[] | undefined): PaletteEntry[] {
  return useMemo(() => {
    const openDialog = usePauseAllStore.getState().openDialog;
    const base = { kind: 'action', group: 'Incident', keywords: ['pause all', 'stop', 'incident'] } as const;
    const environments = [...new Set((fleet ?? []).map((r) => r.environment))].sort();
    const connections = [...new Set((fleet ?? []).map((r) => r.connection))];
    return [
      { ...base, id: 'pause-all', name: 'Pause everything', run: () => openDialog() },
      ...environments.map((environment) => ({
        ...base,
        id: `pause-all:env:${environment}`,
        name: `Pause everything in ${environment}`,
        run: () => openDialog({ environment }),
      })),
      ...(connections.length > 1
        ? connections.map((connection) => ({
            ...base,
            id: `pause-all:conn:${connection}`,
            name: `Pause everything in ${connection}`,
            run: () => openDialog({ connection }),
          }))
        : []),
    ];
  }, [fleet]);
}
