// A pause condition in words: a timed one counts down to when the controller resumes by itself, an
// untimed one says who it waits for and since when (Argo Rollouts' own dashboard shows neither).
import type { PauseCondition, PauseReason } from '../../../shared/domain';
import { formatAge, formatDuration } from '../../components/format-duration';
import { formatClock } from '../../components/format-time';

export const PAUSE_REASON_WORDS: Record<PauseReason, string> = {
  'pause-step': 'Pause step',
  'blue-green-promotion': 'Preview awaits promotion',
  'analysis-inconclusive': 'Analysis inconclusive',
  'experiment-inconclusive': 'Experiment inconclusive',
  manual: 'Paused',
};

/** "resumes in 4m 12s"; "resuming…" once the time is up and the controller has not moved yet. */
export function countdownText(until: string, now: number): string {
  const left = Date.parse(until) - now;
  return left > 0 ? `resumes in ${formatDuration(left)}` : 'resuming…';
}

function since(c: PauseCondition, now: number): string {
  const at = Date.parse(c.since);
  if (Number.isNaN(at)) return '';
  return ` since ${formatClock(at)} UTC (${formatAge(now - at)} ago)`;
}

/**
 * What the condition waits for, as the header and the step say it. `autoPromotes`: a blue-green
 * rollout with auto-promotion, whose preview the controller promotes by itself.
 */
export function pauseText(c: PauseCondition, now: number, autoPromotes = false): string {
  if (c.until !== undefined) return countdownText(c.until, now);
  switch (c.reason) {
    case 'blue-green-promotion':
      if (autoPromotes)
        return `the controller promotes it by itself (auto-promotion); paused${since(c, now)}`;
      return `waiting for a person to promote${since(c, now)}`;
    case 'pause-step':
      return `waiting for a person to promote${since(c, now)}`;
    case 'analysis-inconclusive':
    case 'experiment-inconclusive':
      return `waiting for a person to promote or abort${since(c, now)}`;
    case 'manual':
      return `held by ${c.actor ?? 'someone'}${since(c, now)}`;
  }
}
