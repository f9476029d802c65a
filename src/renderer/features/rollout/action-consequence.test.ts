import { describe, expect, it } from 'vitest';
import { describeConsequence } from './action-consequence';
import { checkoutRollout as checkout } from './rollout-fixture';

describe('what a destructive action will do', () => {
  it('abort names the version traffic returns to', () => {
    expect(describeConsequence('abort', checkout).lines[0]).toBe(
      'Traffic returns to 2.3.1 in prod-eu. checkout 2.4.0 stops receiving traffic.',
    );
  });

  it('roll forward names the target version and step 1', () => {
    expect(describeConsequence('roll-forward', checkout, { toVersion: '2.5.0' }).lines[0]).toBe(
      'Starts a new canary of checkout 2.5.0 in prod-eu from step 1.',
    );
  });

  it('roll forward after an abort does not claim to replace the canary that no longer serves', () => {
    const aborted = { ...checkout, phase: 'aborted' as const, weight: 0 };
    expect(describeConsequence('roll-forward', aborted, { toVersion: '2.4.1' }).lines[1]).toBe(
      '2.3.1 keeps the stable traffic until the new canary is promoted.',
    );
    expect(describeConsequence('roll-forward', checkout, { toVersion: '2.4.1' }).lines[1]).toMatch(
      /^It replaces 2\.4\.0;/,
    );
  });

  it('promote fully counts the steps it skips', () => {
    expect(describeConsequence('promote-full', checkout).lines[1]).toBe(
      'This skips the 3 remaining steps (including 1 analysis and 1 pause).',
    );
  });
});
