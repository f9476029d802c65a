import { useMemo } from 'react';
import { useDrillHistory, useDrillScenarios } from '../../api/use-drills';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';
import { drillServeCommand } from './drill-command-text';

/** Each scenario's Copy command, each finished run's Open report, and the open report's downloads. */
export function useDrillsPaletteEntries(open: boolean): PaletteEntry[] {
  const scenarios = useDrillScenarios(open);
  const history = useDrillHistory(open);
  const onScreen = useEntriesOnScreen('drill-run:');
  return useMemo(() => {
    const entries: PaletteEntry[] = [...onScreen];
    for (const s of scenarios.data ?? [])
      entries.push({
        id: `drills:copy:${s.id}`,
        name: 'Copy command to run',
        target: s.id,
        keywords: [s.title, 'serve', 'drill', 'scenario'],
        kind: 'action',
        group: 'Drills',
        detail: drillServeCommand(s.id),
        run: () => void navigator.clipboard?.writeText(drillServeCommand(s.id)),
      });
    for (const r of history.data?.runs ?? [])
      entries.push({
        id: `drills:open:${r.id}`,
        name: 'Open drill report',
        target: r.id,
        keywords: [r.title, r.scenario, r.team ?? '', 'after-action'],
        kind: 'navigation',
        group: 'Drills',
        detail: `${r.team ?? 'no team'}: ${r.score}/100`,
        run: () => navigate({ name: 'drill-run', id: r.id }),
      });
    return entries;
  }, [scenarios.data, history.data, onScreen]);
}
