import { describe, expect, it } from 'vitest';
import type { MigrationDetail, PhaseView } from '../../../shared/migrations';
import { advanceAction, rollbackAction } from './plan-actions';

function phase(
  id: PhaseView['id'],
  title: string,
  state: PhaseView['state'],
  extra: Partial<PhaseView> = {},
): PhaseView {
  return {
    id,
    title,
    state,
    gates: [],
    gatesMet: true,
    items: [],
    rollback: 'undo it',
    irreversible: id === 'P7',
    ...extra,
  };
}

function plan(phases: PhaseView[], current: MigrationDetail['current']): MigrationDetail {
  return {
    id: 'p',
    title: 'P',
    database: 'orders',
    change: 'orders.a → b',
    table: 'orders',
    status: 'in-progress',
    current,
    currentTitle: '',
    failingItems: 0,
    openItems: 0,
    file: 'p.yaml',
    phases,
    databaseLabel: 'sim',
    checkTimeoutMs: 5000,
    checking: false,
  };
}

describe('plan actions', () => {
  it('advance says which item is still open', () => {
    const m = plan(
      [
        phase('P3', 'backfill', 'active', {
          items: [{ id: 'r', kind: 'sql', title: 'No rows left', state: 'failed' }],
        }),
        phase('P4', 'verify', 'pending'),
      ],
      'P3',
    );
    expect(advanceAction(m, false)).toMatchObject({
      enabled: false,
      label: 'Advance to P4',
      reason: 'P3 is not finished: “No rows left” is failed.',
    });
  });

  it('advance into the contract step warns that it is irreversible; rolling it back is refused', () => {
    const m = plan([phase('P6', 'stop writing old', 'active'), phase('P7', 'contract', 'pending')], 'P6');
    const advance = advanceAction(m, false);
    expect(advance.enabled).toBe(true);
    expect(advance.consequence.join(' ')).toContain('P7 is irreversible');
    const atP7 = plan([phase('P6', 'stop writing old', 'done'), phase('P7', 'contract', 'active')], 'P7');
    expect(rollbackAction(atP7, false)).toMatchObject({
      enabled: false,
      reason: 'P7 is irreversible: restore from a backup instead.',
    });
  });

  it('observers may not act', () => {
    const m = plan([phase('P1', 'expand', 'done'), phase('P3', 'backfill', 'active')], 'P3');
    expect(rollbackAction(m, true).enabled).toBe(false);
    expect(rollbackAction(m, false).consequence[0]).toBe(
      'P3 backfill is marked rolled back; P1 expand becomes the active phase again.',
    );
  });
});
