import { forwardRef, useId } from 'react';
import { ROLLOUT_PHASES } from '../../../shared/domain';
import { PHASE_WORDS } from '../../components/status-words';
import { useFleetFilterStore, type StatusFilter } from '../../store/fleet-filter-store';

interface FilterChipsProps {
  /** The group's accessible name. */
  label: string;
  allLabel: string;
  values: readonly string[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  onClear: () => void;
}

/** Toggle chips for one field: none pressed, or "All", means every value. */
function FilterChips({ label, allLabel, values, selected, onToggle, onClear }: FilterChipsProps) {
  return (
    <div className="chip-group" role="group" aria-label={label}>
      <button type="button" className="chip" aria-pressed={selected.length === 0} onClick={onClear}>
        {allLabel}
      </button>
      {values.map((value) => (
        <button
          key={value}
          type="button"
          className="chip"
          aria-pressed={selected.includes(value)}
          onClick={() => onToggle(value)}
        >
          {value}
        </button>
      ))}
    </div>
  );
}

interface FleetFiltersProps {
  environments: string[];
  /** Every deployment connection, in config order; chips only when there is more than one. */
  connections: string[];
  shown: number;
  total: number;
}

export const FleetFilters = forwardRef<HTMLInputElement, FleetFiltersProps>(function FleetFilters(
  { environments, connections, shown, total },
  searchRef,
) {
  const selected = useFleetFilterStore((s) => s.environments);
  const toggleEnvironment = useFleetFilterStore((s) => s.toggleEnvironment);
  const clearEnvironments = useFleetFilterStore((s) => s.clearEnvironments);
  const selectedConnections = useFleetFilterStore((s) => s.connections);
  const toggleConnection = useFleetFilterStore((s) => s.toggleConnection);
  const clearConnections = useFleetFilterStore((s) => s.clearConnections);
  const status = useFleetFilterStore((s) => s.status);
  const setStatus = useFleetFilterStore((s) => s.setStatus);
  const text = useFleetFilterStore((s) => s.text);
  const setText = useFleetFilterStore((s) => s.setText);
  const statusId = useId();
  const searchId = useId();

  return (
    <div className="fleet-filters">
      {connections.length > 1 && (
        <FilterChips
          label="Connection"
          allLabel="All connections"
          values={connections}
          selected={selectedConnections}
          onToggle={toggleConnection}
          onClear={clearConnections}
        />
      )}
      <FilterChips
        label="Environment"
        allLabel="All environments"
        values={environments}
        selected={selected}
        onToggle={toggleEnvironment}
        onClear={clearEnvironments}
      />
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
      <div className="fleet-search">
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
    </div>
  );
});
