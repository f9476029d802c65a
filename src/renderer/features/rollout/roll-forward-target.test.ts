import { describe, expect, it } from 'vitest';
import type { RolloutVersions } from '../../../shared/api';
import type { RolloutDetail } from '../../../shared/domain';
import { checkTarget } from './roll-forward-target';

const rollout = {
  id: 'checkout-prod-eu',
  service: 'checkout',
  stableVersion: '2.3.1',
  canaryVersion: '2.4.0',
  phase: 'aborted',
} as RolloutDetail;

const versions: RolloutVersions = {
  id: 'checkout-prod-eu',
  service: 'checkout',
  environment: 'prod-eu',
  versions: [
    { version: '2.4.1' },
    {
      version: '2.4.0',
      failure: {
        verdict: 'fail',
        source: 'rollback',
        automatic: false,
        at: '2026-11-27T12:00:00.000Z',
        actor: 'alice',
        reason: 'p99',
      },
    },
    { version: '2.3.1', serving: 'stable' },
  ],
};

describe('the version roll forward may send', () => {
  it('refuses a typo of a known version, saying what to do', () => {
    expect(checkTarget(rollout, '2.4.O', versions, false)).toEqual({
      problem: 'checkout has no version 2.4.O: pick one of the 3 known versions.',
      needsAcknowledgement: false,
    });
  });

  it('lets a known version through', () => {
    expect(checkTarget(rollout, '2.4.1', versions, false).problem).toBeNull();
  });

  it('asks to acknowledge a version that failed, then lets it through', () => {
    const unacknowledged = checkTarget(rollout, '2.4.0', versions, false);
    expect(unacknowledged).toMatchObject({ needsAcknowledgement: true, known: { version: '2.4.0' } });
    expect(unacknowledged.problem).toBe(
      '2.4.0 failed before: tick “Roll forward to 2.4.0 anyway” to go ahead.',
    );
    expect(checkTarget(rollout, '2.4.0', versions, true).problem).toBeNull();
  });

  it('checks the shape first and the canary in flight, also before the list has loaded', () => {
    expect(checkTarget(rollout, '', undefined, false).problem).toMatch(/^Enter the version/);
    expect(checkTarget(rollout, '2.4 .0', undefined, false).problem).toMatch(
      /^Version must look like a version/,
    );
    const rolling = { ...rollout, phase: 'progressing' } as RolloutDetail;
    expect(checkTarget(rolling, '2.4.0', undefined, false).problem).toBe('2.4.0 is already the canary.');
    // Without the list the control room's own refusal is the check.
    expect(checkTarget(rollout, '2.9.9', undefined, false).problem).toBeNull();
  });
});
