import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ActionName, RolloutDetail } from '../../../shared/domain';
import { ApiError, errorMessage } from '../../api/api-error';
import { useRollout } from '../../api/use-rollout';
import { useSession } from '../../api/use-session';
import { routeHref } from '../../app/routes';
import { useSimNow } from '../../components/use-now';
import { useCommandStore } from '../../store/command-store';
import { toast } from '../../store/toast-store';
import { ActionBar } from './action-bar';
import { ActionDialog } from './action-dialog';
import { ACTION_META, ACTION_ORDER, shortcutLabel } from './action-meta';
import { actionStates } from './action-state';
import { EventTimeline } from './event-timeline';
import { MetricsPanel } from './metrics-panel';
import { RolloutHeader } from './rollout-header';
import { StepTimeline } from './step-timeline';
import { useActionRunner } from './use-action-runner';
import { useActionShortcuts } from './use-action-shortcuts';
import './rollout.css';

interface OpenDialog {
  action: ActionName;
  /** The rollout as the person saw it when they asked: its revision names the intent. */
  snapshot: RolloutDetail;
}

export function RolloutView({ id }: { id: string }) {
  const query = useRollout(id);
  const session = useSession();
  const now = useSimNow(1000);
  const { pending, run } = useActionRunner();
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const rollout = query.data;
  const observer = session.data?.role === 'observer';

  const states = useMemo(
    () => (rollout ? actionStates(rollout, pending, observer) : null),
    [rollout, pending, observer],
  );

  const request = useCallback(
    (action: ActionName) => {
      if (!rollout || !states) return;
      const state = states[action];
      const label = ACTION_META[action].label;
      if (state.pending) return;
      if (!state.enabled) {
        toast.info(`${label} is not available: ${state.reason ?? 'not now'}`);
        return;
      }
      if (ACTION_META[action].confirm) {
        // The dialog hands focus back to what opened it; from a shortcut or the palette, that is
        // the action's own button.
        document.querySelector<HTMLElement>(`[data-action="${action}"]`)?.focus();
        setDialog({ action, snapshot: rollout });
        return;
      }
      void run({ action, id: rollout.id, revision: rollout.revision });
    },
    [rollout, states, run],
  );

  useActionShortcuts(request);

  const registerRollout = useCommandStore((s) => s.registerRollout);
  const unregisterRollout = useCommandStore((s) => s.unregisterRollout);
  useEffect(() => {
    if (!states) return;
    registerRollout(
      id,
      ACTION_ORDER.map((action) => ({
        action,
        label: ACTION_META[action].label,
        shortcut: shortcutLabel(action),
        enabled: states[action].enabled,
        reason: states[action].reason,
      })),
      request,
    );
  }, [id, states, request, registerRollout]);
  useEffect(() => () => unregisterRollout(id), [id, unregisterRollout]);

  if (!rollout) {
    if (query.isError) {
      const notFound = query.error instanceof ApiError && query.error.code === 'not-found';
      return (
        <section className="panel panel-error" role="alert">
          <h1 className="view-title">
            {notFound ? `No rollout “${id}”` : `Rollout ${id} could not be loaded`}
          </h1>
          <p>{errorMessage(query.error)}</p>
          <a href={routeHref({ name: 'fleet' })}>← Back to the fleet</a>
        </section>
      );
    }
    return <p className="loading">Loading {id}…</p>;
  }

  return (
    <section className="rollout-view" aria-label={`Rollout ${rollout.id}`}>
      <RolloutHeader rollout={rollout} />
      {query.isError && (
        <p className="banner banner-error" role="alert">
          Refresh failed: {errorMessage(query.error)} — showing the last data received.
        </p>
      )}
      {states && <ActionBar states={states} onAction={request} />}
      <StepTimeline rollout={rollout} now={now} />
      <div className="rollout-grid">
        <MetricsPanel rollout={rollout} now={now} />
        <EventTimeline events={rollout.timeline} />
      </div>
      {dialog && (
        <ActionDialog
          action={dialog.action}
          rollout={dialog.snapshot}
          onCancel={() => setDialog(null)}
          onConfirm={({ reason, toVersion }) => {
            const { action, snapshot } = dialog;
            setDialog(null);
            void run({ action, id: snapshot.id, revision: snapshot.revision, reason, toVersion });
          }}
        />
      )}
    </section>
  );
}
