import { useId, useMemo, useState } from 'react';
import type { ReleaseSetSummary } from '../../../shared/release-sets';
import { ApiError, errorMessage } from '../../api/api-error';
import { useFleet } from '../../api/use-fleet';
import { useFreezeStatus } from '../../api/use-incidents';
import { useReleaseSet, useReleaseSetAction, type ReleaseSetMethod } from '../../api/use-release-sets';
import { useSession } from '../../api/use-session';
import type { PaletteEntry } from '../../app/palette-entry';
import { routeHref } from '../../app/routes';
import { ScreenPaletteEntries } from '../../app/screen-palette-entries';
import { formatDateTime } from '../../components/format-time';
import { idleRun } from './idle-run';
import { MemberChain } from './member-chain';
import { SetActionDialog, type SetDialogRequest } from './set-action-dialog';
import { SET_ACTIONS, setActionStates, type SetActionName, type SetActionState } from './set-actions';
import { SetAuditStory } from './set-audit-story';
import { SetStateBadge } from './set-badges';
import { markSetIntentRefused, setIntentKey } from './set-intent-key';
import { abortConsequence, membersInShort, startConsequence } from './set-words';
import './release-sets.css';

const LABELS: Record<SetActionName, string> = {
  start: 'Start',
  pause: 'Pause',
  resume: 'Resume',
  abort: 'Abort',
};
const METHODS: Record<SetActionName, ReleaseSetMethod> = {
  start: 'sets.start',
  pause: 'sets.pause',
  resume: 'sets.resume',
  abort: 'sets.abort',
};
const TONES: Record<SetActionName, string> = {
  start: 'primary',
  pause: 'neutral',
  resume: 'neutral',
  abort: 'danger',
};
const IN_FLIGHT = new Set(['running', 'paused', 'aborting']);

/** The environments a set may run in: its own list, or every one the fleet has. */
function environmentsOf(summary: ReleaseSetSummary, fleetEnvironments: readonly string[]): string[] {
  const listed = summary.definition.environments ?? fleetEnvironments;
  const withRuns = summary.runs.map((r) => r.environment);
  return [...new Set([...listed, ...withRuns])];
}

/** The environment shown first: one where the set is in flight, else one it ran in, else the first. */
function defaultEnvironment(summary: ReleaseSetSummary, environments: readonly string[]): string | undefined {
  return (
    summary.runs.find((r) => IN_FLIGHT.has(r.state))?.environment ??
    summary.runs[0]?.environment ??
    environments[0]
  );
}

export function ReleaseSetView({ name }: { name: string }) {
  const query = useReleaseSet(name);
  const fleet = useFleet();
  const freeze = useFreezeStatus();
  const session = useSession();
  const act = useReleaseSetAction();
  const [picked, setPicked] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [dialog, setDialog] = useState<SetDialogRequest | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const pickerId = useId();
  const reasonId = useId();
  const summary = query.data;
  const fleetEnvironments = useMemo(
    () => [...new Set((fleet.data ?? []).map((r) => r.environment))].sort(),
    [fleet.data],
  );

  if (!summary) {
    if (query.isError) {
      const notFound = query.error instanceof ApiError && query.error.code === 'not-found';
      return (
        <section className="panel panel-error" role="alert">
          <h1 className="view-title">
            {notFound ? `No release set “${name}”` : `Set ${name} could not be loaded`}
          </h1>
          <p>{errorMessage(query.error)}</p>
          <a href={routeHref({ name: 'sets' })}>← Back to the release sets</a>
        </section>
      );
    }
    return <p className="loading">Loading {name}…</p>;
  }

  const definition = summary.definition;
  const environments = environmentsOf(summary, fleetEnvironments);
  const environment = picked ?? defaultEnvironment(summary, environments) ?? '';
  const stored = summary.runs.find((r) => r.environment === environment);
  const run = stored ?? idleRun(summary, environment, fleet.data ?? []);
  const observer = session.data?.role === 'observer';
  const computed = setActionStates(stored, {
    observer,
    freezes: freeze.data?.freezes ?? [],
    pending: act.isPending,
    environment,
  });
  const problems = definition.problems ?? [];
  // A set whose members the fleet does not know cannot start; the server refuses it too.
  const states =
    problems.length > 0 && computed.start.enabled
      ? { ...computed, start: { enabled: false, reason: `Cannot start: ${problems[0]}` } }
      : computed;

  const send = (action: SetActionName, why: string) => {
    setDialog(null);
    const idempotencyKey = setIntentKey(action, definition.name, environment, stored);
    act.mutate(
      {
        method: METHODS[action],
        input: { set: definition.name, environment, idempotencyKey, ...(why ? { reason: why } : {}) },
      },
      {
        onSuccess: (next) => {
          setReason('');
          setOutcome({
            ok: true,
            text: `${LABELS[action]}: ${definition.name} in ${environment} is ${next.verdict}.`,
          });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code !== 'network')
            markSetIntentRefused(action, definition.name, environment, stored);
          setOutcome({ ok: false, text: `${LABELS[action]} refused: ${errorMessage(error)}` });
        },
      },
    );
  };

  const open = (action: SetActionName) => {
    if (!states[action].enabled) return;
    if (action === 'start')
      setDialog({
        title: `Start ${definition.name} in ${environment}?`,
        consequence: startConsequence(definition.name, definition.members, environment),
        tone: 'primary',
        reason,
        onConfirm: (why) => send('start', why),
      });
    else if (action === 'abort')
      setDialog({
        title: `Abort ${definition.name} in ${environment}?`,
        consequence: abortConsequence(run),
        tone: 'danger',
        reason,
        onConfirm: (why) => send('abort', why),
      });
    // Pause needs no confirmation, like a rollout's; Resume only continues what was confirmed.
    else send(action, reason.trim());
  };

  const paletteEntries: PaletteEntry[] = SET_ACTIONS.map((action) => {
    const state = states[action];
    return {
      id: `release-set:${action}:${definition.name}:${environment}`,
      name: `${LABELS[action]} release set`,
      target: `${definition.name} ${environment}`,
      keywords: ['release set', 'set', definition.name, environment, LABELS[action]],
      kind: 'action',
      destructive: action === 'abort',
      group: `Release set ${definition.name}`,
      ...(state.enabled ? {} : { disabled: true, ...(state.reason ? { detail: state.reason } : {}) }),
      run: () => open(action),
    };
  });

  return (
    <section className="release-set-view" aria-label={`Release set ${definition.name}`}>
      <ScreenPaletteEntries source="release-set" entries={paletteEntries} />
      <header className="set-header">
        <div className="set-title-row">
          <a className="back-link" href={routeHref({ name: 'sets' })}>
            ← Release sets
          </a>
          <h1 className="view-title">{definition.name}</h1>
          <code className="tag" data-testid="set-members-short">
            {membersInShort(definition.members)}
          </code>
        </div>
        {definition.description && <p className="muted set-description">{definition.description}</p>}
        <div className="set-env-row">
          <label htmlFor={pickerId}>Environment</label>
          <select
            id={pickerId}
            className="set-env-picker"
            data-testid="set-environment"
            value={environment}
            onChange={(e) => {
              setPicked(e.target.value);
              setOutcome(null);
            }}
          >
            {environments.map((env) => (
              <option key={env} value={env}>
                {env}
                {summary.runs.some((r) => r.environment === env) ? '' : ' (not started)'}
              </option>
            ))}
          </select>
          <span className="muted small">Defined in {definition.source}</span>
        </div>
      </header>

      {problems.length > 0 && (
        <div className="banner banner-error set-problems" role="alert" data-testid="set-problems">
          <strong>This set cannot start:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className={`set-verdict panel set-verdict-${run.state}`} data-testid="set-verdict">
        <SetStateBadge state={run.state} large testId="set-state" />
        <span className="set-verdict-words" data-testid="set-verdict-words">
          {run.verdict}
        </span>
        {run.startedAt && (
          <span className="muted small">
            started {formatDateTime(run.startedAt)}
            {run.startedBy ? ` by ${run.startedBy}` : ''}
          </span>
        )}
      </div>

      <div className="set-actions">
        <div className="action-bar" role="toolbar" aria-label="Release set actions">
          {SET_ACTIONS.map((action) => (
            <SetActionButton
              key={action}
              action={action}
              state={states[action]}
              onClick={() => open(action)}
            />
          ))}
        </div>
        <div className="field set-reason">
          <label htmlFor={reasonId}>Reason</label>
          <input
            id={reasonId}
            autoComplete="off"
            value={reason}
            maxLength={2000}
            placeholder="Optional: goes into the audit log with the action"
            onChange={(e) => setReason(e.target.value)}
            disabled={observer}
          />
        </div>
      </div>
      {outcome && (
        <p
          className={`banner ${outcome.ok ? 'set-outcome-ok' : 'banner-error'}`}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="set-outcome"
        >
          {outcome.text}
        </p>
      )}
      {query.isError && (
        <p className="banner banner-error" role="alert">
          Refresh failed: {errorMessage(query.error)} — showing the last data received.
        </p>
      )}

      <div className="set-body">
        <section aria-labelledby="set-members-title">
          <h2 id="set-members-title" className="panel-title">
            Members in {environment}
          </h2>
          <MemberChain members={run.members} />
        </section>
        <SetAuditStory run={stored} />
      </div>
      {dialog && <SetActionDialog request={dialog} onCancel={() => setDialog(null)} />}
    </section>
  );
}

function SetActionButton({
  action,
  state,
  onClick,
}: {
  action: SetActionName;
  state: SetActionState;
  onClick: () => void;
}) {
  const reasonId = `set-action-reason-${action}`;
  return (
    <span className="action-wrap">
      <button
        type="button"
        className={`btn btn-action btn-${TONES[action]}`}
        data-action={action}
        aria-disabled={!state.enabled}
        aria-describedby={state.enabled ? undefined : reasonId}
        title={state.enabled ? undefined : state.reason}
        onClick={onClick}
      >
        {LABELS[action]}
      </button>
      {!state.enabled && state.reason && (
        <span id={reasonId} role="tooltip" className="action-reason">
          {state.reason}
        </span>
      )}
    </span>
  );
}
