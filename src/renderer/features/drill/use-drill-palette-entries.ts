import { useMemo } from 'react';
import { useDrillStatus } from '../../api/use-drill';
import { useSession } from '../../api/use-session';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { clockButton, controlRefusal, type DrillCommand } from './drill-controls';
import { useDrillRequestStore, type DrillRequest } from './drill-request-store';
import { isRevertable, revertRefusal } from './revert-config-dialog';

const SPEEDS = [1, 5, 10, 30, 60] as const;

/**
 * The drill room by name while a drill runs, and for its facilitator every control of the panel:
 * each opens the drill room and runs there, through the same buttons' requests and dialogs.
 */
export function useDrillPaletteEntries(): PaletteEntry[] {
  const status = useDrillStatus().data;
  const role = useSession().data?.role;
  return useMemo(() => {
    if (!status) return [];
    const ask = (request: DrillRequest) => () => {
      useDrillRequestStore.getState().request(request);
      navigate({ name: 'drill' });
    };
    const entries: PaletteEntry[] = [
      {
        id: 'nav:drill',
        name: 'Go to drill room',
        target: status.scenario.title,
        keywords: ['drill', 'scenario', 'briefing', 'scorecard'],
        kind: 'navigation',
        group: 'Navigation',
        run: () => navigate({ name: 'drill' }),
      },
    ];
    // Any operator may take back a config push the drill made.
    const revertWhy = revertRefusal(role, status.state);
    for (const inject of status.happened.filter(isRevertable))
      entries.push({
        id: `drill:revert:${inject.id}`,
        name: 'Revert config push…',
        target: inject.id,
        keywords: ['drill', 'config', 'rollback', 'undo', inject.note ?? ''],
        kind: 'action',
        group: 'Drill',
        ...(revertWhy ? { disabled: true, detail: revertWhy } : { detail: inject.note }),
        run: () => {
          useDrillRequestStore.getState().revert(inject.id);
          navigate({ name: 'drill' });
        },
      });
    if (!status.facilitator) return entries;
    const control = (
      command: DrillCommand,
      name: string,
      request: DrillRequest | 'reset' | 'end',
      keywords: string[],
    ): PaletteEntry => {
      const why = controlRefusal(command, status.state);
      return {
        id: `drill:${command}`,
        name,
        keywords: ['drill', ...keywords],
        kind: 'action',
        group: 'Drill',
        // Reset and End throw away or close the run: never where a bare Enter lands.
        ...(command === 'reset' || command === 'end' ? { destructive: true } : {}),
        ...(why ? { disabled: true, detail: why } : {}),
        run:
          typeof request === 'string'
            ? () => {
                useDrillRequestStore.getState().confirm(request);
                navigate({ name: 'drill' });
              }
            : ask(request),
      };
    };
    const clock = clockButton(status.state);
    entries.push(
      control(clock.command, clock.label, { kind: 'control', command: clock.command }, [
        'clock',
        'start',
        'pause',
        'resume',
      ]),
      control('step', 'Step drill', { kind: 'control', command: 'step' }, ['advance', 'tick']),
      control('reset', 'Reset drill…', 'reset', ['restart', 'again']),
      control('end', 'End drill…', 'end', ['finish', 'score', 'report']),
      ...SPEEDS.map((speed): PaletteEntry => ({
        id: `drill:speed:${speed}`,
        name: `Set speed ${speed}×`,
        keywords: ['drill', 'speed', 'faster', 'slower', `${speed}x`],
        kind: 'action',
        group: 'Drill',
        ...(status.state === 'ended' ? { disabled: true, detail: 'The drill has ended' } : {}),
        run: ask({ kind: 'speed', speed }),
      })),
      {
        id: 'drill:inject',
        name: 'Inject now…',
        keywords: ['drill', 'inject', 'fault', 'alert', 'event', 'facilitator'],
        kind: 'action',
        group: 'Drill',
        ...(status.state === 'ended' ? { disabled: true, detail: 'The drill has ended' } : {}),
        run: ask({ kind: 'inject' }),
      },
    );
    return entries;
  }, [status, role]);
}
