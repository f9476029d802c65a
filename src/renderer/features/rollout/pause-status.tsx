// The header's line of what holds a Kubernetes rollout: each pause condition with its live
// countdown or who it waits for since when.
import type { PauseCondition } from '../../../shared/domain';
import { StatusIcon } from '../../components/status-icon';
import { PAUSE_REASON_WORDS, pauseText } from './pause-words';

export function PauseStatus({
  conditions,
  autoPromotes,
  now,
}: {
  conditions: readonly PauseCondition[];
  autoPromotes: boolean;
  now: number;
}) {
  if (conditions.length === 0) return null;
  return (
    <p className="rollout-pause" data-testid="rollout-pause">
      {conditions.map((c) => (
        <span
          key={`${c.reason}-${c.since}`}
          className={`pause-condition${c.until === undefined ? '' : ' timer tabular'}`}
          data-testid={`rollout-pause-${c.reason}`}
        >
          <StatusIcon name={c.until === undefined ? 'hand' : 'clock'} />
          <strong>{PAUSE_REASON_WORDS[c.reason]}:</strong> {pauseText(c, now, autoPromotes)}
        </span>
      ))}
    </p>
  );
}
