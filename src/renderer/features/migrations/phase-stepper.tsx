import type { PhaseId, PhaseView } from '../../../shared/migrations';
import { PhaseStateBadge } from './migration-status';

interface PhaseStepperProps {
  phases: PhaseView[];
  selected: PhaseId;
  onSelect: (phase: PhaseId) => void;
}

/** A pending phase is Blocked when something beyond its predecessor (a release, an old version still running) stands in the way. */
export function isBlocked(p: PhaseView): boolean {
  return p.state === 'pending' && p.gates.some((g) => !g.met && g.kind !== 'previous-phase');
}

/** The plan's phases in order, each with its state in icon + word. */
export function PhaseStepper({ phases, selected, onSelect }: PhaseStepperProps) {
  return (
    <ol className="phase-stepper" aria-label="Phases">
      {phases.map((p) => {
        const blocked = isBlocked(p);
        return (
          <li key={p.id} className={`phase-step state-${p.state}${blocked ? ' is-blocked' : ''}`}>
            <button
              type="button"
              className="phase-step-button"
              data-testid={`phase-step-${p.id}`}
              data-state={p.state}
              aria-pressed={p.id === selected}
              aria-current={p.state === 'active' ? 'step' : undefined}
              title={
                blocked
                  ? p.gates
                      .filter((g) => !g.met)
                      .map((g) => g.reason)
                      .join(' ')
                  : undefined
              }
              onClick={() => onSelect(p.id)}
            >
              <span className="phase-step-name">
                <strong>{p.id}</strong> {p.title}
                {p.irreversible && (
                  <span className="irreversible-mark" title="Irreversible">
                    {' '}
                    ⚠
                  </span>
                )}
              </span>
              <PhaseStateBadge state={p.state} blocked={blocked} />
            </button>
          </li>
        );
      })}
    </ol>
  );
}
