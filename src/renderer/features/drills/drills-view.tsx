import type { DrillRunSummary, ScenarioSummary } from '../../../shared/drills';
import { errorMessage } from '../../api/api-error';
import { useDrillHistory, useDrillScenarios } from '../../api/use-drills';
import { useSession } from '../../api/use-session';
import { routeHref } from '../../app/routes';
import { CopyButton } from '../../components/copy-button';
import { formatDateTime } from '../../components/format-time';
import { formatSpan } from '../../components/format-duration';
import { drillServeCommand } from './drill-command-text';
import { startRefusal, useDrillLaunchStore } from './drill-launch-store';
import { RunningDrillsPanel } from './running-drills-panel';
import { StartDrillDialog } from './start-drill-dialog';
import { ScoreBadge } from './score-badge';
import { ScoreTrend } from './score-trend';
import './drills.css';

const duration = (ms: number | undefined) => (ms === undefined ? undefined : formatSpan(ms / 1000));

function ScenarioCard({ s, refusal }: { s: ScenarioSummary; refusal: string | undefined }) {
  const command = drillServeCommand(s.id);
  const start = useDrillLaunchStore((state) => state.start);
  const reasonId = `drill-start-reason-${s.id}`;
  return (
    <li className="panel drill-scenario" data-testid={`drill-scenario-${s.id}`}>
      <div className="drill-scenario-head">
        <h3 className="drill-scenario-title">{s.title}</h3>
        <span className="muted">
          {s.id} · {formatSpan(s.durationMs / 1000)} · {s.injects} inject{s.injects === 1 ? '' : 's'} ·{' '}
          {s.source === 'shipped' ? 'shipped' : 'this workspace'}
        </span>
      </div>
      <p className="drill-scenario-briefing">{s.briefing}</p>
      <div className="drill-scenario-actions">
        <span className="action-wrap">
          <button
            type="button"
            className="btn btn-primary btn-small"
            aria-disabled={refusal !== undefined}
            aria-describedby={refusal ? reasonId : undefined}
            title={refusal ?? `Start a drill room of ${s.id} in its own process, with you as facilitator`}
            onClick={() => {
              if (!refusal) start(s.id);
            }}
          >
            Start drill…<span className="visually-hidden"> {s.id}</span>
          </button>
          {refusal && (
            <span id={reasonId} role="tooltip" className="action-reason">
              {refusal}
            </span>
          )}
        </span>
      </div>
      <div className="drill-command">
        <span className="muted drill-command-label">Or in a terminal:</span>
        <code>{command}</code>
        <CopyButton text={command} label={`command to run ${s.id}`} />
      </div>
    </li>
  );
}

function RunRow({ r }: { r: DrillRunSummary }) {
  return (
    <tr data-testid={`drill-run-${r.id}`}>
      <td>
        <a href={routeHref({ name: 'drill-run', id: r.id })}>{r.title}</a>
        <div className="muted drill-run-id">{r.id}</div>
      </td>
      <td>{r.team ?? <span className="muted">not named</span>}</td>
      <td>{formatDateTime(r.finishedAt)}</td>
      <td>
        <ScoreBadge score={r.score} />
      </td>
      <td>{duration(r.timeToDetectMs) ?? <span className="muted">not detected</span>}</td>
      <td>{duration(r.timeToMitigateMs) ?? <span className="muted">not mitigated</span>}</td>
    </tr>
  );
}

/** The scenarios this workspace can run, and its drill history with the trend per scenario and team. */
export function DrillsView() {
  const scenarios = useDrillScenarios();
  const history = useDrillHistory();
  const runs = history.data?.runs ?? [];
  const session = useSession();
  const refusal = startRefusal(session.data);
  const starting = useDrillLaunchStore((state) => state.starting);
  const closeStart = useDrillLaunchStore((state) => state.start);
  const startingScenario = scenarios.data?.find((s) => s.id === starting);
  return (
    <section className="drills-view" aria-labelledby="drills-title">
      <div className="view-head">
        <h1 id="drills-title" className="view-title">
          Drills
        </h1>
        <span className="muted">
          Fire drills on the simulator: a scenario, a team, a score and an after-action report.
        </span>
      </div>

      <RunningDrillsPanel />

      <section className="drills-section" aria-labelledby="drills-history-title">
        <h2 id="drills-history-title" className="panel-title">
          History {history.data && <span className="panel-count">{runs.length}</span>}
        </h2>
        {history.isError && (
          <p className="banner banner-error" role="alert">
            Could not read the drill history: {errorMessage(history.error)}
          </p>
        )}
        {!history.data && !history.isError && <p className="loading">Loading the drill history…</p>}
        {history.data && history.data.unreadable.length > 0 && (
          <div className="banner banner-error drill-unreadable" role="alert" data-testid="drill-unreadable">
            <strong>
              {history.data.unreadable.length} run{history.data.unreadable.length === 1 ? '' : 's'} could not
              be read:
            </strong>
            <ul>
              {history.data.unreadable.map((u) => (
                <li key={u.id}>
                  {u.id}: {u.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        {history.data && history.data.trends.length > 0 && (
          <h3 className="drill-subtitle">Trend per scenario and team, oldest to newest</h3>
        )}
        {history.data && history.data.trends.length > 0 && (
          <ul className="drill-trends" aria-label="Trend per scenario and team">
            {history.data.trends.map((t) => (
              <li
                key={`${t.scenario}\u0000${t.team ?? ''}`}
                className="panel drill-trend"
                data-testid="drill-trend"
              >
                <span className="drill-trend-who">
                  <strong>{t.scenario}</strong> · {t.team ?? 'no team named'}
                </span>
                <ScoreTrend trend={t} />
              </li>
            ))}
          </ul>
        )}
        {history.data && (
          <table className="drill-history" aria-label="Drill history">
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">Team</th>
                <th scope="col">Finished (UTC)</th>
                <th scope="col">Score</th>
                <th scope="col">Time to detect</th>
                <th scope="col">Time to mitigate</th>
              </tr>
            </thead>
            <tbody>
              {runs.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No finished drills in this workspace yet. Run one below, or headless with{' '}
                    <code>control-room drill run &lt;scenario&gt; --team &lt;name&gt;</code>.
                  </td>
                </tr>
              )}
              {runs.map((r) => (
                <RunRow key={r.id} r={r} />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="drills-section" aria-labelledby="drills-scenarios-title">
        <h2 id="drills-scenarios-title" className="panel-title">
          Scenarios {scenarios.data && <span className="panel-count">{scenarios.data.length}</span>}
        </h2>
        {scenarios.isError && (
          <p className="banner banner-error" role="alert">
            Could not read the scenarios: {errorMessage(scenarios.error)}
          </p>
        )}
        {!scenarios.data && !scenarios.isError && <p className="loading">Loading scenarios…</p>}
        {scenarios.data && (
          <ul className="drill-scenarios">
            {scenarios.data.map((s) => (
              <ScenarioCard key={s.id} s={s} refusal={refusal} />
            ))}
          </ul>
        )}
      </section>
      {startingScenario && !refusal && (
        <StartDrillDialog scenario={startingScenario} onDone={() => closeStart(undefined)} />
      )}
    </section>
  );
}
