export const AUDIT_COLUMNS = [
  { id: 'seq', label: 'Seq' },
  { id: 'time', label: 'Time (UTC)' },
  { id: 'actor', label: 'Actor' },
  { id: 'kind', label: 'Kind' },
  { id: 'target', label: 'Target' },
  { id: 'reason', label: 'Reason' },
  { id: 'details', label: 'Details' },
] as const;
