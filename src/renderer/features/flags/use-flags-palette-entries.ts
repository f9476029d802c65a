// The palette's flag commands: every flag's Disable (the kill switch), Enable and Set rollout by its
// key and environment, its history page, the "changed in the last hour" filter, and Retry of a
// kill switch that could not be applied. Each runs the very request the row's button runs.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { FlagChangeKind } from '../../../shared/flags';
import { useFlags } from '../../api/use-flags';
import { useFreezeStatus } from '../../api/use-incidents';
import { useSession } from '../../api/use-session';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate, parseRoute } from '../../app/routes';
import { FLAG_ACTION_LABELS, flagActionStates } from './flag-actions';
import { flagRequest, sendFlagChange, useFlagChangeStore } from './flag-change-store';
import { flagRowId } from './flag-words';
import { flagDetailHref } from './flags-query';

const GROUP = 'Flags';

/** The Flags view as it is open (its filters kept), or as first opened. */
function openFlagsView(): void {
  const route = parseRoute(window.location.hash);
  if (route.name !== 'flags') navigate({ name: 'flags', query: {} });
}

export function useFlagsPaletteEntries(open: boolean): PaletteEntry[] {
  const flags = useFlags({}, open);
  const observer = useSession().data?.role === 'observer';
  const freezes = useFreezeStatus().data?.freezes;
  const pending = useFlagChangeStore((s) => s.pending);
  const outcome = useFlagChangeStore((s) => s.outcome);
  const killReason = useFlagChangeStore((s) => s.killReason);
  const queryClient = useQueryClient();
  return useMemo(() => {
    const entries: PaletteEntry[] = [
      {
        id: 'flags:changed-1h',
        name: 'Flags changed in the last hour',
        keywords: ['flags', 'toggles', 'recent'],
        kind: 'navigation',
        group: GROUP,
        run: () => navigate({ name: 'flags', query: { changed: '1h' } }),
      },
    ];
    const retry = outcome?.retry;
    if (retry)
      entries.push({
        id: 'flags:retry',
        name: 'Retry',
        target: `${retry.change.kind} ${retry.flag} in ${retry.environment}`,
        keywords: ['flag', 'kill switch', 'again'],
        kind: 'action',
        group: GROUP,
        disabled: pending[retry.rowId] === true,
        run: () => {
          openFlagsView();
          void sendFlagChange(queryClient, retry);
        },
      });
    for (const flag of flags.data?.flags ?? []) {
      const id = flagRowId(flag);
      const where = `${flag.key} in ${flag.environment}`;
      const states = flagActionStates(flag, {
        observer,
        pending: pending[id] === true,
        freezes: freezes ?? [],
      });
      entries.push({
        id: `flag:open:${id}`,
        name: 'Open flag',
        target: where,
        keywords: ['flag', 'history', flag.connection, ...(flag.services ?? [])],
        kind: 'navigation',
        group: GROUP,
        needsTarget: true,
        run: () => {
          window.location.hash = flagDetailHref(flag.environment, flag.key);
        },
      });
      for (const kind of ['disable', 'enable', 'set-rollout'] as FlagChangeKind[]) {
        const state = states[kind];
        entries.push({
          id: `flag:${kind}:${id}`,
          name: FLAG_ACTION_LABELS[kind],
          target: where,
          keywords: [
            'flag',
            ...(kind === 'disable'
              ? ['kill switch', 'turn off']
              : kind === 'enable'
                ? ['turn on']
                : ['percent', 'share']),
            ...(flag.services ?? []),
          ],
          kind: 'action',
          group: GROUP,
          needsTarget: true,
          disabled: !state.enabled,
          ...(state.reason ? { detail: state.reason } : {}),
          run: () => {
            openFlagsView();
            if (kind === 'disable') void sendFlagChange(queryClient, flagRequest(flag, { kind }, killReason));
            else useFlagChangeStore.getState().ask(kind, id);
          },
        });
      }
    }
    return entries;
  }, [flags.data, observer, freezes, pending, outcome, killReason, queryClient]);
}
