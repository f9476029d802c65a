// Which of a flag's actions may run now, and why not: an observer may not act, a release freeze
// holds Enable and Set rollout (never the kill switch), and a stale row cannot be checked first.
import type { FlagChangeKind, FlagRow } from '../../../shared/flags';
import type { Freeze } from '../../../shared/incidents';

export interface FlagActionState {
  enabled: boolean;
  /** Why not, in words; shown on the button and read on focus. */
  reason?: string;
  /** Held back by this freeze (Enable, Set rollout only). */
  freeze?: Freeze;
}

export const FLAG_ACTION_LABELS: Record<FlagChangeKind, string> = {
  disable: 'Disable',
  enable: 'Enable…',
  'set-rollout': 'Set rollout…',
};

/** The freeze that covers an environment: one without environments covers them all. */
export function freezeFor(freezes: readonly Freeze[], environment: string): Freeze | undefined {
  return freezes.find((f) => !f.environments || f.environments.includes(environment));
}

function freezeWords(f: Freeze): string {
  const source = f.source.kind === 'incident' ? f.source.id : `window ${f.source.name}`;
  return `Release freeze (${source}): ${f.reason}. Only Disable, the kill switch, is allowed.`;
}

export function flagActionStates(
  flag: FlagRow,
  context: { observer: boolean; pending: boolean; freezes: readonly Freeze[] },
): Record<FlagChangeKind, FlagActionState> {
  if (context.observer) {
    const no = { enabled: false, reason: 'Observer session: you may watch but not act.' };
    return { disable: no, enable: no, 'set-rollout': no };
  }
  if (context.pending) {
    const busy = { enabled: false, reason: 'Sending…' };
    return { disable: busy, enable: busy, 'set-rollout': busy };
  }
  const freeze = freezeFor(context.freezes, flag.environment);
  // A stale row's state is the backend's last answer: a change decided on it could undo someone's.
  const stale = flag.stale
    ? 'Its source is stale: the flag cannot be checked before changing it.'
    : undefined;
  const held = (extra?: string): FlagActionState => {
    if (freeze) return { enabled: false, reason: freezeWords(freeze), freeze };
    if (stale) return { enabled: false, reason: stale };
    return extra ? { enabled: false, reason: extra } : { enabled: true };
  };
  return {
    // The kill switch is tried even on a stale source: the backend says plainly if it could not apply it.
    disable: flag.enabled ? { enabled: true } : { enabled: false, reason: 'Already off.' },
    enable: held(flag.enabled ? 'Already on.' : undefined),
    'set-rollout': held(),
  };
}
