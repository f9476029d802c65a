import type { AuditFilters } from '../../api/query-keys';

interface AuditFilterBarProps {
  value: AuditFilters;
  onChange: (value: AuditFilters) => void;
  actors: string[];
  kinds: string[];
}

const FIELDS = [
  { key: 'actor', label: 'Actor', placeholder: 'e.g. alice', list: 'audit-actors' },
  { key: 'kind', label: 'Kind', placeholder: 'e.g. action', list: 'audit-kinds' },
  { key: 'target', label: 'Target', placeholder: 'e.g. checkout-prod-eu', list: undefined },
  { key: 'text', label: 'Text', placeholder: 'Search reason and details', list: undefined },
] as const;

export function AuditFilterBar({ value, onChange, actors, kinds }: AuditFilterBarProps) {
  return (
    <div className="audit-filters" role="search" aria-label="Filter the audit log">
      {FIELDS.map((f) => (
        <span key={f.key} className="field-inline">
          <label htmlFor={`audit-filter-${f.key}`}>{f.label}</label>
          <input
            id={`audit-filter-${f.key}`}
            type="search"
            value={value[f.key]}
            placeholder={f.placeholder}
            list={f.list}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange({ ...value, [f.key]: e.target.value })}
          />
        </span>
      ))}
      <datalist id="audit-actors">
        {actors.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <datalist id="audit-kinds">
        {kinds.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
    </div>
  );
}
