import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import type { Freeze } from '../../../shared/incidents';
import { useSession } from '../../api/use-session';
import { useCommandStore } from '../../store/command-store';
import { toast } from '../../store/toast-store';
import { needsConfirmation } from './action-caution';
import { ActionDialog } from './action-dialog';
import { ACTION_META, ACTION_ORDER, shortcutLabel } from './action-meta';
import { actionStates, type ActionState } from './action-state';
import { previousRevision } from './revision-words';
import { useActionRunner } from './use-action-runner';
import { useActionShortcuts } from './use-action-shortcuts';

interface OpenDialog {
  action: ActionName;
  /** The rollout as the person saw it when they asked: its revision names the intent. */
  snapshot: RolloutDetail;
  toRevision?: number;
  /** Through a release freeze: the dialog asks why. */
  overrideFreeze?: Freeze;
}

/** What a request may name beyond the action: a revision's own Undo names its revision. */
export interface RequestOptions {
  toRevision?: number;
  /** The action is held by a release freeze: confirm it with a reason to override the freeze. */
  overrideFreeze?: boolean;
}

export interface RolloutActions {
  states: Record<ActionName, ActionState> | null;
  /** What a button, a shortcut and the command palette all call: it confirms first when it must. */
  request: (action: ActionName, options?: RequestOptions) => void;
  /** Opens the confirmation that lets a frozen action through with a reason. */
  override: (action: ActionName) => void;
  /** The open confirmation dialog, to be rendered by the view. */
  dialog: ReactNode;
}

/**
 * The actions a view offers on one rollout: their states, one request path for buttons, shortcuts
 * and the palette, and the confirmation dialog. The rollout and canary views both use this.
 */
export function useRolloutActions(
  id: string,
  rollout: RolloutDetail | undefined,
  offered: readonly ActionName[] = ACTION_ORDER,
): RolloutActions {
  const session = useSession();
  const { pending, run } = useActionRunner();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const observer = session.data?.role === 'observer';

  const states = useMemo(
    () => (rollout ? actionStates(rollout, pending, observer) : null),
    [rollout, pending, observer],
  );

  const request = useCallback(
    (action: ActionName, options: RequestOptions = {}) => {
      if (!rollout || !states || !offered.includes(action)) return;
      const state = states[action];
      const label = ACTION_META[action].label;
      if (state.pending) return;
      if (options.overrideFreeze && state.freeze) {
        setDialog({ action, snapshot: rollout, overrideFreeze: state.freeze });
        return;
      }
      if (!state.enabled) {
        toast.info(`${label} is not available: ${state.reason ?? 'not now'}`);
        return;
      }
      if (needsConfirmation(action, rollout)) {
        // The dialog hands focus back to what opened it; from a shortcut or the palette, that is
        // the action's own button (a revision's Undo keeps its own focus).
        if (options.toRevision === undefined)
          document.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
        // The action bar's Undo goes to the previous revision: named, so the dialog says which.
        const toRevision =
          options.toRevision ??
          (action === 'undo' && rollout.kubernetes
            ? previousRevision(rollout.kubernetes)?.revision
            : undefined);
        setDialog({ action, snapshot: rollout, ...(toRevision === undefined ? {} : { toRevision }) });
        return;
      }
      const { overrideFreeze: _override, ...rest } = options;
      void run({ action, id: rollout.id, revision: rollout.revision, ...rest });
    },
    [rollout, states, run, offered],
  );

  useActionShortcuts(request, offered);

  const registerRollout = useCommandStore((s) => s.registerRollout);
  const unregisterRollout = useCommandStore((s) => s.unregisterRollout);
  useEffect(() => {
    if (!states) return;
    registerRollout(
      id,
      offered
        .filter((action) => !ACTION_META[action].onlyWhenOffered || states[action].enabled)
        .map((action) => ({
          action,
          label: ACTION_META[action].label,
          shortcut: shortcutLabel(action),
          enabled: states[action].enabled,
          reason: states[action].reason,
          frozen: states[action].freeze !== undefined,
        })),
      request,
    );
  }, [id, states, request, registerRollout, offered]);
  useEffect(() => () => unregisterRollout(id), [id, unregisterRollout]);

  const element = dialog && (
    <ActionDialog
      action={dialog.action}
      rollout={dialog.snapshot}
      {...(dialog.toRevision === undefined ? {} : { toRevision: dialog.toRevision })}
      {...(dialog.overrideFreeze ? { freeze: dialog.overrideFreeze } : {})}
      onCancel={() => setDialog(null)}
      onConfirm={({ reason, toVersion, container }) => {
        const { action, snapshot, toRevision, overrideFreeze } = dialog;
        setDialog(null);
        void run({
          action,
          id: snapshot.id,
          revision: snapshot.revision,
          reason,
          ...(overrideFreeze ? { overrideFreeze: reason } : {}),
          ...(toVersion === undefined ? {} : { toVersion }),
          ...(container === undefined ? {} : { container }),
          ...(toRevision === undefined ? {} : { toRevision }),
        });
      }}
    />
  );

  const override = useCallback((action: ActionName) => request(action, { overrideFreeze: true }), [request]);
  return { states, request, override, dialog: element };
}
