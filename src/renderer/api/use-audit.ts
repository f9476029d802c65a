import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditRecord } from '../../shared/domain';
import { api } from './client';
import { queryKeys, type AuditFilters } from './query-keys';

/** Enough for the largest logs the list must stay smooth with. */
export const AUDIT_LIMIT = 100_000;

function newestFirst(records: AuditRecord[]): AuditRecord[] {
  if (records.length < 2) return records;
  const first = records[0];
  const last = records[records.length - 1];
  if (first && last && first.seq > last.seq) return records;
  return [...records].sort((a, b) => b.seq - a.seq);
}

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function useAuditList(filters: AuditFilters) {
  return useQuery({
    queryKey: queryKeys.auditList(filters),
    queryFn: async () => {
      const result = await api('audit.list', {
        actor: optional(filters.actor),
        kind: optional(filters.kind),
        target: optional(filters.target),
        text: optional(filters.text),
        from: optional(filters.from),
        to: optional(filters.to),
        limit: AUDIT_LIMIT,
      });
      return { total: result.total, records: newestFirst(result.records) };
    },
    placeholderData: keepPreviousData,
  });
}

export function useAuditVerify() {
  return useMutation({ mutationFn: () => api('audit.verify', {}) });
}
