import type { AuditFilters } from '../../api/query-keys';
import { useSimNow } from '../../components/use-now';
import { isoToUtcField, RANGE_PRESETS, rangeProblem } from './time-range';
import type { PaletteEntry } from '../../app/palette-entry';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';

/**
 * What the person typed, field by field as in the query; `from` and `to` are datetime-local
 * values read as UTC, which the view turns into ISO 8601.
 */
export type AuditFilterFields = Record<keyof AuditFilters, string>;

interface AuditFilterBarProps {
  value: AuditFilterFields;
  onChange: (value: AuditFilterFields) => void;
  actors: string[];
  kinds: string[];
}

const FIELDS = [
  { key: 'actor', label: 'Actor', placeholder: 'e.g. alice', list: 'audit-actors' },
  { key: 'kind', label: 'Kind', placeholder: 'e.g. action', list: 'audit-kinds' },
  { key: 'target', label: 'Target', placeholder: 'e.g. checkout-prod-eu', list: undefined },
  { key: 'text', label: 'Text', placeholder: 'Search reason and details', list: undefined },
] as const;

const RANGE_ERROR_ID = 'audit-range-error';

/** From / To in UTC, with quick ranges back from the backend's clock. */
function TimeRange({ value, onChange }: Pick<AuditFilterBarProps, 'value' | 'onChange'>) {
  const now = useSimNow(1000);
  const problem = rangeProblem(value.from, value.to);
  const open = value.from === '' && value.to === '';
  // The presets, for the palette: "Audit: last hour".
  useScreenPaletteEntries('audit:range', [
    ...RANGE_PRESETS.map((p): PaletteEntry => ({
      id: `audit:range:${p.label}`,
      name: `Audit: ${p.label.toLowerCase()}`,
      keywords: [p.label, 'audit', 'time range', 'filter'],
      kind: 'setting',
      group: 'Audit log',
      run: () => onChange({ ...value, from: isoToUtcField(now - p.ms), to: '' }),
    })),
    {
      id: 'audit:range:any',
      name: 'Audit: any time',
      keywords: ['Any time', 'audit', 'time range', 'filter'],
      kind: 'setting',
      group: 'Audit log',
      run: () => onChange({ ...value, from: '', to: '' }),
    },
  ]);
  const field = (key: 'from' | 'to', label: string) => (
    <span className="field-inline">
      <label htmlFor={`audit-filter-${key}`}>{label}</label>
      <input
        id={`audit-filter-${key}`}
        type="datetime-local"
        step={1}
        value={value[key]}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? RANGE_ERROR_ID : undefined}
        onChange={(e) => onChange({ ...value, [key]: e.target.value })}
      />
    </span>
  );
  return (
    <div className="audit-range" role="group" aria-label="Time range (UTC)">
      {field('from', 'From')}
      {field('to', 'To')}
      <span className="muted audit-range-zone">UTC</span>
      <span className="segmented">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            className="segment"
            onClick={() => onChange({ ...value, from: isoToUtcField(now - p.ms), to: '' })}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          className="segment"
          aria-pressed={open}
          onClick={() => onChange({ ...value, from: '', to: '' })}
        >
          Any time
        </button>
      </span>
      {problem && (
        <span id={RANGE_ERROR_ID} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

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
      <TimeRange value={value} onChange={onChange} />
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
