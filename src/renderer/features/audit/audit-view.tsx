import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AuditFilters } from '../../api/query-keys';
import { AUDIT_LIMIT, useAuditList } from '../../api/use-audit';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { groupAuditEntries } from './audit-entries';
import { AuditFilterBar, type AuditFilterFields } from './audit-filters';
import { AuditList } from './audit-list';
import { utcFieldToIso } from './time-range';
import { VerifyChain } from './verify-chain';
import './audit.css';

const NO_FILTERS: AuditFilterFields = { actor: '', kind: '', target: '', text: '', from: '', to: '' };

function distinct(values: string[], max: number): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b)).slice(0, max);
}

const count = (n: number): string => n.toLocaleString('en-US');

function toQuery(fields: AuditFilterFields): AuditFilters {
  return { ...fields, from: utcFieldToIso(fields.from) ?? '', to: utcFieldToIso(fields.to) ?? '' };
}

export function AuditView() {
  const [filters, setFilters] = useState<AuditFilterFields>(NO_FILTERS);
  const debounced = useDebouncedValue(filters, 300);
  const queryInput = useMemo(() => toQuery(debounced), [debounced]);
  const query = useAuditList(queryInput);
  const records = query.data?.records;
  const entries = useMemo(() => (records ? groupAuditEntries(records) : undefined), [records]);

  const suggestions = useMemo(() => {
    const sample = (records ?? []).slice(0, 5000);
    return {
      actors: distinct(
        sample.map((r) => r.actor),
        50,
      ),
      kinds: distinct(
        sample.map((r) => r.kind),
        50,
      ),
    };
  }, [records]);

  const total = query.data?.total ?? 0;
  const shown = records?.length ?? 0;

  return (
    <section className="audit-view" aria-labelledby="audit-title">
      <div className="view-head">
        <h1 id="audit-title" className="view-title">
          Audit log
        </h1>
        <span className="muted tabular" aria-live="polite" data-testid="audit-count">
          {query.data
            ? `${shown < total ? `${count(shown)} of ${count(total)}` : count(total)} records` +
              ` · ${count(entries?.length ?? 0)} entries`
            : ''}
          {query.isFetching && query.data ? ' · updating…' : ''}
        </span>
        <VerifyChain />
      </div>
      <AuditFilterBar
        value={filters}
        onChange={setFilters}
        actors={suggestions.actors}
        kinds={suggestions.kinds}
      />
      {query.isError && (
        <p className="banner banner-error" role="alert">
          The audit log could not be loaded: {errorMessage(query.error)}
          {records ? ' — showing the last records received.' : ''}
        </p>
      )}
      {shown >= AUDIT_LIMIT && total > shown && (
        <p className="muted">
          Showing {count(AUDIT_LIMIT)} records at most; narrow the filters to find others.
        </p>
      )}
      {entries ? (
        <AuditList entries={entries} filtered={Object.values(debounced).some((v) => v.trim() !== '')} />
      ) : (
        !query.isError && <p className="loading">Loading the audit log…</p>
      )}
    </section>
  );
}
