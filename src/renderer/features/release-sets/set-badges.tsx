import type { MemberState, ReleaseSetState } from '../../../shared/release-sets';
import { StatusIcon } from '../../components/status-icon';
import { MEMBER_STATE_ICONS, MEMBER_STATE_WORDS, SET_STATE_ICONS, SET_STATE_WORDS } from './set-words';

export function SetStateBadge({
  state,
  large,
  testId,
}: {
  state: ReleaseSetState;
  large?: boolean;
  testId?: string;
}) {
  return (
    <span className={`badge set-state-${state}${large ? ' badge-large' : ''}`} data-state={state}>
      <StatusIcon name={SET_STATE_ICONS[state]} />
      <span data-testid={testId}>{SET_STATE_WORDS[state]}</span>
    </span>
  );
}

export function MemberStateBadge({ state, testId }: { state: MemberState; testId?: string }) {
  return (
    <span className={`badge member-state-${state}`} data-state={state}>
      <StatusIcon name={MEMBER_STATE_ICONS[state]} />
      <span data-testid={testId}>{MEMBER_STATE_WORDS[state]}</span>
    </span>
  );
}
