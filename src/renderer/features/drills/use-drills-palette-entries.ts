import { useMemo } from 'react';
import { useRunningDrills } from '../../api/use-drill-servers';
import { useDrillHistory, useDrillScenarios } from '../../api/use-drills';
import { useSession } from '../../api/use-session';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';
import { drillServeCommand } from './drill-command-text';
import { openDrillRoom, startRefusal, useDrillLaunchStore } from './drill-launch-store';

/**
 * Each scenario's Start drill and Copy command, each running drill room's Open and Stop, each
 * finished run's Open report, and the open report's downloads.
 */
export function useDrillsPaletteEntries(open: boolean): PaletteEntry[] {
  const scenarios = useDrillScenarios(open);
  const history = useDrillHistory(open);
  const onScreen = useEntriesOnScreen('drill-run:');
  const running = useRunningDrills(open);
  const session = useSession();
  const launch = useDrillLaunchStore();
  return useMemo(() => {
    const entries: PaletteEntry[] = [...onScreen];
    const refusal = startRefusal(session.data);
    for (const s of scenarios.data ?? [])
      entries.push({
        id: `drills:start:${s.id}`,
        name: 'Start drill…',
        target: s.id,
        keywords: [s.title, 'drill', 'scenario', 'facilitate', 'room'],
        kind: 'action',
        group: 'Drills',
        detail: refusal ?? 'a drill room in its own process; you facilitate',
        ...(refusal ? { disabled: true } : {}),
        run: () => {
          navigate({ name: 'drills' });
          launch.start(s.id);
        },
      });
    for (const d of running.data ?? []) {
      if (!d.mine || !d.url) continue;
      const url = d.url;
      entries.push(
        {
          id: `drills:room:${d.pid}`,
          name: 'Open drill room',
          target: d.runId,
          keywords: [d.title, 'drill', 'join', 'facilitator'],
          kind: 'action',
          group: 'Drills',
          detail: `pid ${d.pid}`,
          run: () => openDrillRoom(url),
        },
        {
          id: `drills:stop:${d.pid}`,
          name: 'Stop drill room',
          target: d.runId,
          keywords: [d.title, 'drill', 'end', 'shut down'],
          kind: 'action',
          group: 'Drills',
          destructive: true,
          detail: `pid ${d.pid}: confirms first`,
          run: () => {
            navigate({ name: 'drills' });
            launch.stop(d.pid);
          },
        },
      );
    }
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
  }, [scenarios.data, history.data, onScreen, running.data, session.data, launch]);
}
