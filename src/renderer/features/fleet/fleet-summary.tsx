import { ROLLOUT_PHASES, type RolloutSummary } from '../../../shared/domain';
import { StatusIcon, type IconName } from '../../components/status-icon';
import { PHASE_ICONS, PHASE_WORDS } from '../../components/status-words';
import { useFleetFilterStore, type StatusFilter } from '../../store/fleet-filter-store';
import { attentionBreakdown, attentionCounts } from '../../../shared/attention-order';
import { selectStale, useFreshnessStore } from '../../store/freshness-store';

/**
 * "3 need attention: 1 unhealthy, 2 waiting for a person". From stale data it never claims an
 * all-clear: a zero it cannot vouch for reads "unknown".
 */
function AttentionChip({ rollouts, pressed, onToggle }: AttentionChipProps) {
  const stale = useFreshnessStore(selectStale);
  const counts = attentionCounts(rollouts);
  const unknown = stale && counts.total === 0;
  const icon: IconName = unknown ? 'unknown' : counts.total > 0 ? 'warning' : 'check';
  return (
    <button
      type="button"
      className={`summary-chip summary-attention${counts.total > 0 ? ' has-attention' : ''}${unknown ? ' is-unknown' : ''}`}
      aria-pressed={pressed}
      onClick={onToggle}
      data-testid="fleet-attention-count"
      title={stale ? 'Counted from stale data: the fleet may have changed since' : undefined}
    >
      <StatusIcon name={icon} />
      {unknown ? (
        'Attention unknown: no live data'
      ) : (
        <>
          <strong className="tabular">{counts.total}</strong>
          {` need attention${counts.total > 0 ? `: ${attentionBreakdown(counts)}` : ''}${stale ? ' (stale)' : ''}`}
        </>
      )}
    </button>
  );
}

interface AttentionChipProps {
  rollouts: RolloutSummary[];
  pressed: boolean;
  onToggle: () => void;
}

/** Counts per phase; each count is a toggle for the status filter. */
export function FleetSummary({ rollouts }: { rollouts: RolloutSummary[] }) {
  const status = useFleetFilterStore((s) => s.status);
  const setStatus = useFleetFilterStore((s) => s.setStatus);
  const toggle = (value: StatusFilter) => setStatus(status === value ? 'all' : value);

  return (
    <div className="fleet-summary" role="group" aria-label="Rollouts by phase">
      <AttentionChip
        rollouts={rollouts}
        pressed={status === 'attention'}
        onToggle={() => toggle('attention')}
      />
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
