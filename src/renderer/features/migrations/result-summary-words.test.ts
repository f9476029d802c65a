import { describe, expect, it } from 'vitest';
import { resultSummaryWords } from './result-summary-words';

describe('what a query read, in words', () => {
  it('says a long value was cut and how long it was', () => {
    expect(
      resultSummaryWords({ type: 'text', bytes: 65_561, truncated: true, rows: 1, moreRows: false }),
    ).toBe('text, 65,561 bytes: first 1 KiB shown; 1 row');
  });

  it('says when the row cap stopped reading', () => {
    expect(resultSummaryWords({ type: 'rows', bytes: 0, truncated: false, rows: 1000, moreRows: true })).toBe(
      'row count judged: stopped after 1,000 rows, the most a check reads',
    );
    expect(
      resultSummaryWords({ type: 'integer', bytes: 1, truncated: false, rows: 3, moreRows: false }),
    ).toBe('integer, 1 byte; 3 rows');
  });
});
