import { useState } from 'react';
import { stringify } from 'yaml';
import { errorMessage } from '../../api/api-error';
import { useTestConnection } from '../../api/use-connection-settings';
import { formatAge } from '../../components/format-duration';
import { StatusIcon } from '../../components/status-icon';
import { useWallNow } from '../../components/use-now';
import type { ConnectionTestResult, ConnectionView, JsonValue } from '../../../shared/api';
import type { ConnectionStatus } from '../../../shared/connections';
import { connectionWords } from '../connections/connection-words';
import { RemoveConnectionDialog } from './remove-connection-dialog';
import type { PaletteEntry } from '../../app/palette-entry';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';

const KIND_WORDS = {
  simulator: 'Simulator',
  prometheus: 'Prometheus',
  haproxy: 'HAProxy',
  'argo-rollouts': 'Argo Rollouts',
  alertmanager: 'Alertmanager',
  unleash: 'Unleash',
  'flagd-file': 'flagd flag file',
} as const;
const SECRET_WORDS = {
  bearerToken: 'Bearer token',
  'basicAuth.password': 'Basic auth password',
  token: 'API token',
} as const;

/** The settings shown on the card itself; the rest are one click away as config.yaml has them. */
const SUMMARY_KEYS = ['url', 'socket', 'timeout', 'fleet', 'metrics'] as const;

function ago(time: string | undefined, now: number): string | undefined {
  return time === undefined ? undefined : `${formatAge(now - Date.parse(time))} ago`;
}

/** Reachable, latency of the last call, last success, last error: each in words. */
function HealthLine({ status, now }: { status: ConnectionStatus | undefined; now: number }) {
  if (!status)
    return (
      <p className="muted health-line" data-testid="health-line">
        Not running: the control room takes it up at its next start.
      </p>
    );
  const w = connectionWords(status, now);
  return (
    <dl className="health-line" data-testid="health-line" data-state={w.tone}>
      <div>
        <dt>Health</dt>
        <dd className={`connection-chip tone-${w.tone}`}>
          <StatusIcon name={w.icon} />
          <span data-testid="health-word">{w.word}</span>
        </dd>
      </div>
      <div>
        <dt>Reachable</dt>
        <dd>{status.reachable === undefined ? 'not checked yet' : status.reachable ? 'yes' : 'no'}</dd>
      </div>
      <div>
        <dt>Last call</dt>
        <dd className="tabular">{status.latencyMs === undefined ? '—' : `${status.latencyMs} ms`}</dd>
      </div>
      <div>
        <dt>Last success</dt>
        <dd>{ago(status.lastSuccess, now) ?? 'none yet'}</dd>
      </div>
      <div className="health-error">
        <dt>Last error</dt>
        <dd data-testid="health-last-error">
          {status.lastError ? `${ago(status.lastError.at, now)}: ${status.lastError.message}` : 'none'}
        </dd>
      </div>
      {status.problems && status.problems.length > 0 && (
        <div className="health-error">
          <dt>Cannot now</dt>
          <dd data-testid="health-problems">
            <ul>
              {status.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}

function TestOutcome({ result }: { result: ConnectionTestResult }) {
  return (
    <div
      className={`test-outcome ${result.reachable ? 'tone-ok' : 'tone-critical'}`}
      data-testid="test-outcome"
      data-reachable={result.reachable}
    >
      <p>
        <StatusIcon name={result.reachable ? 'check' : 'disconnected'} />{' '}
        {result.reachable ? (
          <>
            <strong>Reachable</strong>
            {result.latencyMs !== undefined && ` in ${result.latencyMs} ms`}
          </>
        ) : (
          <>
            <strong>Unreachable</strong>: {result.error}
          </>
        )}
      </p>
      {result.checks.length > 0 && (
        <ul className="test-checks">
          {result.checks.map((c) => (
            <li key={c.name} data-ok={c.ok}>
              <StatusIcon name={c.ok ? 'check' : 'cross'} /> <strong>{c.name}</strong>{' '}
              {c.ok ? 'ok' : 'failed'}: {c.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const show = (value: JsonValue): string =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

export function ConnectionCard({
  connection: c,
  readOnly,
  onEdit,
}: {
  connection: ConnectionView;
  readOnly: boolean;
  onEdit: () => void;
}) {
  const now = useWallNow(5_000);
  const test = useTestConnection();
  const [removing, setRemoving] = useState(false);
  const summary = SUMMARY_KEYS.flatMap((key) => {
    const value = c.settings[key];
    return value === undefined || (key === 'metrics' && c.kind !== 'simulator') ? [] : [[key, show(value)]];
  });
  const rest = Object.fromEntries(
    Object.entries(c.settings).filter(([key]) => key !== 'name' && key !== 'kind'),
  );
  const titleId = `connection-${c.name}-title`;
  const readOnlyWhy = readOnly ? (c.implicit ? 'Not in config.yaml' : 'Read-only') : undefined;
  const entry = (verb: string, run: () => void, why?: string): PaletteEntry => ({
    id: `connection:${verb.toLowerCase()}:${c.name}`,
    name: `${verb} ${c.name}`,
    keywords: ['connection', 'settings', KIND_WORDS[c.kind]],
    kind: 'action',
    destructive: verb === 'Remove',
    group: 'Connections',
    ...(why ? { disabled: true, detail: why } : {}),
    run,
  });
  // The card's three buttons, for the palette: same handlers, same dialogs.
  useScreenPaletteEntries(`connection:${c.name}`, [
    entry('Test', () => !test.isPending && test.mutate(c.name), test.isPending ? 'Testing…' : undefined),
    entry('Edit', onEdit, readOnlyWhy),
    entry('Remove', () => setRemoving(true), readOnlyWhy),
  ]);
  return (
    <li className="connection-card panel" data-testid={`connection-card-${c.name}`}>
      <div className="panel-head">
        <h3 id={titleId} className="connection-card-title">
          {c.name} <span className="badge kind-badge">{KIND_WORDS[c.kind]}</span>
          <span className="muted small">{c.roles.join(' + ')}</span>
        </h3>
        <button
          type="button"
          className="btn btn-small"
          // aria-disabled, not disabled: a disabled button drops the keyboard focus while it tests.
          onClick={() => !test.isPending && test.mutate(c.name)}
          aria-disabled={test.isPending}
          aria-label={`Test ${c.name}`}
        >
          {test.isPending ? 'Testing…' : 'Test'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={onEdit}
          disabled={readOnly}
          aria-label={`Edit ${c.name}`}
        >
          Edit
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => setRemoving(true)}
          disabled={readOnly}
          aria-label={`Remove ${c.name}`}
        >
          Remove
        </button>
      </div>
      {c.implicit && (
        <p className="muted small">
          Not in config.yaml: the simulator a config without <code>connections:</code> runs. Adding a
          connection writes it out.
        </p>
      )}
      <HealthLine status={c.status} now={now} />
      <div role="status" aria-live="polite">
        {test.data && !test.isPending && <TestOutcome result={test.data} />}
        {test.isError && (
          <p className="test-outcome tone-critical" data-testid="test-outcome">
            <StatusIcon name="critical" /> Could not test: {errorMessage(test.error)}
          </p>
        )}
      </div>
      <dl className="connection-settings">
        {summary.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
        {c.secrets.map((s) => (
          <div key={s.field} data-testid={`secret-${s.field}`}>
            <dt>{SECRET_WORDS[s.field]}</dt>
            <dd>
              <StatusIcon name={s.state === 'set' ? 'check' : 'warning'} /> {s.state}{' '}
              <span className="muted">
                ({s.from === 'env' ? `environment variable ${s.ref}` : `${s.ref} in ${s.where}`})
              </span>
              {s.problem && <span className="field-error"> {s.problem}</span>}
            </dd>
          </div>
        ))}
        {c.serves.length > 0 && (
          <div>
            <dt>Serves</dt>
            <dd>{c.serves.join('; ')}</dd>
          </div>
        )}
        {c.usedBy.length > 0 && (
          <div>
            <dt>Used by</dt>
            <dd>{c.usedBy.join('; ')}</dd>
          </div>
        )}
      </dl>
      {Object.keys(rest).length > summary.length && (
        <details className="connection-yaml">
          <summary>All settings, as in config.yaml</summary>
          <pre>{stringify(rest, { lineWidth: 0 })}</pre>
        </details>
      )}
      {removing && <RemoveConnectionDialog connection={c} onClose={() => setRemoving(false)} />}
    </li>
  );
}
