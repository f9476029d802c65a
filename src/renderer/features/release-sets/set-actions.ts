// Which of Start, Pause, Resume and Abort the set view offers for a run, and why not when not.
// Start and Resume move a release forward, so a freeze on the environment holds them; Pause and
// Abort make things safer and are never frozen.
import type { Freeze } from '../../../shared/incidents';
import type { ReleaseSetRun, ReleaseSetState } from '../../../shared/release-sets';

export type SetActionName = 'start' | 'pause' | 'resume' | 'abort';
export const SET_ACTIONS: readonly SetActionName[] = ['start', 'pause', 'resume', 'abort'];

export interface SetActionState {
  enabled: boolean;
  reason?: string;
}

const OFFERED: Record<SetActionName, readonly ReleaseSetState[]> = {
  start: ['idle', 'completed', 'aborted', 'failed'],
  pause: ['running'],
  resume: ['paused'],
  abort: ['running', 'paused'],
};

const NOT_NOW: Record<SetActionName, (state: ReleaseSetState) => string> = {
  start: (state) => (state === 'aborting' ? 'The set is aborting.' : `The set is already ${state}.`),
  pause: (state) => (state === 'paused' ? 'Already paused.' : `Nothing to pause: the set is ${state}.`),
  resume: (state) => `Only a paused set resumes; this one is ${state}.`,
  abort: (state) => `Nothing to abort: the set is ${state}.`,
};

/** The freezes that cover an environment: one without environments covers them all. */
export function freezesOn(freezes: readonly Freeze[], environment: string): Freeze[] {
  return freezes.filter((f) => !f.environments || f.environments.includes(environment));
}

export function setActionStates(
  run: ReleaseSetRun | undefined,
  options: { observer: boolean; freezes: readonly Freeze[]; pending: boolean; environment: string },
): Record<SetActionName, SetActionState> {
  const state: ReleaseSetState = run?.state ?? 'idle';
  const frozen = freezesOn(options.freezes, options.environment)[0];
  const one = (action: SetActionName): SetActionState => {
    if (options.observer) return { enabled: false, reason: 'Observer session: you may watch but not act.' };
    if (options.pending) return { enabled: false, reason: 'Sending…' };
    if (!OFFERED[action].includes(state)) return { enabled: false, reason: NOT_NOW[action](state) };
    if (frozen && (action === 'start' || action === 'resume'))
      return { enabled: false, reason: `Release freeze in ${options.environment}: ${frozen.reason}` };
    return { enabled: true };
  };
  return { start: one('start'), pause: one('pause'), resume: one('resume'), abort: one('abort') };
}
