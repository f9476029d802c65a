import type { ItemState, PhaseState } from '../../../shared/migrations';
import type { IconName } from '../../components/status-icon';

/** Status is always icon + word; these are the words e2e specs read. */
export const PHASE_STATE_WORDS: Record<PhaseState, string> = {
  pending: 'Pending',
  active: 'Active',
  done: 'Done',
  'rolled-back': 'Rolled back',
};

export const PHASE_STATE_ICONS: Record<PhaseState, IconName> = {
  pending: 'clock',
  active: 'play',
  done: 'check',
  'rolled-back': 'cross',
};

export const ITEM_STATE_WORDS: Record<ItemState, string> = {
  pending: 'Pending',
  passed: 'Passed',
  failed: 'Failed',
  waived: 'Waived',
};

export const ITEM_STATE_ICONS: Record<ItemState, IconName> = {
  pending: 'clock',
  passed: 'check',
  failed: 'cross',
  waived: 'warning',
};
