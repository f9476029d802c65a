import { ApiError } from '../api/api-error';
import { useSession } from '../api/use-session';
import { formatClock } from '../components/format-time';
import { useSimNow } from '../components/use-now';
import { selectStale, useFreshnessStore } from '../store/freshness-store';
import { useSimClockStore } from '../store/sim-clock-store';

function SimulatedClock() {
  const now = useSimNow(1000);
  const stale = useFreshnessStore(selectStale);
  const speed = useSimClockStore((s) => s.speed);
  const simulated = useSimClockStore((s) => s.simulated);
  const clock = simulated ? 'Simulated clock' : 'Backend clock';
  return (
    <span
      className="session-item session-clock"
      title={stale ? `${clock}, stopped at the time of the data on screen` : clock}
      data-testid="session-clock"
    >
      <span className="session-value tabular">{formatClock(now)} UTC</span>
      <span className="session-tag">
        {/* Speed 0: a drill that is not running (ready, paused or ended). */}
        {stale ? 'stopped' : simulated ? (speed === 0 ? 'sim paused' : `sim ×${speed}`) : 'real time'}
      </span>
    </span>
  );
}

export function SessionSummary() {
  const session = useSession();
  if (!session.data) {
    return (
      <span className="session" aria-live="polite">
        {session.error instanceof ApiError && session.error.code === 'unauthorized'
          ? 'Not signed in'
          : session.isError
            ? 'Session unavailable'
            : 'Connecting…'}
      </span>
    );
  }
  const s = session.data;
  return (
    <span className="session" aria-label="Session">
      <span
        className="session-item session-actor"
        data-testid="session-actor"
        title={`Signed in as ${s.actor} (${s.role}): the audit log records your actions under this name`}
      >
        <span className="session-label">Signed in as</span>
        <span className="session-value">{s.actor}</span>
        <span className="session-tag">{s.role}</span>
      </span>
      <span className="session-item session-mode" title={`Mode ${s.mode}; workspace ${s.workspace}`}>
        <span className="session-label">Mode</span>
        <span className="session-value">{s.mode}</span>
      </span>
      <span
        className="session-item session-backends"
        title={`Deployment backend: ${s.backends.deployment}; metrics backend: ${s.backends.metrics}`}
      >
        <span className="session-label">Backends</span>
        <span className="session-value">
          {s.backends.deployment === s.backends.metrics
            ? s.backends.deployment
            : `${s.backends.deployment} · ${s.backends.metrics}`}
        </span>
      </span>
      <SimulatedClock />
    </span>
  );
}
