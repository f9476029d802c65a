// Whether a plan may advance or roll back now, why not otherwise, and exactly what each does: the
// buttons show the reason, the dialogs the consequence.
import type { MigrationDetail, PhaseView } from '../../../shared/migrations';

export interface PlanAction {
  enabled: boolean;
  reason?: string;
  label: string;
  title: string;
  consequence: string[];
}

function open(phase: PhaseView) {
  return phase.items.filter((i) => i.state !== 'passed' && i.state !== 'waived');
}

export function currentPhase(m: MigrationDetail): PhaseView | undefined {
  return m.phases.find((p) => p.id === m.current);
}

export function advanceAction(m: MigrationDetail, observer: boolean): PlanAction {
  const current = currentPhase(m);
  if (!current)
    return {
      enabled: false,
      reason: 'The migration is complete.',
      label: 'Advance',
      title: '',
      consequence: [],
    };
  const next = m.phases[m.phases.indexOf(current) + 1];
  const label = next ? `Advance to ${next.id}` : `Finish ${current.id}`;
  const title = next
    ? `Finish ${current.id} ${current.title} and enter ${next.id} ${next.title}?`
    : `Finish ${current.id} ${current.title}?`;
  const consequence = next
    ? [
        `${current.id} ${current.title} is marked done; ${next.id} ${next.title} becomes the active phase.`,
        ...(next.release
          ? [`${next.id} goes with ${next.release.service} ${next.release.version}: roll it out next.`]
          : []),
        ...(next.irreversible
          ? [
              `${next.id} is irreversible: once ${m.change} is contracted, the old shape is gone and only a backup brings it back.`,
            ]
          : []),
      ]
    : [`${current.id} ${current.title} is marked done and the migration is complete.`];
  const base = { label, title, consequence };
  if (observer) return { ...base, enabled: false, reason: 'Observer session: you may watch but not act.' };
  const left = open(current);
  if (left.length > 0)
    return {
      ...base,
      enabled: false,
      reason: `${current.id} is not finished: ${left.map((i) => `“${i.title}” is ${i.state}`).join('; ')}.`,
    };
  const blocked = next?.gates.filter((g) => !g.met && g.kind !== 'previous-phase') ?? [];
  if (next && blocked.length > 0)
    return {
      ...base,
      enabled: false,
      reason: `${next.id} blocked: ${blocked.map((g) => g.reason).join(' ')}`,
    };
  return { ...base, enabled: true };
}

export function rollbackAction(m: MigrationDetail, observer: boolean): PlanAction {
  const current = currentPhase(m);
  if (!current)
    return {
      enabled: false,
      reason: 'The migration is complete: the contract step cannot be undone.',
      label: 'Roll back',
      title: '',
      consequence: [],
    };
  const previous = m.phases[m.phases.indexOf(current) - 1];
  const base = {
    label: `Roll back ${current.id}`,
    title: `Roll back ${current.id} ${current.title}?`,
    consequence: previous
      ? [
          `${current.id} ${current.title} is marked rolled back; ${previous.id} ${previous.title} becomes the active phase again.`,
          `Rollback path: ${current.rollback}`,
        ]
      : [],
  };
  if (observer) return { ...base, enabled: false, reason: 'Observer session: you may watch but not act.' };
  if (current.irreversible)
    return {
      ...base,
      enabled: false,
      reason: `${current.id} is irreversible: restore from a backup instead.`,
    };
  if (!previous)
    return { ...base, enabled: false, reason: `${current.id} is the first phase: nothing to roll back to.` };
  return { ...base, enabled: true };
}
