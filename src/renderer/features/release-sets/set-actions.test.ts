import { describe, expect, it } from 'vitest';
import type { Freeze } from '../../../shared/incidents';
import type { ReleaseSetRun, ReleaseSetState } from '../../../shared/release-sets';
import { setActionStates } from './set-actions';

const run = (state: ReleaseSetState): ReleaseSetRun => ({
  set: 's',
  environment: 'prod-eu',
  state,
  members: [],
  verdict: '',
  auditSeqs: [],
});
const freeze: Freeze = {
  reason: 'INC-3 is open',
  source: { kind: 'incident', id: 'INC-3' },
  environments: ['prod-eu'],
};
const base = { observer: false, freezes: [] as Freeze[], pending: false, environment: 'prod-eu' };

describe('release set actions', () => {
  it('offers Start on a set not running, Pause and Abort on a running one, Resume on a paused one', () => {
    const idle = setActionStates(undefined, base);
    expect([idle.start.enabled, idle.pause.enabled, idle.abort.enabled]).toEqual([true, false, false]);
    const running = setActionStates(run('running'), base);
    expect([
      running.start.enabled,
      running.pause.enabled,
      running.resume.enabled,
      running.abort.enabled,
    ]).toEqual([false, true, false, true]);
    expect(setActionStates(run('paused'), base).resume.enabled).toBe(true);
  });

  it('holds Start and Resume in a frozen environment with the reason, never Pause or Abort', () => {
    const frozen = { ...base, freezes: [freeze] };
    expect(setActionStates(undefined, frozen).start).toEqual({
      enabled: false,
      reason: 'Release freeze in prod-eu: INC-3 is open',
    });
    expect(setActionStates(run('paused'), frozen).resume.enabled).toBe(false);
    expect(setActionStates(run('running'), frozen).pause.enabled).toBe(true);
    expect(setActionStates(run('running'), frozen).abort.enabled).toBe(true);
    // A freeze on another environment does not hold this one.
    expect(setActionStates(undefined, { ...frozen, environment: 'staging' }).start.enabled).toBe(true);
  });

  it('shows an observer every button disabled, saying why', () => {
    const states = setActionStates(run('running'), { ...base, observer: true });
    expect(Object.values(states).every((s) => !s.enabled && s.reason?.startsWith('Observer'))).toBe(true);
  });
});
