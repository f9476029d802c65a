import { memo } from 'react';
import type { RolloutSummary } from '../../../shared/domain';
import { formatAge, formatDuration } from '../../components/format-duration';
import { StatusIcon } from '../../components/status-icon';
import { HealthBadge, PhaseBadge } from '../../components/status-badge';
import { stepFraction } from '../../components/step-label';
import { WeightBar } from '../../components/weight-bar';
import { attentionRank, holdOf } from '../../../shared/attention-order';
import { STRATEGY_WORDS } from './fleet-columns';

interface FleetRowProps {
  rollout: RolloutSummary;
  index: number;
  /** Its depth in the grouped fleet's tree (aria-level); absent when the fleet is not grouped. */
  level?: number;
  selected: boolean;
  /** Backend clock, ms. */
  now: number;
  top: number;
  height: number;
  onOpen: (id: string) => void;
}

export function fleetRowDomId(id: string): string {
  return `fleet-row-el-${id}`;
}

export const FleetRow = memo(function FleetRow({
  rollout: r,
  index,
  level,
  selected,
  now,
  top,
  height,
  onOpen,
}: FleetRowProps) {
  const finished = r.phase === 'completed' || r.phase === 'aborted';
  const inFlight = r.stableVersion !== r.canaryVersion;
  const started = Date.parse(r.stepStartedAt);
  return (
    <div
      id={fleetRowDomId(r.id)}
      role="row"
      aria-rowindex={index + 2}
      aria-level={level}
      aria-selected={selected}
      data-testid={`fleet-row-${r.id}`}
      className={`fleet-row rank-${attentionRank(r)}${selected ? ' is-selected' : ''}${r.stale ? ' is-stale' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onOpen(r.id)}
    >
      <span role="gridcell" className="cell cell-service" title={r.service}>
        <a href={`#/rollout/${encodeURIComponent(r.id)}`} tabIndex={-1} onClick={(e) => e.preventDefault()}>
          {r.service}
        </a>
      </span>
      <span
        role="gridcell"
        className="cell"
        title={`${r.environment} on connection ${r.connection}${r.namespace ? `, namespace ${r.namespace}` : ''}`}
      >
        {r.environment}
      </span>
      <span role="gridcell" className="cell cell-muted">
        {STRATEGY_WORDS[r.strategy]}
      </span>
      <span
        role="gridcell"
        className="cell cell-versions tabular"
        title={`${r.stableVersion} → ${r.canaryVersion}`}
      >
        {inFlight ? (
          <>
            <span className="cell-muted">{r.stableVersion}</span> → <span>{r.canaryVersion}</span>
          </>
        ) : (
          <span>{r.canaryVersion}</span>
        )}
      </span>
      <span role="gridcell" className="cell tabular">
        {stepFraction(r)}
      </span>
      <span role="gridcell" className="cell">
        <WeightBar weight={r.weight} />
      </span>
      <span role="gridcell" className="cell">
        <PhaseBadge phase={r.phase} hold={holdOf(r)} />
      </span>
      <span role="gridcell" className="cell">
        <HealthBadge health={r.health} reason={r.healthReason} />
      </span>
      <span
        role="gridcell"
        className={`cell tabular timer${finished ? ' cell-muted' : ''}`}
        title={`Step started ${r.stepStartedAt}`}
      >
        {Number.isNaN(started) ? '—' : formatDuration(now - started)}
      </span>
      {r.stale ? (
        <span
          role="gridcell"
          className="cell cell-message cell-stale"
          title={`${r.stale.reason}. Last read: ${r.message}`}
          data-testid="fleet-row-stale"
        >
          <StatusIcon name="clock" />
          <strong>{r.stale.ageMs < 0 ? 'Never read' : `Stale ${formatAge(r.stale.ageMs)}`}</strong>{' '}
          {r.stale.reason}
        </span>
      ) : (
        <span role="gridcell" className="cell cell-message" title={r.message}>
          {r.message}
        </span>
      )}
    </div>
  );
});
