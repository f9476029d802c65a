// The palette's alert commands: silence a firing alert, run a playbook's countermeasure.
import { useMemo } from 'react';
import { useAlerts } from '../../api/use-alerts';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { usePauseAllStore } from '../../store/pause-all-store';
import { useAlertsUiStore } from './alerts-ui-store';
import { runRolloutAction } from '../rollout/run-rollout-action';

/** Every alert by name (firing or not), Silence for each firing one, and its countermeasures. */
export function useAlertPaletteEntries(open: boolean): PaletteEntry[] {
  const alerts = useAlerts(open);
  return useMemo(() => {
    const entries: PaletteEntry[] = [];
    for (const a of alerts.data?.alerts ?? [])
      entries.push({
        id: `alert:open:${a.id}`,
        name: `Alert ${a.name}`,
        ...(a.service ? { target: [a.service, a.environment].filter(Boolean).join(' ') } : {}),
        keywords: ['alert', a.state, ...(a.playbook ? ['playbook'] : ['no playbook'])],
        kind: 'navigation',
        group: 'Alerts',
        detail: a.state,
        run: () => navigate({ name: 'alerts' }),
      });
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
        if (c.action === 'pause-all') {
          // The playbook's button takes you to the fleet; here the bulk pause's own dialog opens.
          const scope = c.environment ? { environment: c.environment } : undefined;
          entries.push({
            id: `alert:countermeasure:${a.id}:${c.label}`,
            name: `Run countermeasure: ${c.label}`,
            target: a.name,
            keywords: ['playbook', 'countermeasure', 'pause everything', a.name],
            kind: 'action',
            group: 'Alerts',
            run: () => {
              navigate({ name: 'fleet' });
              usePauseAllStore.getState().openDialog(scope);
            },
          });
          continue;
        }
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
          run: () => rollout && runRolloutAction(rollout, c.action === 'abort' ? 'abort' : 'pause'),
        });
      }
    }
    return entries;
  }, [alerts.data]);
}
