// The palette's alert commands: silence a firing alert, run a playbook's countermeasure.
import { useMemo } from 'react';
import { useAlerts } from '../../api/use-alerts';
import { navigate } from '../../app/routes';
import { useAlertsUiStore } from './alerts-ui-store';
import { runCountermeasure } from './run-countermeasure';

export interface AlertPaletteEntry {
  id: string;
  name: string;
  target?: string;
  keywords?: string[];
  kind: 'action' | 'navigation';
  destructive?: boolean;
  disabled?: boolean;
  group: string;
  detail?: string;
  run: () => void;
}

export function useAlertPaletteEntries(open: boolean): AlertPaletteEntry[] {
  const alerts = useAlerts(open);
  return useMemo(() => {
    const entries: AlertPaletteEntry[] = [];
    for (const a of alerts.data?.alerts ?? []) {
      if (a.state !== 'firing') continue;
      const where = [a.service, a.environment].filter(Boolean).join(' in ');
      entries.push({
        id: `alert:silence:${a.id}`,
        name: `Silence ${a.name}`,
        ...(where ? { target: where } : {}),
        keywords: ['alert', 'silence', a.name, ...(a.service ? [a.service] : [])],
        kind: 'action',
        group: 'Alerts',
        run: () => {
          navigate({ name: 'alerts' });
          useAlertsUiStore.getState().askSilence(a.id);
        },
      });
      for (const c of a.countermeasures) {
        if (c.action === 'pause-all') continue;
        const rollout = c.rollout;
        entries.push({
          id: `alert:countermeasure:${a.id}:${c.label}`,
          name: `Run countermeasure: ${c.label}`,
          target: rollout ?? a.name,
          keywords: ['playbook', 'countermeasure', a.name],
          kind: 'action',
          destructive: c.action === 'abort',
          disabled: !rollout,
          group: 'Alerts',
          ...(c.unavailable ? { detail: c.unavailable } : {}),
          run: () => rollout && runCountermeasure(rollout, c.action === 'abort' ? 'abort' : 'pause'),
        });
      }
    }
    return entries;
  }, [alerts.data]);
}
