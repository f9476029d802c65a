// The palette's rollout entries: the open rollout's actions with the view's live state (and
// "Override freeze…" where a freeze holds one), every rollout's actions by name ("Pause checkout
// prod-eu"), and Open rollout for each. All run through the rollout view's request, so the same
// confirmations and audit records apply as for its buttons.
import { useMemo } from 'react';
import type { ActionName, RolloutSummary } from '../../../shared/domain';
import type { PaletteEntry } from '../../app/palette-entry';
import { navigate } from '../../app/routes';
import { PHASE_WORDS } from '../../components/status-words';
import { useCommandStore } from '../../store/command-store';
import { ACTION_META, ACTION_ORDER } from './action-meta';
import { runRolloutAction } from './run-rollout-action';

/**
 * What may be asked of a rollout by name: in flight, every action its row menu can show; finished,
 * only what starts it again. The view still checks each when it runs and says why not, as its
 * buttons do.
 */
const IN_FLIGHT: readonly ActionName[] = ACTION_ORDER;
const BY_NAME: Record<RolloutSummary['phase'], readonly ActionName[]> = {
  progressing: IN_FLIGHT,
  paused: IN_FLIGHT,
  'awaiting-promotion': IN_FLIGHT,
  degraded: IN_FLIGHT,
  aborted: ['retry', 'roll-forward'],
  completed: ['roll-forward'],
};

/** The id an action on a rollout has in the palette: the same on screen and by name. */
export const rolloutActionId = (action: ActionName, rolloutId: string): string =>
  `action:${action}:${rolloutId}`;

export function useOpenRolloutPaletteEntries(): PaletteEntry[] {
  const rolloutId = useCommandStore((s) => s.rolloutId);
  const commands = useCommandStore((s) => s.rolloutCommands);
  const runCommand = useCommandStore((s) => s.runRolloutCommand);
  return useMemo(() => {
    if (!rolloutId || !runCommand) return [];
    const group = `Rollout ${rolloutId}`;
    const entries: PaletteEntry[] = commands.map((c) => ({
      id: rolloutActionId(c.action, rolloutId),
      name: c.label,
      target: rolloutId,
      kind: 'action',
      onScreen: true,
      destructive: ACTION_META[c.action].destructive,
      disabled: !c.enabled,
      group,
      shortcut: c.shortcut,
      ...(!c.enabled && c.reason ? { detail: c.reason } : {}),
      run: () => runCommand(c.action),
    }));
    for (const c of commands.filter((c) => c.frozen))
      entries.push({
        id: `override:${c.action}:${rolloutId}`,
        name: `Override freeze… ${c.label}`,
        target: rolloutId,
        keywords: ['freeze', 'override', 'incident'],
        kind: 'action',
        onScreen: true,
        destructive: true,
        group,
        ...(c.reason ? { detail: c.reason } : {}),
        run: () => runCommand(c.action, { overrideFreeze: true }),
      });
    return entries;
  }, [rolloutId, commands, runCommand]);
}

export function useRolloutPaletteEntries(fleet: readonly RolloutSummary[] | undefined): PaletteEntry[] {
  return useMemo(() => {
    const entries: PaletteEntry[] = [];
    for (const r of fleet ?? [])
      entries.push({
        id: `rollout:${r.id}`,
        name: 'Open rollout',
        target: r.id,
        keywords: [r.service, r.environment, r.canaryVersion],
        kind: 'navigation',
        group: 'Open rollout',
        detail: PHASE_WORDS[r.phase],
        run: () => navigate({ name: 'rollout', id: r.id }),
      });
    for (const r of fleet ?? [])
      for (const action of BY_NAME[r.phase])
        entries.push({
          id: rolloutActionId(action, r.id),
          name: ACTION_META[action].label,
          target: `${r.service} ${r.environment}`,
          keywords: [r.id, r.connection, r.canaryVersion],
          kind: 'action',
          destructive: ACTION_META[action].destructive,
          group: 'Rollouts by name',
          needsTarget: true,
          detail: `${PHASE_WORDS[r.phase]} · ${r.stableVersion} → ${r.canaryVersion}`,
          run: () => runRolloutAction(r.id, action),
        });
    return entries;
  }, [fleet]);
}
