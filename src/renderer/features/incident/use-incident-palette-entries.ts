import { useMemo } from 'react';
import { useIncidentList } from '../../api/use-incidents';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { useEntriesOnScreen } from '../../app/screen-palette-entries';
import { useIncidentDialogStore } from './incident-dialog-store';

/**
 * Declare incident, and for each incident Open and (while open) Resolve, for the command palette;
 * plus what the open incident's postmortem panel offers (registered by it).
 */
export function useIncidentPaletteEntries(open: boolean): PaletteEntry[] {
  const list = useIncidentList(open);
  const onScreen = useEntriesOnScreen('incident:');
  return useMemo(() => {
    const request = useIncidentDialogStore.getState().request;
    const entries: PaletteEntry[] = [
      ...onScreen,
      {
        id: 'incident:declare',
        name: 'Declare incident',
        keywords: ['freeze', 'outage', 'sev'],
        kind: 'action',
        group: 'Incidents',
        run: () => {
          request({ kind: 'declare' });
          navigate({ name: 'incidents' });
        },
      },
    ];
    for (const i of list.data ?? []) {
      const detail = `${i.severity} “${i.title}”${i.resolvedAt === undefined ? ' — open' : ' — resolved'}`;
      entries.push({
        id: `incident:open:${i.id}`,
        name: 'Open incident',
        target: i.id,
        keywords: [i.title, i.commander, i.severity],
        kind: 'navigation',
        group: 'Incidents',
        detail,
        run: () => navigate({ name: 'incident', id: i.id }),
      });
      if (i.resolvedAt === undefined)
        entries.push({
          id: `incident:resolve:${i.id}`,
          name: 'Resolve incident',
          target: i.id,
          keywords: [i.title, 'rca', 'root cause', 'lift freeze'],
          kind: 'action',
          group: 'Incidents',
          detail,
          run: () => {
            request({ kind: 'resolve', id: i.id });
            navigate({ name: 'incident', id: i.id });
          },
        });
    }
    return entries;
  }, [list.data, onScreen]);
}
