import type { ResultSummary } from '../../../shared/migrations';

const n = (x: number) => x.toLocaleString('en-US');
const rows = (x: number) => `${n(x)} ${x === 1 ? 'row' : 'rows'}`;
const bytes = (x: number) => `${n(x)} ${x === 1 ? 'byte' : 'bytes'}`;

/** What a hand-written query read, in words: "text, 65,561 bytes: first 1 KiB shown; 1 row". */
export function resultSummaryWords(s: ResultSummary): string {
  const read = s.moreRows ? `stopped after ${rows(s.rows)}, the most a check reads` : rows(s.rows);
  if (s.type === 'rows') return `row count judged: ${read}`;
  if (s.type === 'no-rows') return 'no rows came back';
  const value =
    s.type === 'null' ? 'NULL' : `${s.type}, ${bytes(s.bytes)}${s.truncated ? ': first 1 KiB shown' : ''}`;
  return `${value}; ${read}`;
}
