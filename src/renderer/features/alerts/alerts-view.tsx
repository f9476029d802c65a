import type { AlertSourceStatus, AlertWithPlaybook, ResolvedCountermeasure } from '../../../shared/alerts';
import { errorMessage } from '../../api/api-error';
import { useAlerts } from '../../api/use-alerts';
import { navigate, routeHref } from '../../app/routes';
import { formatDateTime } from '../../components/format-time';
import { formatDuration } from '../../components/format-duration';
import { FileProblems } from '../../components/file-problems';
import { StatusIcon } from '../../components/status-icon';
import { runRolloutAction } from '../rollout/run-rollout-action';
import { SilenceDialog } from './silence-dialog';
import { useAlertsUiStore } from './alerts-ui-store';
import './alerts.css';

function SourceLine({ s }: { s: AlertSourceStatus }) {
  if (!s.stale)
    return (
      <li data-testid={`alert-source-${s.name}`}>
        <StatusIcon name="check" /> {s.name} ({s.kind}): live
      </li>
    );
  return (
    <li className="alert-source-stale" data-testid={`alert-source-${s.name}`}>
      <StatusIcon name="disconnected" /> <strong>{s.name} stale:</strong> {s.error ?? 'late'}
      {'; '}
      {s.asOf
        ? `its alerts are as of ${formatDateTime(s.asOf)} (${formatDuration(s.ageMs ?? 0)} ago)`
        : 'no alerts were read from it yet: unknown, not "none"'}
    </li>
  );
}

function Countermeasure({ c }: { c: ResolvedCountermeasure }) {
  if (c.action === 'pause-all')
    return (
      <button type="button" className="btn" onClick={() => navigate({ name: 'fleet' })}>
        {c.label}{' '}
        <span className="muted">
          (Pause everything{c.environment ? ` in ${c.environment}` : ''}, on the fleet)
        </span>
      </button>
    );
  return (
    <button
      type="button"
      className={c.action === 'abort' ? 'btn btn-danger' : 'btn'}
      disabled={!c.rollout}
      title={c.unavailable}
      onClick={() => c.rollout && runRolloutAction(c.rollout, c.action === 'abort' ? 'abort' : 'pause')}
    >
      {c.label}
      <span className="muted"> {c.rollout ? `→ ${c.rollout}` : `(${c.unavailable ?? 'unavailable'})`}</span>
    </button>
  );
}

function AlertCard({ a, onSilence }: { a: AlertWithPlaybook; onSilence: () => void }) {
  const where = [a.service, a.environment].filter(Boolean).join(' in ');
  const p = a.playbook;
  return (
    <article className="alert-card" data-testid={`alert-${a.name}`} aria-labelledby={`alert-title-${a.id}`}>
      <header className="alert-card-head">
        <h2 id={`alert-title-${a.id}`} className="alert-name">
          {a.state === 'firing' ? <StatusIcon name="critical" /> : <StatusIcon name="pause" />} {a.name}
        </h2>
        <span className={`alert-state alert-state-${a.state}`} data-testid="alert-state">
          {a.state}
        </span>
        {a.severity && <span className="alert-severity">{a.severity}</span>}
        {where && <span>{where}</span>}
        <span className="muted">since {formatDateTime(a.startsAt)}</span>
        {a.stale && (
          <span className="alert-stale" data-testid="alert-stale">
            <StatusIcon name="clock" /> stale: as of {formatDateTime(a.stale.asOf)}
          </span>
        )}
        <span className="alert-card-actions">
          {a.state === 'firing' && (
            <button type="button" className="btn" onClick={onSilence}>
              Silence {a.name}…
            </button>
          )}
        </span>
      </header>
      {a.annotations.summary && <p className="alert-summary">{a.annotations.summary}</p>}
      {a.runbookUrl && (
        <p>
          Runbook:{' '}
          <a href={a.runbookUrl} target="_blank" rel="noreferrer noopener">
            {a.runbookUrl}
          </a>
        </p>
      )}
      {p ? (
        <section className="playbook" aria-label={`Playbook: ${p.title}`} data-testid="playbook">
          <h3>
            Playbook: {p.title}{' '}
            <span className="muted">({p.origin === 'workspace' ? 'workspace' : 'shipped'})</span>
          </h3>
          <dl>
            <dt>What it means</dt>
            <dd>{p.description}</dd>
            <dt>Business impact</dt>
            <dd>{p.impact}</dd>
            <dt>How to fix</dt>
            <dd>
              <ol>
                {p.fix.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </dd>
          </dl>
          {a.countermeasures.length > 0 && (
            <div className="countermeasures" role="group" aria-label="Countermeasures">
              {a.countermeasures.map((c) => (
                <Countermeasure key={c.label} c={c} />
              ))}
            </div>
          )}
          {p.notes && <p className="muted">{p.notes}</p>}
        </section>
      ) : (
        <p className="no-playbook" data-testid="no-playbook">
          <StatusIcon name="warning" /> No playbook for {a.name}. Add one as playbooks/{a.name}.md in the
          workspace.
        </p>
      )}
    </article>
  );
}

/** Every firing alert with its playbook, the sources' freshness and the playbook coverage. */
export function AlertsView() {
  const alerts = useAlerts();
  const silencingId = useAlertsUiStore((s) => s.silencing);
  const askSilence = useAlertsUiStore((s) => s.askSilence);
  const done = useAlertsUiStore((s) => s.done);
  const data = alerts.data;
  const silencing = silencingId ? data?.alerts.find((a) => a.id === silencingId) : undefined;
  const firing = data?.alerts.filter((a) => a.state === 'firing').length ?? 0;
  const c = data?.coverage;
  return (
    <section className="alerts-view" aria-labelledby="alerts-title">
      <div className="view-head">
        <h1 id="alerts-title" className="view-title">
          Alerts
        </h1>
        {data && (
          <span className="muted" data-testid="alerts-count">
            {firing} firing, {data.alerts.length - firing} silenced
          </span>
        )}
        {c && (
          <span className="muted" data-testid="playbook-coverage">
            Playbook coverage, last {c.days} days:{' '}
            {c.ratio === undefined
              ? 'no alerts seen'
              : `${c.withPlaybook.length} of ${c.withPlaybook.length + c.withoutPlaybook.length} alerts have one${c.withoutPlaybook.length ? ` (without: ${c.withoutPlaybook.join(', ')})` : ''}`}
          </span>
        )}
      </div>
      {alerts.isError && (
        <p className="banner banner-error" role="alert">
          Could not load the alerts: {errorMessage(alerts.error)}. What is shown may be old.
        </p>
      )}
      {data && (
        <ul className="alert-sources" aria-label="Alert sources">
          {data.sources.map((s) => (
            <SourceLine key={s.name} s={s} />
          ))}
          {data.sources.length === 0 && (
            <li className="muted">
              No alert source: add an Alertmanager connection in{' '}
              <a href={routeHref({ name: 'settings' })}>Settings</a>.
            </li>
          )}
        </ul>
      )}
      {data && (
        <FileProblems
          heading="Playbooks that could not be used:"
          problems={data.problems}
          testId="playbook-problems"
        />
      )}
      {!data && !alerts.isError && <p className="loading">Loading alerts…</p>}
      {data && data.alerts.length === 0 && (
        <p className="muted">
          {data.sources.some((s) => s.stale)
            ? 'No alerts from the sources that answered; the stale ones above may hold some.'
            : 'No alerts firing.'}
        </p>
      )}
      <div className="alert-list">
        {data?.alerts.map((a) => (
          <AlertCard key={a.id} a={a} onSilence={() => askSilence(a.id)} />
        ))}
      </div>
      {silencing && <SilenceDialog alert={silencing} onClose={done} />}
    </section>
  );
}
