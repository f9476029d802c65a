import { forwardRef, useId } from 'react';
import { ROLLOUT_PHASES } from '../../../shared/domain';
import { PHASE_WORDS } from '../../components/status-words';
import { useFleetFilterStore, type StatusFilter } from '../../store/fleet-filter-store';

interface FleetFiltersProps {
  environments: string[];
  shown: number;
  total: number;
}

export const FleetFilters = forwardRef<HTMLInputElement, FleetFiltersProps>(function FleetFilters(
  { environments, shown, total },
  searchRef,
) {
  const selected = useFleetFilterStore((s) => s.environments);
  const toggleEnvironment = useFleetFilterStore((s) => s.toggleEnvironment);
  const clearEnvironments = useFleetFilterStore((s) => s.clearEnvironments);
  const status = useFleetFilterStore((s) => s.status);
  const setStatus = useFleetFilterStore((s) => s.setStatus);
  const text = useFleetFilterStore((s) => s.text);
  const setText = useFleetFilterStore((s) => s.setText);
  const statusId = useId();
  const searchId = useId();

  return (
    <div className="fleet-filters">
      <div className="chip-group" role="group" aria-label="Environment">
        <button
          type="button"
          className="chip"
          aria-pressed={selected.length === 0}
          onClick={clearEnvironments}
        >
          All environments
        </button>
        {environments.map((env) => (
          <button
            key={env}
            type="button"
            className="chip"
            aria-pressed={selected.includes(env)}
            onClick={() => toggleEnvironment(env)}
          >
            {env}
          </button>
        ))}
      </div>
      <span className="field-inline">
        <label htmlFor={statusId}>Status</label>
        <select id={statusId} value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
          <option value="all">All</option>
          <option value="attention">Needs attention</option>
          {ROLLOUT_PHASES.map((phase) => (
            <option key={phase} value={phase}>
              {PHASE_WORDS[phase]}
            </option>
          ))}
        </select>
      </span>
      <span className="field-inline field-grow">
        <label htmlFor={searchId}>Search</label>
        <input
          id={searchId}
          ref={searchRef}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Service, version or message  ( / )"
          aria-keyshortcuts="/"
        />
      </span>
      <span className="fleet-shown tabular" aria-live="polite" data-testid="fleet-count">
        {shown === total ? `${total} rollouts` : `${shown} of ${total} rollouts`}
      </span>
    </div>
  );
});
