import { memo } from 'react';
import type { ConnectionStatus } from '../../../shared/connections';
import { formatAge } from '../../components/format-duration';
import { StatusIcon, type IconName } from '../../components/status-icon';
import { connectionWords } from '../connections/connection-words';
import { FLEET_COLUMNS } from './fleet-columns';
import { foldable, type FleetGroup } from './fleet-groups';

interface FleetGroupRowProps {
  group: FleetGroup;
  /** The connection's health line (connection groups only, once known). */
  status?: ConnectionStatus;
  index: number;
  selected: boolean;
  /** Wall clock, ms: the health line's ages. */
  now: number;
  /** The whole page is stale: a zero attention count is then unknown, not an all-clear. */
  pageStale: boolean;
  top: number;
  height: number;
  onToggle: (group: FleetGroup) => void;
}

export function fleetGroupDomId(key: string): string {
  return `fleet-group-el-${key}`;
}

function countWords(g: FleetGroup): string {
  if (g.total === 0) return 'no rollouts';
  const noun = g.total === 1 ? 'rollout' : 'rollouts';
  return g.shown === g.total ? `${g.total} ${noun}` : `${g.shown} of ${g.total} ${noun}`;
}

function staleWords(stale: NonNullable<FleetGroup['stale']>, total: number): string {
  const age = stale.ageMs < 0 ? 'never read' : formatAge(stale.ageMs);
  if (stale.count === total) return stale.ageMs < 0 ? 'Never read' : `Stale ${age}`;
  return `${stale.count} stale, oldest ${age}`;
}

/** From stale rows it never claims an all-clear, as the fleet summary does not. */
function Attention({ group, unknown }: { group: FleetGroup; unknown: boolean }) {
  const { total } = group.attention;
  const icon: IconName = unknown ? 'unknown' : total > 0 ? 'warning' : 'check';
  const tone = unknown ? 'unknown' : total > 0 ? 'attention' : 'clear';
  return (
    <span className={`group-attention tone-${tone}`} data-testid="fleet-group-attention">
      <StatusIcon name={icon} />
      {unknown ? 'attention unknown' : `${total} need attention`}
    </span>
  );
}

/** A group's header line in the fleet grid: its name, health, counts and staleness; click folds it. */
export const FleetGroupRow = memo(function FleetGroupRow({
  group: g,
  status,
  index,
  selected,
  now,
  pageStale,
  top,
  height,
  onToggle,
}: FleetGroupRowProps) {
  const health = status ? connectionWords(status, now) : undefined;
  // The stale mark already says "stale" with the rows' own age; the health word would repeat it.
  const showHealth = health && !(g.stale && health.icon === 'clock');
  const unknown = g.total > 0 && g.attention.total === 0 && (pageStale || g.stale !== undefined);
  return (
    <div
      id={fleetGroupDomId(g.key)}
      role="row"
      aria-rowindex={index + 2}
      aria-level={g.level}
      aria-expanded={foldable(g) ? !g.collapsed : undefined}
      aria-selected={selected}
      data-testid={`fleet-group-${g.key}`}
      className={`fleet-group level-${g.level}${selected ? ' is-selected' : ''}${g.stale ? ' is-stale' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => (foldable(g) ? onToggle(g) : undefined)}
    >
      <span role="gridcell" aria-colspan={FLEET_COLUMNS.length} className="fleet-group-cell">
        <svg className="group-chevron" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
        {g.namespace === undefined ? (
          <span className="group-name" title={health?.detail}>
            {g.connection}
          </span>
        ) : (
          <span className="group-name">
            <span className="group-label">namespace </span>
            {g.namespace}
          </span>
        )}
        {status && <span className="group-kind">{status.kind}</span>}
        {showHealth && (
          <span
            className={`group-health tone-${health.tone}`}
            data-testid="fleet-group-health"
            data-state={health.tone}
            title={health.detail}
          >
            <StatusIcon name={health.icon} />
            {health.word}
          </span>
        )}
        <span className="group-count tabular" data-testid="fleet-group-count">
          {countWords(g)}
        </span>
        {g.total > 0 && <Attention group={g} unknown={unknown} />}
        {g.stale && (
          <span
            className="group-stale"
            data-testid="fleet-group-stale"
            title={`${g.stale.count} of ${g.total} rows are the last read: ${g.stale.reason}`}
          >
            <StatusIcon name="clock" />
            {staleWords(g.stale, g.total)}
          </span>
        )}
        {g.collapsed && g.hidden > 0 && (
          <span className="group-hidden tabular" data-testid="fleet-group-hidden">
            {g.hidden} hidden
          </span>
        )}
      </span>
    </div>
  );
});
