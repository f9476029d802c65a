// The palette's fleet entries: the fleet's filters by name ("Show Degraded only", "Show prod-eu
// only", one connection unfolded), the same store changes as the fleet's chips make.
import { useMemo } from 'react';
import { ROLLOUT_PHASES, type RolloutSummary } from '../../../shared/domain';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { PHASE_WORDS } from '../../components/status-words';
import { useFleetFilterStore, type StatusFilter } from '../../store/fleet-filter-store';

const filterEntry = (id: string, name: string, keywords: string[], apply: () => void): PaletteEntry => ({
  id: `fleet:${id}`,
  name,
  keywords: ['fleet', 'filter', ...keywords],
  kind: 'navigation',
  group: 'Fleet',
  run: () => {
    apply();
    navigate({ name: 'fleet' });
  },
});

export function useFleetPaletteEntries(fleet: readonly RolloutSummary[] | undefined): PaletteEntry[] {
  return useMemo(() => {
    const filter = () => useFleetFilterStore.getState();
    const status = (value: StatusFilter) => () => filter().setStatus(value);
    const count = (phase: string) => (fleet ?? []).filter((r) => r.phase === phase).length;
    const environments = [...new Set((fleet ?? []).map((r) => r.environment))];
    const connections = [...new Set((fleet ?? []).map((r) => r.connection))];
    const entries: PaletteEntry[] = [
      filterEntry(
        'attention',
        'Show rollouts that need attention',
        ['attention', 'unhealthy'],
        status('attention'),
      ),
      ...ROLLOUT_PHASES.map((phase) => ({
        ...filterEntry(
          `status:${phase}`,
          `Show ${PHASE_WORDS[phase]} only`,
          ['status', phase],
          status(phase),
        ),
        detail: `${count(phase)} now`,
      })),
      filterEntry('status:all', 'Show every status', ['status', 'all'], status('all')),
      filterEntry('env:all', 'Show all environments', ['environment'], () => filter().clearEnvironments()),
      ...environments.map((environment) =>
        filterEntry(`env:${environment}`, `Show ${environment} only`, ['environment'], () => {
          filter().clearEnvironments();
          filter().toggleEnvironment(environment);
        }),
      ),
    ];
    // The fleet of one connection (cluster), unfolded: only worth offering when there are several.
    if (connections.length > 1)
      for (const connection of connections)
        entries.push({
          ...filterEntry(`connection:${connection}`, 'Show connection', ['cluster'], () => {
            filter().showOnlyConnection(connection);
            filter().setGroupCollapsed(connection, false);
          }),
          id: `connection:${connection}`,
          target: connection,
        });
    return entries;
  }, [fleet]);
}
