import { ROLLOUT_PHASES, type RolloutSummary } from '../../../shared/domain';
import { StatusIcon } from '../../components/status-icon';
import { PHASE_ICONS, PHASE_WORDS } from '../../components/status-words';
import { useFleetFilterStore, type StatusFilter } from '../../store/fleet-filter-store';
import { needsAttention } from '../../../shared/attention-order';

/** Counts per phase; each count is a toggle for the status filter. */
export function FleetSummary({ rollouts }: { rollouts: RolloutSummary[] }) {
  const status = useFleetFilterStore((s) => s.status);
  const setStatus = useFleetFilterStore((s) => s.setStatus);
  const attention = rollouts.filter(needsAttention).length;
  const toggle = (value: StatusFilter) => setStatus(status === value ? 'all' : value);

  return (
    <div className="fleet-summary" role="group" aria-label="Rollouts by phase">
      <button
        type="button"
        className={`summary-chip summary-attention${attention > 0 ? ' has-attention' : ''}`}
        aria-pressed={status === 'attention'}
        onClick={() => toggle('attention')}
        data-testid="fleet-attention-count"
      >
        <StatusIcon name={attention > 0 ? 'warning' : 'check'} />
        <strong className="tabular">{attention}</strong> need attention
      </button>
      {ROLLOUT_PHASES.map((phase) => {
        const count = rollouts.filter((r) => r.phase === phase).length;
        return (
          <button
            key={phase}
            type="button"
            className={`summary-chip phase-${phase}${count === 0 ? ' is-zero' : ''}`}
            aria-pressed={status === phase}
            onClick={() => toggle(phase)}
          >
            <StatusIcon name={PHASE_ICONS[phase]} />
            <strong className="tabular">{count}</strong> {PHASE_WORDS[phase]}
          </button>
        );
      })}
    </div>
  );
}
