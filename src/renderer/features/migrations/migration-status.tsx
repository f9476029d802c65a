import type { ItemState, PhaseState } from '../../../shared/migrations';
import { StatusIcon } from '../../components/status-icon';
import { ITEM_STATE_ICONS, ITEM_STATE_WORDS, PHASE_STATE_ICONS, PHASE_STATE_WORDS } from './migration-words';

export function PhaseStateBadge({ state, blocked }: { state: PhaseState; blocked?: boolean }) {
  if (blocked)
    return (
      <span className="badge mstate-blocked">
        <StatusIcon name="critical" />
        Blocked
      </span>
    );
  return (
    <span className={`badge mstate-${state}`}>
      <StatusIcon name={PHASE_STATE_ICONS[state]} />
      {PHASE_STATE_WORDS[state]}
    </span>
  );
}

export function ItemStateBadge({ state }: { state: ItemState }) {
  return (
    <span className={`badge mstate-${state}`}>
      <StatusIcon name={ITEM_STATE_ICONS[state]} />
      {ITEM_STATE_WORDS[state]}
    </span>
  );
}

export function GateBadge({ met }: { met: boolean }) {
  return (
    <span className={`badge mstate-${met ? 'passed' : 'blocked'}`}>
      <StatusIcon name={met ? 'check' : 'critical'} />
      {met ? 'Met' : 'Blocked'}
    </span>
  );
}
