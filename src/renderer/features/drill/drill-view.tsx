import { useEffect, useRef } from 'react';
import type { DrillActionView, DrillInjectView, DrillStatus } from '../../../shared/drills';
import { errorMessage } from '../../api/api-error';
import { useDrillRun, useDrillStatus } from '../../api/use-drill';
import { useSession } from '../../api/use-session';
import { formatClock } from '../../components/format-time';
import { formatDuration } from '../../components/format-duration';
import { StatusIcon } from '../../components/status-icon';
import { useDrillClock } from './drill-banner';
import { DrillControls } from './drill-controls';
import { useDrillRequestStore } from './drill-request-store';
import {
  DRILL_STATE_ICONS,
  DRILL_STATE_WORDS,
  injectKindWords,
  OUTCOME_ICONS,
  offsetWords,
} from './drill-words';
import { InjectForm } from './inject-form';
import { isRevertable, revertRefusal, RevertConfigDialog } from './revert-config-dialog';
import './drill.css';

function StateBadge({ state }: { state: DrillStatus['state'] }) {
  return (
    <span className={`badge drill-state drill-state-${state}`} data-testid="drill-state">
      <StatusIcon name={DRILL_STATE_ICONS[state]} />
      {DRILL_STATE_WORDS[state]}
    </span>
  );
}

function ClockPanel({ status, readAt }: { status: DrillStatus; readAt: number }) {
  const clock = useDrillClock(status, readAt);
  const offset = clock?.offset ?? status.offset;
  const share = status.durationMs > 0 ? Math.min(100, (offset / status.durationMs) * 100) : 0;
  return (
    <section className="panel drill-clock" aria-labelledby="drill-clock-title">
      <h2 id="drill-clock-title" className="panel-title">
        Simulated clock
      </h2>
      <p className="drill-clock-time" data-testid="drill-clock">
        {formatClock(clock?.time ?? status.simulatedTime)} <span className="muted">UTC</span>
      </p>
      <div
        className="drill-progress"
        role="progressbar"
        aria-label="Drill progress"
        aria-valuemin={0}
        aria-valuemax={Math.round(status.durationMs / 1000)}
        aria-valuenow={Math.round(offset / 1000)}
        aria-valuetext={`${offsetWords(offset)} of ${offsetWords(status.durationMs).slice(1)}`}
      >
        <div className="drill-progress-fill" style={{ width: `${share}%` }} />
      </div>
      <p className="drill-clock-detail">
        <span data-testid="drill-offset">{offsetWords(offset)}</span> of{' '}
        {offsetWords(status.durationMs).slice(1)} · {status.speed}× · <StateBadge state={status.state} />
      </p>
      {status.lagging && (
        <p className="drill-lagging" role="status" data-testid="drill-lagging">
          <StatusIcon name="warning" /> Behind: this machine cannot keep {status.speed}×;{' '}
          {formatDuration(status.lagging.droppedMs)} of simulated time given up so far.
        </p>
      )}
    </section>
  );
}

function SteadyStatePanel({ status }: { status: DrillStatus }) {
  const { holds, failing } = status.steadyState;
  return (
    <section className="panel drill-steady" aria-labelledby="drill-steady-title">
      <h2 id="drill-steady-title" className="panel-title">
        Steady state
      </h2>
      <p
        className={`drill-steady-word ${holds ? 'is-holding' : 'is-broken'}`}
        data-testid="drill-steady-state"
      >
        <StatusIcon name={holds ? 'check' : 'critical'} />
        {holds ? 'Holds' : 'Broken'}
      </p>
      <p className="muted">{status.scenario.steadyState}</p>
      {failing.length > 0 && (
        <ul className="drill-failing" aria-label="Failing probes">
          {failing.map((f) => (
            <li key={f}>
              <StatusIcon name="cross" /> {f}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InjectList({
  injects,
  offset,
  empty,
  label,
  upcoming,
  revert,
}: {
  injects: readonly DrillInjectView[];
  offset: number;
  empty: string;
  label: string;
  upcoming?: boolean;
  /** Offers Revert on config pushes in effect; a reason it cannot be done disables it. */
  revert?: { refusal: string | undefined };
}) {
  if (injects.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="drill-injects" aria-label={label}>
      {injects.map((i) => (
        <li key={i.id} data-testid={`drill-inject-${i.id}`}>
          <span className="drill-at">{offsetWords(i.at)}</span>
          <span className="drill-inject-what">
            <span className="drill-inject-kind">{injectKindWords(i.kind)}</span>
            {i.live && <span className="badge drill-live">Live inject</span>}
            <span className="drill-inject-note">{i.note ?? i.id}</span>
            {revert && isRevertable(i) && (
              <button
                type="button"
                className="btn btn-small"
                disabled={revert.refusal !== undefined}
                title={revert.refusal ?? `Take config push ${i.id} back, with no deploy`}
                onClick={() => useDrillRequestStore.getState().revert(i.id)}
                data-testid={`revert-config-${i.id}`}
              >
                Revert config push…
              </button>
            )}
          </span>
          {upcoming ? (
            <span className="muted">in {formatDuration(i.at - offset)}</span>
          ) : i.endedAt !== undefined ? (
            <span className="muted">ended {offsetWords(i.endedAt)}</span>
          ) : (
            <span className="muted">ongoing</span>
          )}
        </li>
      ))}
    </ol>
  );
}

function ActionsTable({ actions }: { actions: readonly DrillActionView[] }) {
  if (actions.length === 0)
    return <p className="muted">No participant has acted yet. Their actions show here as they happen.</p>;
  // Newest first: what just happened is what the room talks about.
  const rows = [...actions].reverse();
  return (
    <table className="drill-actions" aria-label="Participants’ actions" data-testid="drill-actions">
      <thead>
        <tr>
          <th scope="col">Simulated</th>
          <th scope="col">Wall (UTC)</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={`${a.wallTime}-${a.actor}-${a.action}-${a.target}-${a.offset}`}>
            <td className="drill-at">{offsetWords(a.offset)}</td>
            <td>{formatClock(a.wallTime)}</td>
            <td>{a.actor}</td>
            <td>{a.action}</td>
            <td>{a.target}</td>
            <td className={`drill-outcome drill-outcome-${a.outcome}`} title={a.message}>
              <StatusIcon name={OUTCOME_ICONS[a.outcome]} />
              {a.outcome}
              {a.message && <span className="drill-outcome-message"> — {a.message}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EndedPanel({ runId }: { runId: string }) {
  const run = useDrillRun(runId);
  const entry = run.data;
  return (
    <section className="panel drill-ended" aria-labelledby="drill-ended-title" data-testid="drill-ended">
      <h2 id="drill-ended-title" className="panel-title">
        Scorecard
      </h2>
      {entry ? (
        <p className="drill-score" data-testid="drill-score">
          <strong>{entry.score}</strong>/100
          {entry.timeToDetectMs !== undefined && ` · detected in ${formatDuration(entry.timeToDetectMs)}`}
          {entry.timeToMitigateMs !== undefined &&
            ` · mitigated in ${formatDuration(entry.timeToMitigateMs)}`}
        </p>
      ) : (
        <p className="muted" data-testid="drill-score-pending">
          {run.isError
            ? `The score could not be read: ${errorMessage(run.error)}`
            : entry === null
              ? 'The run is scored and saved; its score shows here once the drill history lists it.'
              : 'Reading the score…'}
        </p>
      )}
      <p>
        <a href={`#/drills/${encodeURIComponent(runId)}`} data-testid="drill-report-link">
          After-action report of run {runId}
        </a>
      </p>
    </section>
  );
}

export function DrillView() {
  const session = useSession();
  const drill = useDrillStatus();
  const status = drill.data;
  const requested = useDrillRequestStore((s) => s.requested);
  const reverting = useDrillRequestStore((s) => s.reverting);
  const kindRef = useRef<HTMLSelectElement>(null);

  // "Inject now…" from the palette: its form, ready to fill.
  useEffect(() => {
    if (requested?.kind !== 'inject' || !status?.facilitator) return;
    useDrillRequestStore.getState().request(null);
    kindRef.current?.focus();
  }, [requested, status?.facilitator]);

  const head = (
    <div className="view-head">
      <h1 id="drill-title" className="view-title" tabIndex={-1}>
        Drill{status ? `: ${status.scenario.title}` : ''}
      </h1>
      {status && <StateBadge state={status.state} />}
      {status && (
        <span className="muted">
          {status.scenario.id} · seed {status.seed}
          {status.team ? ` · team ${status.team}` : ''}
          {status.facilitator ? ' · you run this drill' : ''}
        </span>
      )}
    </div>
  );

  if (session.data && !session.data.drill)
    return (
      <section className="drill-view" aria-labelledby="drill-title">
        {head}
        <p className="muted" data-testid="drill-none">
          This control room is not running a drill. Start one with{' '}
          <code>control-room serve --drill &lt;scenario&gt;</code>; the participants join with their
          invitation links.
        </p>
      </section>
    );
  if (drill.isError && !status)
    return (
      <section className="drill-view" aria-labelledby="drill-title">
        {head}
        <p className="banner banner-error" role="alert">
          Could not read the drill: {errorMessage(drill.error)}
        </p>
      </section>
    );
  if (!status)
    return (
      <section className="drill-view" aria-labelledby="drill-title">
        {head}
        <p className="loading">Loading the drill…</p>
      </section>
    );

  const upcoming = status.upcoming;
  const revertOf = reverting ? status.happened.find((i) => i.id === reverting && isRevertable(i)) : undefined;
  return (
    <section className="drill-view" aria-labelledby="drill-title" data-testid="drill-view">
      {head}
      {status.state === 'ended' && status.runId && <EndedPanel runId={status.runId} />}
      <div className="drill-summary">
        <section className="panel drill-briefing" aria-labelledby="drill-briefing-title">
          <h2 id="drill-briefing-title" className="panel-title">
            Briefing
          </h2>
          <p data-testid="drill-briefing">{status.scenario.briefing}</p>
        </section>
        <ClockPanel status={status} readAt={drill.dataUpdatedAt} />
        <SteadyStatePanel status={status} />
      </div>
      {!status.facilitator && (
        <p className="muted drill-participant-note" data-testid="drill-participant-note">
          The facilitator runs the clock and the injects. Act as you would on call: the fleet, rollouts,
          alerts and incidents work as usual, on the drill’s simulated fleet.
        </p>
      )}
      <div className={status.facilitator ? 'drill-body has-panel' : 'drill-body'}>
        <div className="drill-main">
          <div className="drill-columns">
            <section className="panel" aria-labelledby="drill-happened-title">
              <h2 id="drill-happened-title" className="panel-title">
                What has happened <span className="panel-count">{status.happened.length}</span>
              </h2>
              <InjectList
                injects={status.happened}
                offset={status.offset}
                label="What has happened"
                empty="Nothing yet."
                revert={{ refusal: revertRefusal(session.data?.role, status.state) }}
              />
            </section>
            {upcoming && (
              <section className="panel" aria-labelledby="drill-upcoming-title" data-testid="drill-upcoming">
                <h2 id="drill-upcoming-title" className="panel-title">
                  Still to come <span className="panel-count">{upcoming.length}</span>
                  <span className="muted drill-only-you"> (only you see these)</span>
                </h2>
                <InjectList
                  injects={upcoming}
                  offset={status.offset}
                  label="Still to come"
                  empty="The timeline is done."
                  upcoming
                />
              </section>
            )}
          </div>
          <section className="panel" aria-labelledby="drill-actions-title">
            <h2 id="drill-actions-title" className="panel-title">
              Participants’ actions <span className="panel-count">{status.actions.length}</span>
            </h2>
            <ActionsTable actions={status.actions} />
          </section>
        </div>
        {/* The facilitator's panel beside what happens, so both stay in sight. */}
        {status.facilitator && (
          <section className="panel drill-facilitator" aria-labelledby="drill-facilitator-title">
            <h2 id="drill-facilitator-title" className="panel-title">
              Facilitator
            </h2>
            <DrillControls
              status={status}
              requested={requested}
              onRequestDone={() => useDrillRequestStore.getState().request(null)}
            />
            {status.state !== 'ended' && <InjectForm status={status} kindRef={kindRef} />}
          </section>
        )}
      </div>
      {revertOf && revertRefusal(session.data?.role, status.state) === undefined && (
        <RevertConfigDialog inject={revertOf} onDone={() => useDrillRequestStore.getState().revert(null)} />
      )}
    </section>
  );
}
