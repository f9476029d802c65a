import { describe, expect, it } from 'vitest';
import type { RolloutSnapshot } from './deployment-backend';
import { freezePolicy, refusal, versionKnownPolicy, type ActionContext } from './action-preconditions';

const checkout: RolloutSnapshot = {
  id: 'checkout-prod-eu',
  service: 'checkout',
  environment: 'prod-eu',
  strategy: 'canary',
  stableVersion: '2.3.1',
  canaryVersion: '2.4.0',
  phase: 'aborted',
  message: 'Aborted by alice',
  currentStepIndex: 1,
  stepCount: 5,
  weight: 0,
  stepStartedAt: '2026-11-27T12:00:00.000Z',
  updatedAt: '2026-11-27T12:00:00.000Z',
  revision: 9,
  steps: [],
  pauseConditions: [],
  startedAt: '2026-11-27T11:47:00.000Z',
  weightHistory: [],
  analyses: [],
  timeline: [],
};

const known = ['2.4.1', '2.4.0', '2.3.1', '2.3.0'];
const rollForward = (toVersion: string, overrides: Partial<ActionContext> = {}): ActionContext => ({
  rollout: checkout,
  action: 'roll-forward',
  toVersion,
  knownVersions: known,
  ...overrides,
});

describe('the version-known policy', () => {
  it('refuses a version the backend does not know, naming the known ones and how to list them', () => {
    const reason = refusal(rollForward('2.4.O'));
    expect(reason).toBe(
      'checkout has no version "2.4.O" that the deployment backend knows of (known: 2.4.1, 2.4.0, 2.3.1, 2.3.0). ' +
        'List them with: control-room rollouts versions checkout-prod-eu',
    );
  });

  it('lets a known version through, also the one just aborted (the dialog warns about that)', () => {
    expect(refusal(rollForward('2.4.1'))).toBeUndefined();
    expect(refusal(rollForward('2.4.0'))).toBeUndefined();
  });

  it('refuses every version when the backend knows none, and shortens a long list', () => {
    expect(refusal(rollForward('2.4.1', { knownVersions: [] }))).toMatch(/no version "2.4.1".*\. List them/);
    const many = Array.from({ length: 9 }, (_, i) => `1.${9 - i}.0`);
    expect(versionKnownPolicy(rollForward('2.0.0', { knownVersions: many }))).toMatch(
      /\(known: 1\.9\.0, 1\.8\.0, 1\.7\.0, 1\.6\.0, 1\.5\.0, 1\.4\.0, …\)/,
    );
  });

  it('has no say about other actions', () => {
    expect(versionKnownPolicy({ rollout: checkout, action: 'retry', knownVersions: [] })).toBeUndefined();
  });

  it('comes after the lifecycle: a complete rollout is refused for what it is first', () => {
    const done = { ...checkout, phase: 'completed' as const, canaryVersion: '2.3.1' };
    expect(refusal({ rollout: done, action: 'abort', knownVersions: known })).toMatch(/complete/);
    expect(refusal(rollForward('2.3.1', { rollout: done }))).toBe('2.3.1 already serves all traffic.');
  });
});

describe('freeze policy', () => {
  const freeze = { reason: 'Releases are frozen: INC-1', source: { kind: 'incident' as const, id: 'INC-1' } };
  it('refuses the actions that move new code, not pause, abort or undo, and yields to an override reason', () => {
    const base = { rollout: {} as never, knownVersions: [], freeze };
    expect(freezePolicy({ ...base, action: 'promote' })).toBe(freeze.reason);
    expect(freezePolicy({ ...base, action: 'roll-forward' })).toBe(freeze.reason);
    expect(freezePolicy({ ...base, action: 'pause' })).toBeUndefined();
    expect(freezePolicy({ ...base, action: 'abort' })).toBeUndefined();
    expect(freezePolicy({ ...base, action: 'undo' })).toBeUndefined();
    expect(freezePolicy({ ...base, action: 'promote', overrideFreeze: 'hotfix for INC-1' })).toBeUndefined();
    expect(freezePolicy({ ...base, action: 'promote', freeze: undefined })).toBeUndefined();
  });
});
