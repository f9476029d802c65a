import { describe, expect, it } from 'vitest';
import { itemActions } from './item-actions';

const title = 'Backfill job started';

describe('itemActions', () => {
  it('offers Tick and Waive on a pending manual item, named as the palette lists them', () => {
    expect(itemActions({ kind: 'manual', state: 'pending', title }).map((a) => a.label)).toEqual([
      'Tick “Backfill job started”',
      'Waive “Backfill job started”',
    ]);
  });

  it('offers only Untick on a ticked manual item', () => {
    expect(itemActions({ kind: 'manual', state: 'passed', title })).toEqual([
      { kind: 'tick', word: 'Untick', label: 'Untick “Backfill job started”' },
    ]);
  });

  it('offers Waive on a failed automated item, and nothing on a waived one', () => {
    expect(itemActions({ kind: 'sql', state: 'failed', title }).map((a) => a.kind)).toEqual(['waive']);
    expect(itemActions({ kind: 'manual', state: 'waived', title })).toEqual([]);
  });
});
