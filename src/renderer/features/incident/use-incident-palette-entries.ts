import { useMemo } from 'react';
import { useIncidentList } from '../../api/use-incidents';
import { navigate } from '../../app/routes';
import { useIncidentDialogStore } from './incident-dialog-store';

export interface IncidentPaletteEntry {
  id: string;
  name: string;
  target?: string;
  keywords?: string[];
  kind: 'action' | 'navigation';
  group: string;
  detail?: string;
  run: () => void;
}

/** Declare incident, and for each incident Open and (while open) Resolve, for the command palette. */
export function useIncidentPaletteEntries(open: boolean): IncidentPaletteEntry[] {
  const list = useIncidentList(open);
  return useMemo(() => {
    const request = useIncidentDialogStore.getState().request;
    const entries: IncidentPaletteEntry[] = [
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
      {
        id: 'nav:incidents',
        name: 'Go to incidents',
        kind: 'navigation',
        group: 'Navigation',
        run: () => navigate({ name: 'incidents' }),
      },
    ];
    for (const i of list.data ?? []) {
      const detail = `${i.severity} “${i.title}”${i.resolvedAt === undefined ? ' — open' : ' — resolved'}`;
      entries.push({
        id: `incident:open:${i.id}`,
        name: 'Open incident',
        target: i.id,
        keywords: [i.title, i.commander],
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
  }, [list.data]);
}
