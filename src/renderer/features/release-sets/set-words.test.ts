import { describe, expect, it } from 'vitest';
import type { MemberStatus, ReleaseSetMember, ReleaseSetRun } from '../../../shared/release-sets';
import { abortConsequence, gateWords, membersInShort, startConsequence } from './set-words';

const checkout: ReleaseSetMember = { kind: 'service', service: 'checkout', version: '2.4.0' };
const payments: ReleaseSetMember = { kind: 'service', service: 'payments', version: '5.13.0' };
const orders: ReleaseSetMember = { kind: 'migration', plan: 'orders', phase: 'P5' };

const status = (member: ReleaseSetMember, state: MemberStatus['state'], label: string): MemberStatus => ({
  member,
  label,
  state,
});

function run(members: MemberStatus[]): ReleaseSetRun {
  return {
    set: 'checkout-2-4',
    environment: 'prod-eu',
    state: 'running',
    members,
    verdict: '',
    auditSeqs: [],
  };
}

describe('release set words', () => {
  it('writes the members in short as a set file does', () => {
    expect(membersInShort([checkout, payments, orders])).toBe(
      'checkout 2.4.0 + payments 5.13.0 + orders schema P5',
    );
  });

  it('says whether a gate is open or waiting, once, whatever prefix the server gave', () => {
    expect(gateWords({ holds: false, reason: 'waiting: checkout at 40%' })).toBe('waiting: checkout at 40%');
    expect(gateWords({ holds: true, reason: 'checkout at 100% and healthy' })).toBe(
      'open: checkout at 100% and healthy',
    );
  });

  it('aborts the started members last first, and names the ones that will not start', () => {
    const lines = abortConsequence(
      run([
        status(checkout, 'done', 'checkout 2.4.0'),
        status(payments, 'rolling-out', 'payments 5.13.0'),
        status(orders, 'waiting', 'orders schema P5'),
      ]),
    );
    expect(lines[0]).toBe('Aborts payments then checkout in prod-eu, last member first.');
    expect(lines).toContain('orders schema P5 will not start.');
  });

  it('starts the first member now and says what each next one waits for', () => {
    expect(startConsequence('checkout-2-4', [checkout, payments, orders], 'prod-eu')).toEqual([
      'Starts checkout 2.4.0 in prod-eu now.',
      'payments 5.13.0 starts only when checkout is at 100% and healthy in prod-eu.',
      'orders schema P5 starts only when payments is at 100% and healthy in prod-eu.',
    ]);
  });
});
