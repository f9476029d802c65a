import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/domain';
import type { RolloutSnapshot } from './deployment-backend';
import { rolloutVersions, versionHistories } from './version-verdicts';

const ID = 'checkout-prod-eu';
let seq = 0;
function rec(kind: string, actor: string, details: Record<string, unknown>, reason = '', target = ID) {
  seq++;
  const time = new Date(Date.UTC(2026, 10, 27, 12, seq)).toISOString();
  return { seq, time, actor, kind, target, reason, details, prev: '', hash: '' } satisfies AuditRecord;
}

const failReason = 'Fail: score 0 (marginal needs 75); error rate +591% (allowed +50%)';

describe('what each version was last judged', () => {
  it("names the judge's verdict as the reason of an automatic rollback", () => {
    const records = [
      rec(
        'analysis.verdict',
        'judge',
        { canaryVersion: '2.4.0', verdict: 'fail', score: 0, trigger: 'step' },
        failReason,
      ),
      rec('rollout.aborted', 'judge', { version: '2.4.0', message: 'Traffic returned to 2.3.1' }),
    ];
    const history = versionHistories(records, ID).get('2.4.0');
    expect(history?.lastVerdict).toEqual({
      verdict: 'fail',
      source: 'rollback',
      automatic: true,
      at: records[1]?.time,
      actor: 'judge',
      reason: failReason,
      score: 0,
    });
    expect(history?.failure).toEqual(history?.lastVerdict);
  });

  it("gives a person's abort their own reason", () => {
    const records = [
      rec('action.requested', 'alice', { action: 'abort' }, 'p99 regression'),
      rec('rollout.aborted', 'alice', { version: '2.4.0' }),
      rec('action.succeeded', 'alice', { action: 'abort' }, 'p99 regression'),
    ];
    expect(versionHistories(records, ID).get('2.4.0')?.failure).toMatchObject({
      source: 'rollback',
      automatic: false,
      actor: 'alice',
      reason: 'p99 regression',
    });
  });

  it('keeps a failure until the version takes all traffic; a later pass analysis does not clear it', () => {
    const records = [
      rec('analysis.verdict', 'judge', {
        canaryVersion: '2.4.1',
        verdict: 'fail',
        score: 40,
        trigger: 'background',
      }),
      rec('analysis.verdict', 'bob', {
        canaryVersion: '2.4.1',
        verdict: 'pass',
        score: 100,
        trigger: 'manual',
      }),
    ];
    const passed = versionHistories(records, ID).get('2.4.1');
    expect(passed?.lastVerdict).toMatchObject({ verdict: 'pass', automatic: false, actor: 'bob' });
    expect(passed?.failure).toMatchObject({ verdict: 'fail', score: 40 });

    records.push(rec('rollout.completed', 'controller', { version: '2.4.1' }));
    const completed = versionHistories(records, ID).get('2.4.1');
    expect(completed?.lastVerdict).toMatchObject({ verdict: 'pass', source: 'completed', automatic: true });
    expect(completed?.failure).toBeUndefined();
  });

  it("ignores other rollouts' records and records that name no version", () => {
    const records = [
      rec('analysis.verdict', 'judge', { canaryVersion: '2.4.0', verdict: 'fail' }, '', 'checkout-prod-us'),
      rec('rollout.aborted', 'judge', { message: 'an old record without its version' }),
      rec('analysis.verdict', 'judge', { canaryVersion: '2.4.0', verdict: 'bogus' }),
    ];
    expect(versionHistories(records, ID).size).toBe(0);
  });
});

describe('the versions a rollout may roll forward to', () => {
  const rollout = {
    id: ID,
    service: 'checkout',
    environment: 'prod-eu',
    stableVersion: '2.3.1',
    canaryVersion: '2.4.0',
    phase: 'progressing',
  } as RolloutSnapshot;

  it('lists what the backend knows, in its order, marking what serves now', () => {
    const answer = rolloutVersions(rollout, ['2.4.1', '2.4.0', '2.3.1'], []);
    expect(answer).toEqual({
      id: ID,
      service: 'checkout',
      environment: 'prod-eu',
      versions: [
        { version: '2.4.1' },
        { version: '2.4.0', serving: 'canary' },
        { version: '2.3.1', serving: 'stable' },
      ],
    });
  });

  it('an aborted canary no longer serves', () => {
    const aborted = { ...rollout, phase: 'aborted' } as RolloutSnapshot;
    expect(rolloutVersions(aborted, ['2.4.0'], []).versions).toEqual([{ version: '2.4.0' }]);
  });
});
